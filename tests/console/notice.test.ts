import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../shared/text.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createMerchant, createResident, enrollDevice } from '../helpers/world.ts';

/** The public monthly notice (一月一公示): who earned what, what was spent where, names masked. */
describe('console monthly notice', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-20T02:00:00Z' });
    const coordinator = await api.login();
    const wang = await createResident(api, coordinator, '王桂兰', 120);
    await createResident(api, coordinator, '李四', 30);
    const merchant = await createMerchant(api, coordinator, '叶子发艺');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const voucher = await wang.voucher({ capPoints: 50 });
    const res = await api.call('POST', '/v1/redemptions', {
      token: device.token,
      body: device.sign({ voucher: voucher.text, points: 50, billFen: 3000, discountFen: 500 }),
    });
    expect((await res.json()).outcome).toBe('accepted');
    api.clock.set('2026-11-02T02:00:00Z'); // the notice goes up early the next month
    const login = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(login.status).toBe(303);
  });
  afterAll(() => api.close());

  it('masks names: the first character and, for longer names, the last', () => {
    expect(maskName('王桂兰')).toBe('王*兰');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳建国')).toBe('欧**国');
    expect(maskName('王')).toBe('王');
  });

  it("October's notice lists the earners with masked names, the merchants, and the totals", async () => {
    const html = await (await request('GET', '/console/notice?month=2026-10')).text();
    expect(html).toContain('测试联盟 · 2026-10 文明积分公示');
    expect(html).toContain('data-notice="issued">150<');
    expect(html).toContain('data-notice="spent">50<');
    expect(html).toContain('data-notice="earners">2<');
    expect(html).toContain('王*兰');
    expect(html).toContain('李*');
    expect(html).not.toContain('王桂兰');
    expect(html).toContain('志愿服务');
    expect(html).toMatch(
      /叶子发艺 <span class="muted">#\d+<\/span><\/td><td class="num">1<\/td><td class="num">50</,
    );

    const full = await (await request('GET', '/console/notice?month=2026-10&names=full')).text();
    expect(full).toContain('王桂兰');
    const november = await (await request('GET', '/console/notice')).text();
    expect(november).toContain('2026-11 文明积分公示');
    expect(november).toContain('data-notice="issued">0<');
  });
});
