/**
 * One open code per person, the code's fate as the resident's screen asks for it, the 码号 a shop
 * types when the QR will not scan, and the day list a shop reads (offer titles, device names,
 * where a refused double presentment stands).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedemptionList, ShortCodeLookupResponse, SyncResponse } from '../../shared/api/merchant.ts';
import { MeResponse, VoucherStatus } from '../../shared/api/resident.ts';
import { formatShortCode, shortCodeOf } from '../../shared/short-code.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import {
  createMerchant,
  createResident,
  enrollDevice,
  presentTwice,
  type TestDevice,
} from '../helpers/world.ts';

describe('open codes, their status and the 码号', () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let device: TestDevice;
  let secondDevice: TestDevice;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '叶子发艺');
    device = await enrollDevice(api, coordinator, shop.id);
    secondDevice = await enrollDevice(api, coordinator, shop.id);
  });
  afterAll(() => api.close());

  const sync = async (d: TestDevice, record: unknown) => {
    const res = await api.call('POST', '/v1/redemptions/sync', {
      token: d.token,
      body: { records: [record] },
    });
    expect(res.status).toBe(200);
    return SyncResponse.parse(await res.json()).results[0]!;
  };
  const status = async (token: string, voucherId: string) =>
    VoucherStatus.parse(await (await api.call('GET', `/v1/vouchers/${voucherId}`, { token })).json());

  it('codes made again and again lock only the last one: 860 stays 860 less one code', async () => {
    const li = await createResident(api, coordinator, '李建国', 860);
    for (let i = 0; i < 5; i++) await li.voucher({ capPoints: 500 });
    const me = MeResponse.parse(await li.me());
    expect(me).toMatchObject({ balance: 860, held: 500, available: 360 });
    // The whole balance is still offered: the open code's points count as spendable.
    const all = await li.voucher({ capPoints: 860 });
    expect(all.capPoints).toBe(860);
    expect(MeResponse.parse(await li.me())).toMatchObject({ held: 860, available: 0 });
  });

  it('household members each keep their own open code', async () => {
    const household = await (
      await api.call('POST', '/v1/households', { token: coordinator, body: { name: '王家' } })
    ).json();
    const wang = await createResident(api, coordinator, '王大妈', 0);
    const son = await createResident(api, coordinator, '王小明', 0);
    for (const r of [wang, son]) {
      const res = await api.call('PATCH', `/v1/residents/${r.id}`, {
        token: coordinator,
        body: { householdId: household.id },
      });
      expect(res.status).toBe(200);
    }
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': `household-${household.id}` },
      body: { residentId: wang.id, points: 300, reason: '门前三包' },
    });
    const mother = await wang.voucher({ capPoints: 100 });
    await son.voucher({ capPoints: 100 });
    expect(MeResponse.parse(await wang.me())).toMatchObject({ balance: 300, held: 200, available: 100 });
    expect((await status(wang.token, mother.voucherId)).state).toBe('open');
  });

  it('the screen learns the code was used: points, shop and what is left', async () => {
    const zhang = await createResident(api, coordinator, '张秀英', 860);
    const code = await zhang.voucher({ capPoints: 100 });
    expect(await status(zhang.token, code.voucherId)).toMatchObject({
      state: 'open',
      capturedPoints: null,
      available: 760,
    });
    expect((await sync(device, device.sign({ voucher: code.text, points: 50 }))).outcome).toBe('accepted');
    expect(await status(zhang.token, code.voucherId)).toMatchObject({
      state: 'captured',
      capturedPoints: 50,
      merchantName: '叶子发艺',
      available: 810,
    });
    // Only the code's own resident may ask.
    const other = await createResident(api, coordinator, '赵四', 0);
    expect((await api.call('GET', `/v1/vouchers/${code.voucherId}`, { token: other.token })).status).toBe(
      404,
    );
    expect((await api.call('GET', `/v1/vouchers/${code.voucherId}`, { token: coordinator })).status).toBe(
      403,
    );
    expect((await api.call('GET', '/v1/vouchers/not-a-voucher', { token: zhang.token })).status).toBe(400);
  });

  it('a shop that scanned the replaced code offline is still paid from the free balance', async () => {
    const sun = await createResident(api, coordinator, '孙奶奶', 300);
    const first = await sun.voucher({ capPoints: 100 });
    const record = device.sign({ voucher: first.text, points: 80 });
    await sun.voucher({ capPoints: 100 });
    expect((await status(sun.token, first.voucherId)).state).toBe('released');
    expect((await sync(device, record)).outcome).toBe('accepted');
    expect(await status(sun.token, first.voucherId)).toMatchObject({
      capturedPoints: 80,
      merchantName: '叶子发艺',
    });
    expect(MeResponse.parse(await sun.me())).toMatchObject({ balance: 220, held: 100, available: 120 });
  });

  it('a shop types the 8 digits and gets the very voucher the resident shows', async () => {
    const qian = await createResident(api, coordinator, '钱大爷', 200);
    const code = await qian.voucher({ capPoints: 60 });
    expect(code.shortCode).toBe(shortCodeOf(code.voucherId));
    expect(code.shortCode).toMatch(/^\d{8}$/);
    const res = await api.call('POST', '/v1/merchant/vouchers/lookup', {
      token: device.token,
      body: { code: formatShortCode(code.shortCode) },
    });
    expect(res.status).toBe(200);
    expect(ShortCodeLookupResponse.parse(await res.json()).voucher).toBe(code.text);

    const typo = await api.call('POST', '/v1/merchant/vouchers/lookup', {
      token: device.token,
      body: { code: 'abcd 1234' },
    });
    expect(typo.status).toBe(400);
    expect((await typo.json()).type).toBe('invalid_short_code');

    // Once used, the digits lead nowhere.
    expect((await sync(device, device.sign({ voucher: code.text, points: 60 }))).outcome).toBe('accepted');
    const used = await api.call('POST', '/v1/merchant/vouchers/lookup', {
      token: device.token,
      body: { code: code.shortCode },
    });
    expect(used.status).toBe(404);
    expect((await used.json()).type).toBe('voucher_not_found');
    // Residents and staff cannot ask.
    expect(
      (
        await api.call('POST', '/v1/merchant/vouchers/lookup', {
          token: qian.token,
          body: { code: code.shortCode },
        })
      ).status,
    ).toBe(403);
  });

  it("a code for another shop is not found by this shop's digits", async () => {
    const other = await createMerchant(api, coordinator, '老街饭店');
    const zhou = await createResident(api, coordinator, '周阿姨', 100);
    const code = await zhou.voucher({ capPoints: 10, merchantNumber: other.number });
    const res = await api.call('POST', '/v1/merchant/vouchers/lookup', {
      token: device.token,
      body: { code: code.shortCode },
    });
    expect(res.status).toBe(404);
  });

  it('guessing digits is throttled per device', async () => {
    const guesser = await enrollDevice(api, coordinator, shop.id);
    const answers: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await api.call('POST', '/v1/merchant/vouchers/lookup', {
        token: guesser.token,
        body: { code: String(10_000_000 + i) },
      });
      answers.push(res.status);
    }
    expect(answers.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(answers.slice(30)).toEqual([429, 429]);
  });

  it('the day list names the offer and the device, and says where a refused double presentment stands', async () => {
    const wu = await createResident(api, coordinator, '吴先生', 500);
    const code = await wu.voucher({ capPoints: 50 });
    expect(
      (
        await sync(
          device,
          device.sign({
            voucher: code.text,
            points: 50,
            offerId: 'haircut-5',
            billFen: 3000,
            discountFen: 500,
          }),
        )
      ).outcome,
    ).toBe('accepted');
    const twice = await presentTwice(api, wu, [device, secondDevice], { points: 20 });
    expect(twice.second.outcome).toBe('voucher_already_redeemed');

    const day = async () =>
      RedemptionList.parse(
        await (await api.call('GET', '/v1/merchant/redemptions', { token: device.token })).json(),
      );
    const list = await day();
    const haircut = list.redemptions.find((r) => r.offerId === 'haircut-5')!;
    expect(haircut).toMatchObject({
      offerTitleZh: '理发立减 5 元',
      offerTitleEn: 'Haircut 5 off',
      conflict: null,
    });
    expect(haircut.deviceName).toEqual(expect.any(String));
    const refused = list.redemptions.find((r) => r.outcome === 'voucher_already_redeemed')!;
    expect(refused.conflict).toBe('open');

    const conflicts = (await (await api.call('GET', '/v1/conflicts', { token: coordinator })).json())
      .conflicts;
    const conflict = conflicts.find((k: { recordId: string }) => k.recordId === refused.id);
    const decided = await api.call('POST', `/v1/conflicts/${conflict.id}/decide`, {
      token: coordinator,
      body: { bears: 'alliance' },
    });
    expect(decided.status).toBe(200);
    expect((await day()).redemptions.find((r) => r.id === refused.id)!.conflict).toBe('paid_by_alliance');
  });
});
