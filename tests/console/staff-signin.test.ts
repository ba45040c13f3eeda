/**
 * A staff member invited in the console with a phone and no password: the coordinator sees the
 * one-time code once, on a page of its own; the staff member signs in the first time with it,
 * chooses a password, and from then on signs in with the phone. Every page in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';

describe('console: staff invited by phone with a one-time code', () => {
  let api: TestApi;
  const coordinator = consoleSession(() => api.app);
  const newcomer = consoleSession(() => api.app);

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    const res = await coordinator.request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
  });
  afterAll(() => api.close());

  it('shows the code once, and the first sign-in with it sets the password', async () => {
    const invited = await coordinator.request('POST', '/console/staff', {
      name: '网格员小刘',
      phone: '139 0000 5678',
      rights: 'inspector',
      areas: '',
      email: '',
      password: '',
      residentPhone: '',
    });
    expect(invited.status).toBe(200);
    expect(invited.headers.get('cache-control')).toBe('no-store');
    const page = await invited.text();
    const code = page.match(/data-sign-in-code[^>]*>(\d{4} \d{4})</)?.[1];
    expect(code).toBeTruthy();
    expect(visibleText(page)).toContain('网格员小刘 的一次性登录码');
    expect(latinWords(visibleText(page))).toEqual([]);
    // The list says a code waits, not what it is.
    const list = await (await coordinator.request('GET', '/console/staff')).text();
    expect(list).not.toContain(code!);

    const login = await (await newcomer.request('GET', '/console/login')).text();
    expect(visibleText(login)).toContain('电子邮箱或手机号');
    expect(login).toContain('href="/console/first-sign-in"');
    const form = await (await newcomer.request('GET', '/console/first-sign-in')).text();
    expect(latinWords(visibleText(form))).toEqual([]);

    const differ = await newcomer.request('POST', '/console/first-sign-in', {
      email: '13900005678',
      code: code!,
      newPassword: 'my own password',
      repeat: 'my own passwort',
    });
    expect(differ.status).toBe(400);
    expect(visibleText(await differ.text())).toContain('两次输入的密码不一样');
    const wrong = await newcomer.request('POST', '/console/first-sign-in', {
      email: '13900005678',
      code: '1111 1111',
      newPassword: 'my own password',
      repeat: 'my own password',
    });
    expect(wrong.status).toBe(401);
    expect(visibleText(await wrong.text())).toContain('登录码不对');

    const first = await newcomer.request('POST', '/console/first-sign-in', {
      email: '139-0000-5678',
      code: code!,
      newPassword: 'my own password',
      repeat: 'my own password',
    });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/console/');
    expect((await newcomer.request('GET', '/console/')).status).toBe(200);

    newcomer.clear();
    const again = await newcomer.request('POST', '/console/login', {
      email: '13900005678',
      password: 'my own password',
      next: '/console/',
    });
    expect(again.status).toBe(303);
  });
});
