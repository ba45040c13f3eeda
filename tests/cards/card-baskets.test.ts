/**
 * A household card pays for a basket of goods (积分超市) and is held to an offer's rules like a
 * code (issues #18, #19): `{ card, pin, lines }` online from a device and a POS, priced by the
 * server, the stock down once and back on reversal; short stock refused before anything is
 * taken; an offline card basket through sync; "每人每月限一次" counts the holder's card and codes
 * together, refused online, reported offline. The ledger's invariants hold throughout.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { CardCaptureResponse, IssuedCard } from '../../shared/api/cards.ts';
import { GoodDetail } from '../../shared/api/goods.ts';
import { SyncResponse } from '../../shared/api/merchant.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

describe('a household card at the points supermarket and under an offer’s rules', () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let device: TestDevice;
  let posKey: string;
  let oil: GoodDetail;
  let tissue: GoodDetail;

  const call = (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    api.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
  const ok = async (res: Response) => {
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  };
  const stock = async (good: GoodDetail) =>
    GoodDetail.parse(await ok(await call('GET', `/v1/goods/${good.id}`, coordinator))).stock;
  /** A resident with a card whose PIN is set. */
  const cardHolder = async (name: string, points: number, pin = '271828') => {
    const resident = await createResident(api, coordinator, name, points);
    const card = IssuedCard.parse(
      await ok(await call('POST', `/v1/residents/${resident.id}/cards`, coordinator)),
    );
    await ok(await call('PUT', `/v1/cards/${card.id}/pin`, coordinator, { pin }));
    return { resident, card, pin };
  };
  const available = async (r: { me(): Promise<{ available: number }> }) => (await r.me()).available;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '兴隆积分超市');
    device = await enrollDevice(api, coordinator, shop.id);
    posKey = (await ok(await call('POST', `/v1/merchants/${shop.id}/pos-keys`, coordinator))).key;
    const add = async (body: unknown) =>
      GoodDetail.parse(await ok(await call('POST', `/v1/merchants/${shop.id}/goods`, coordinator, body)));
    oil = await add({ name: '食用油', points: 30, copayFen: 500, unit: '桶' });
    tissue = await add({ name: '纸巾', points: 10, unit: '包' });
    await ok(
      await call('POST', `/v1/goods/${oil.id}/stock-events`, coordinator, { kind: 'delivery', quantity: 5 }),
    );
    await ok(
      await call('POST', `/v1/goods/${tissue.id}/stock-events`, coordinator, {
        kind: 'delivery',
        quantity: 10,
      }),
    );
  });
  afterAll(() => api.close());

  it('card + PIN + lines on the device: priced by the server, the stock down once, back on reversal', async () => {
    const { resident, card, pin } = await cardHolder('王桂兰', 900);
    const body = {
      id: randomUUID(),
      card: card.text,
      pin,
      lines: [
        { goodsId: oil.id, quantity: 3 },
        { goodsId: tissue.id, quantity: 2 },
      ],
    };
    const answer = CardCaptureResponse.parse(
      await ok(await call('POST', '/v1/merchant/card-captures', device.token, body)),
    );
    expect(answer).toMatchObject({ outcome: 'accepted', points: 110, balance: 790, replayed: false });
    expect(answer.lines?.map((l) => [l.name, l.quantity, l.points, l.copayFen])).toEqual([
      ['食用油', 3, 30, 500],
      ['纸巾', 2, 10, 0],
    ]);
    const again = CardCaptureResponse.parse(
      await ok(await call('POST', '/v1/merchant/card-captures', device.token, body)),
    );
    expect(again).toMatchObject({ id: body.id, outcome: 'accepted', replayed: true });
    expect([await stock(oil), await stock(tissue)]).toEqual([2, 8]);
    expect(await available(resident)).toBe(790);
    // Today's list shows the lines with the card's tail.
    const today = await ok(await call('GET', '/v1/merchant/redemptions', device.token));
    const row = today.redemptions.find((r: { id: string }) => r.id === body.id);
    expect(row.lines.map((l: { name: string }) => l.name).sort()).toEqual(['纸巾', '食用油'].sort());
    expect(row.cardNumber).toBe(card.number);
    await ok(await call('POST', `/v1/redemptions/${body.id}/reverse`, device.token, {}));
    expect([await stock(oil), await stock(tissue)]).toEqual([5, 10]);
    expect(await available(resident)).toBe(900);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('points and lines together, or neither, are refused in words; short stock is refused before anything is taken', async () => {
    const { resident, card, pin } = await cardHolder('李建国', 900);
    for (const extra of [{ points: 30, lines: [{ goodsId: oil.id, quantity: 1 }] }, {}]) {
      const res = await call('POST', '/v1/merchant/card-captures', device.token, {
        id: randomUUID(),
        card: card.text,
        pin,
        ...extra,
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('either points or lines');
    }
    const short = await call('POST', '/v1/merchant/card-captures', device.token, {
      id: randomUUID(),
      card: card.text,
      pin,
      lines: [{ goodsId: oil.id, quantity: 9 }],
    });
    expect(short.status).toBe(409);
    expect((await short.json()).type).toBe('out_of_stock');
    const foreign = await call('POST', '/v1/merchant/card-captures', device.token, {
      id: randomUUID(),
      card: card.text,
      pin,
      lines: [{ goodsId: randomUUID(), quantity: 1 }],
    });
    expect(foreign.status).toBe(404);
    expect(await available(resident)).toBe(900);
    expect(await stock(oil)).toBe(5);
  });

  it('a POS sends card + PIN + lines under an Idempotency-Key: one capture, however often it is sent', async () => {
    const { resident, card, pin } = await cardHolder('周敏', 500);
    const body = { card: card.text, pin, lines: [{ goodsId: tissue.id, quantity: 4 }] };
    const headers = { 'idempotency-key': 'till-3-receipt-0042' };
    const first = CardCaptureResponse.parse(
      await ok(await call('POST', '/v1/pos/card-captures', posKey, body, headers)),
    );
    expect(first).toMatchObject({ outcome: 'accepted', points: 40, balance: 460 });
    const retry = CardCaptureResponse.parse(
      await ok(await call('POST', '/v1/pos/card-captures', posKey, body, headers)),
    );
    expect(retry).toMatchObject({ id: first.id, replayed: true });
    expect(await stock(tissue)).toBe(6);
    expect(await available(resident)).toBe(460);
    await ok(
      await call('POST', `/v1/goods/${tissue.id}/stock-events`, coordinator, {
        kind: 'delivery',
        quantity: 4,
      }),
    );
  });

  it('offline, a card basket comes in with sync: taken once from the holder, the goods off the shelf', async () => {
    const { resident, card } = await cardHolder('张秀英', 300);
    const record = device.sign({
      voucher: card.text,
      points: 40,
      lines: [
        { goodsId: oil.id, quantity: 1, points: 30, copayFen: 500 },
        { goodsId: tissue.id, quantity: 1, points: 10, copayFen: 0 },
      ],
    });
    const sync = async () =>
      SyncResponse.parse(
        await ok(await call('POST', '/v1/redemptions/sync', device.token, { records: [record] })),
      );
    expect((await sync()).results[0]).toMatchObject({ outcome: 'accepted', points: 40, replayed: false });
    expect((await sync()).results[0]).toMatchObject({ outcome: 'accepted', replayed: true });
    expect([await stock(oil), await stock(tissue)]).toEqual([4, 9]);
    expect(await available(resident)).toBe(260);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('每人每月限一次 counts the holder’s card and codes together: refused online in words, reported offline', async () => {
    const offers = await ok(await call('GET', '/v1/merchants', coordinator));
    const haircut = offers.merchants
      .find((m: { id: string }) => m.id === shop.id)
      .offers.find((o: { code: string }) => o.code === 'haircut-5');
    await ok(
      await call('PATCH', `/v1/merchants/${shop.id}/offers/${haircut.id}`, coordinator, {
        limits: [{ per: 'month', count: 1 }],
      }),
    );
    const { resident, card, pin } = await cardHolder('赵淑珍', 900);
    const sale = { card: card.text, pin, points: 50, offerId: 'haircut-5', billFen: 3500, discountFen: 500 };
    const first = await call('POST', '/v1/merchant/card-captures', device.token, {
      id: randomUUID(),
      ...sale,
    });
    expect(CardCaptureResponse.parse(await ok(first))).toMatchObject({ outcome: 'accepted' });
    const second = await call(
      'POST',
      '/v1/merchant/card-captures',
      device.token,
      { id: randomUUID(), ...sale },
      { 'accept-language': 'zh-CN' },
    );
    expect(second.status).toBe(409);
    const problem = await second.json();
    expect(problem.type).toBe('offer_limit_reached');
    expect(problem.title).toContain('每人每月限一次');
    // The holder's code is the same person: refused too.
    const voucher = await resident.voucher({ capPoints: 50 });
    const byCode = await call(
      'POST',
      '/v1/redemptions',
      device.token,
      device.sign({
        voucher: voucher.text,
        points: 50,
        offerId: 'haircut-5',
        billFen: 3500,
        discountFen: 500,
      }),
    );
    device.nextSeq--;
    expect(byCode.status).toBe(409);
    // (The code's 50 points stay held until it expires: the balance is what was taken.)
    expect((await resident.me()).balance).toBe(850);
    // Offline the shop already gave the discount: taken, and the breach reported.
    const offline = device.sign({ voucher: card.text, points: 20, offerId: 'haircut-5', billFen: 3500 });
    const synced = SyncResponse.parse(
      await ok(await call('POST', '/v1/redemptions/sync', device.token, { records: [offline] })),
    );
    expect(synced.results[0]).toMatchObject({ outcome: 'accepted', points: 20 });
    expect(synced.results[0]!.limitBreaches).toEqual([
      expect.stringMatching(/limited to 1 per person per month/),
    ]);
    expect((await resident.me()).balance).toBe(830);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });
});
