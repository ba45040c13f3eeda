/**
 * Month end the coordinator can trust, through the console's own forms: who funds each shop's
 * discounts and the statements that follow from it, revoking a device only after a page that
 * names it, a lost phone signed out, and the slips and forms a coordinator prints and fills.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

describe('month end in the console', () => {
  let api: TestApi;
  let coordinator: string;
  const session = consoleSession(() => api.app);
  let barber: { id: string; number: number; device: TestDevice };
  let restaurant: { id: string; number: number; device: TestDevice };

  const signIn = async () => {
    const res = await session.request('POST', '/console/login', { ...ADMIN, next: '/console/' });
    expect(res.status).toBe(303);
  };
  const page = async (path: string) => {
    const res = await session.request('GET', path);
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-10T02:00:00Z' });
    coordinator = await api.login();
    for (const name of ['叶子发艺', '老街饭店']) {
      const merchant = await createMerchant(api, coordinator, name);
      const device = await enrollDevice(api, coordinator, merchant.id);
      if (name === '叶子发艺') barber = { ...merchant, device };
      else restaurant = { ...merchant, device };
    }
    await signIn();
  });
  afterAll(() => api.close());

  it('sets who funds the discounts from a month on, and refuses a rule without its figure', async () => {
    const set = (merchantId: string, form: Record<string, string>) =>
      session.request('POST', `/console/merchants/${merchantId}/funding`, form);
    const missing = await set(barber.id, { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: '' });
    expect(missing.status).toBe(303);
    const refused = await page(missing.headers.get('location')!);
    expect(refused).toContain('class="error"');

    expect(
      (await set(barber.id, { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: '10' })).status,
    ).toBe(303);
    expect((await set(restaurant.id, { fromMonth: '2026-11', rule: 'merchant' })).status).toBe(303);
    const barberPage = await page(`/console/merchants/${barber.id}`);
    expect(barberPage).toContain('data-funding="per_point"');
    expect(barberPage).toContain('联盟按积分补贴 · 10 分/积分');
    expect(await page(`/console/merchants/${restaurant.id}`)).toContain('商户自己承担优惠');
  });

  it('statements say the discount, who bore it and the amount due: 10 fen a point, or ¥0 for a shop that bears it', async () => {
    for (const shop of [barber, restaurant]) {
      const resident = await createResident(api, coordinator, `顾客${shop.number}`, 150);
      const voucher = await resident.voucher({ capPoints: 150 });
      const res = await api.call('POST', '/v1/redemptions/sync', {
        token: shop.device.token,
        body: {
          records: [
            shop.device.sign({ voucher: voucher.text, points: 150, billFen: 6000, discountFen: 1500 }),
          ],
        },
      });
      expect((await res.json()).results[0].outcome).toBe('accepted');
    }
    api.clock.set('2026-12-01T02:00:00Z');
    await signIn();
    const settlement = await page('/console/settlement');
    expect(settlement).toMatch(/<option value="2026-11" selected="">2026年11月<\/option>/);
    expect(settlement).not.toContain('value="2026-12"');
    const closed = await session.request('POST', '/console/settlement/close', { month: '2026-11' });
    expect(closed.status).toBe(303);
    const period = await page(closed.headers.get('location')!);
    const links = [
      ...period.matchAll(/href="(\/console\/settlement\/[0-9a-f-]{36}\/statements\/[0-9a-f-]{36})"/g),
    ].map((m) => m[1]!);
    const statements = await Promise.all(links.map(page));
    const of = (name: string) => statements.find((html) => html.includes(name))!;

    const paid = of('叶子发艺');
    expect(paid).toContain('data-discount-fen="1500"');
    expect(paid).toContain('data-funding="per_point"');
    expect(paid).toContain('data-reimbursement-fen="1500"');
    expect(paid).toContain('¥15.00');
    expect(paid).toContain('150 积分 × 10 分/积分');

    const borne = of('老街饭店');
    expect(borne).toContain('data-discount-fen="1500"');
    expect(borne).toContain('data-funding="merchant"');
    expect(borne).toContain('商户自己承担优惠');
    expect(borne).toContain('data-reimbursement-fen="0"');
    expect(borne).toContain('¥0.00');
  });

  it('revoking a device asks first, naming the shop and the device', async () => {
    const merchantPage = await page(`/console/merchants/${barber.id}`);
    const ask = `/console/merchants/${barber.id}/devices/${barber.device.deviceId}/revoke`;
    expect(merchantPage).toContain(`href="${ask}"`);
    expect(merchantPage).not.toContain(`action="${ask}"`); // no one-click revoke
    const confirm = await page(ask);
    expect(confirm).toContain('叶子发艺');
    expect(confirm).toMatch(/停用叶子发艺的设备「[^」]+」/);
    // The month's jump in time ended the device's access token: it renews, as the app does.
    const renewed = await (
      await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: barber.device.refreshToken } })
    ).json();
    const config = () => api.call('GET', '/v1/merchant/config', { token: renewed.accessToken });
    expect((await config()).status).toBe(200);
    expect((await session.request('POST', ask, {})).status).toBe(303);
    expect((await config()).status).toBe(403);
  });

  it("a resident's page lists their phones and signs a lost one out", async () => {
    const created = await (
      await api.call('POST', '/v1/residents', { token: await api.login(), body: { name: '李建国' } })
    ).json();
    const phone = await (
      await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })
    ).json();
    const residentPage = await page(`/console/residents/${created.id}`);
    const familyId = /data-phone="([0-9a-f-]{36})"/.exec(residentPage)?.[1];
    expect(familyId).toBeDefined();
    expect(residentPage).toContain('手机 1');
    const out = await session.request(
      'POST',
      `/console/residents/${created.id}/phones/${familyId}/sign-out`,
      {},
    );
    expect(out.status).toBe(303);
    expect(await page(out.headers.get('location')!)).toContain('这台手机已退出');
    const refreshed = await api.call('POST', '/v1/auth/refresh', {
      body: { refreshToken: phone.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    expect(await page(`/console/residents/${created.id}`)).toContain('还没有在手机上登记');
  });

  it('slips print the web address; the residents page links bulk grants and names the household field 户名', async () => {
    const slip = await session.request('POST', '/console/residents', { name: '王桂兰' });
    expect(slip.status).toBe(200);
    expect(await slip.text()).toMatch(/data-address[^>]*>http:\/\/localhost\/resident\/</);
    const residents = await page('/console/residents');
    expect(residents).toContain('href="/console/residents/grants"');
    expect(residents).toMatch(/<label for="hname">户名<\/label>/);
  });
});
