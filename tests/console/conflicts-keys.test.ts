import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';

/** The conflicts and keys pages through real form posts. */
describe('console conflicts and keys', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  beforeAll(async () => {
    api = await createTestApi();
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
  });
  afterAll(() => api.close());

  it('the keys page lists the signing keys; rotating publishes one pending key, and only one', async () => {
    const before = await (await request('GET', '/console/keys')).text();
    expect(before).toContain('key-active');
    expect(before).not.toContain('key-pending');
    for (let i = 0; i < 2; i++) {
      const res = await request('POST', '/console/keys/rotate', {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/console/keys');
    }
    const after = await (await request('GET', '/console/keys')).text();
    expect(after.match(/key-pending/g)?.length).toBe(1);
    expect(after).toContain('key-active');
    const auditPage = await (await request('GET', '/console/audit')).text();
    expect(auditPage.match(/>keys\.rotate</g)?.length).toBe(1);
  });

  it('the conflicts page shows; deciding an unknown conflict is refused with a message', async () => {
    const page = await request('GET', '/console/conflicts');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('冲突');
    const res = await request('POST', '/console/conflicts/00000000-0000-4000-8000-000000000000/decide', {
      bears: 'alliance',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('error=');
  });
});
