import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createMerchant, createResident, enrollDevice } from '../helpers/world.ts';

/** The dashboard's ledger figures and its server-drawn chart, after a grant and a capture. */
describe('console dashboard', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  beforeAll(async () => {
    api = await createTestApi();
    const coordinator = await api.login();
    const resident = await createResident(api, coordinator, '张秀英', 100);
    const merchant = await createMerchant(api, coordinator, '叶子发艺');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const voucher = await resident.voucher({ capPoints: 40 });
    const res = await api.call('POST', '/v1/redemptions', {
      token: device.token,
      body: device.sign({ voucher: voucher.text, points: 30 }),
    });
    expect((await res.json()).outcome).toBe('accepted');
    await resident.voucher({ capPoints: 20 }); // stays open: held
    const login = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(login.status).toBe(303);
  });
  afterAll(() => api.close());

  it('shows issued, redeemed, outstanding and held points, and a bar for today', async () => {
    const html = await (await request('GET', '/console/')).text();
    const stat = (key: string) => Number(new RegExp(`data-stat="${key}">(\\d+)<`).exec(html)?.[1]);
    expect(stat('issued')).toBe(100);
    expect(stat('redeemed')).toBe(30);
    expect(stat('outstanding')).toBe(70);
    expect(stat('held')).toBe(20);
    expect(stat('conflicts')).toBe(0);
    expect(html).toContain('<svg');
    expect(html.match(/<rect /g)?.length).toBe(60);
    expect(html).toContain('<title>11月22日: 1</title>');
    // No inline script: the one script tag loads the console's own print helper file.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc="\/console\/print\.js")/);
    const top = html.slice(html.indexOf('data-table="top-merchants"'));
    expect(top).toMatch(/叶子发艺<\/a><\/td><td class="num">1<\/td><td class="num">30</);
    expect(stat('residents')).toBe(1);
    expect(html).toContain('近 30 天活跃 1');
  });

  it('a sale the shop undid counts nowhere: the dashboard, its top merchants and the notice agree', async () => {
    const coordinator = await api.login();
    const merchants = (await (await api.call('GET', '/v1/merchants', { token: coordinator })).json())
      .merchants;
    const device = await enrollDevice(api, coordinator, merchants[0].id);
    const resident = await createResident(api, coordinator, '李建国', 100);
    const voucher = await resident.voucher({ capPoints: 25 });
    const sale = await (
      await api.call('POST', '/v1/redemptions', {
        token: device.token,
        body: device.sign({ voucher: voucher.text, points: 25 }),
      })
    ).json();
    expect(sale.outcome).toBe('accepted');
    const undone = await api.call('POST', `/v1/redemptions/${sale.id}/reverse`, { token: device.token });
    expect(undone.status).toBe(200);

    const html = await (await request('GET', '/console/')).text();
    expect(Number(/data-stat="redeemed">(\d+)</.exec(html)?.[1])).toBe(30);
    const top = html.slice(html.indexOf('data-table="top-merchants"'));
    expect(top).toMatch(/叶子发艺<\/a><\/td><td class="num">1<\/td><td class="num">30</);
    const notice = await (await request('GET', '/console/notice?month=2026-11')).text();
    const spent = notice.slice(notice.indexOf('data-table="merchants"'));
    expect(spent).toMatch(
      /叶子发艺 <span class="muted">#\d+<\/span><\/td><td class="num">1<\/td><td class="num">30</,
    );
  });
});
