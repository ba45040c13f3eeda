/**
 * The points supermarket (积分超市) through the API: goods with a points price, stock that moves
 * only by events (deliveries, counts with a reason, returns), a basket captured online by the
 * shop's device (signed v2 record with lines) and by a POS (lines priced by the server), refused
 * online when the shelf would go below zero, accepted offline and flagged, and put back on the
 * shelf by a reversal. Bad input is a 4xx and changes nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockEvents } from '../../api/db/schema/index.ts';
import { GoodDetail, StockEventView } from '../../shared/api/goods.ts';
import { RedemptionList, SyncResponse } from '../../shared/api/merchant.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import {
  createMerchant,
  createResident,
  enrollDevice,
  merchantConfig,
  type TestDevice,
} from '../helpers/world.ts';

describe('the points supermarket: goods, stock and baskets', () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let other: { id: string; number: number };
  let device: TestDevice;
  let otherDevice: TestDevice;
  let oil: GoodDetail;
  let tissue: GoodDetail;
  let resident: Awaited<ReturnType<typeof createResident>>;

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
  const good = async (id: string) =>
    GoodDetail.parse(await (await call('GET', `/v1/goods/${id}`, coordinator)).json());
  const eventSum = async (id: string) =>
    Number(
      (
        await api.database.db
          .select({ n: sql<string>`coalesce(sum(${stockEvents.quantity}), 0)` })
          .from(stockEvents)
          .where(eq(stockEvents.goodsId, id))
      )[0]!.n,
    );
  const balance = async () => (await resident.me()).balance as number;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '兴隆积分超市');
    other = await createMerchant(api, coordinator, '理发店');
    device = await enrollDevice(api, coordinator, shop.id);
    otherDevice = await enrollDevice(api, coordinator, other.id);
    resident = await createResident(api, coordinator, '王桂兰', 500);
  });
  afterAll(() => api.close());

  it('adds goods; bad goods are refused in words and store nothing', async () => {
    const bad = [
      { name: '', points: 30, unit: '桶' },
      { name: '食用油', points: -1, unit: '桶' },
      { name: '食用油', points: 0, unit: '桶' },
      { name: '食用油', points: 30, unit: '桶', barcode: '条码' },
      { name: '食用油', points: 30 },
    ];
    for (const body of bad) {
      const res = await call('POST', `/v1/merchants/${shop.id}/goods`, coordinator, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).type).toBe('invalid_request');
    }
    const created = await call('POST', `/v1/merchants/${shop.id}/goods`, coordinator, {
      name: '食用油',
      points: 30,
      copayFen: 500,
      unit: '桶',
      barcode: '6901234567892',
      supplier: '兴隆粮油店',
      costFen: 4500,
    });
    expect(created.status).toBe(201);
    oil = GoodDetail.parse(await created.json());
    expect(oil).toMatchObject({ name: '食用油', points: 30, copayFen: 500, stock: 0, low: true });
    const again = await call('POST', `/v1/merchants/${shop.id}/goods`, coordinator, {
      name: '花生油',
      points: 40,
      unit: '桶',
      barcode: '6901234567892',
    });
    expect(again.status).toBe(409);
    expect((await again.json()).type).toBe('barcode_taken');
    // The shop's own device may add goods; another shop's may not.
    const byDevice = await call('POST', `/v1/merchants/${shop.id}/goods`, device.token, {
      name: '纸巾',
      points: 10,
      unit: '包',
    });
    expect(byDevice.status).toBe(201);
    tissue = GoodDetail.parse(await byDevice.json());
    const foreign = await call('POST', `/v1/merchants/${shop.id}/goods`, otherDevice.token, {
      name: '牙膏',
      points: 10,
      unit: '支',
    });
    expect(foreign.status).toBe(403);
    const list = await (await call('GET', `/v1/merchants/${shop.id}/goods`, coordinator)).json();
    expect(list.goods.map((g: GoodDetail) => g.name).sort()).toEqual(['纸巾', '食用油'].sort());
  });

  it('stock moves only by events: deliveries, a count with its reason, a return; never below zero', async () => {
    const event = async (id: string, body: unknown, token = coordinator) => {
      const res = await call('POST', `/v1/goods/${id}/stock-events`, token, body);
      return { status: res.status, body: await res.json() };
    };
    expect((await event(oil.id, { kind: 'delivery', quantity: 5, costFen: 4500 })).status).toBe(201);
    expect((await event(tissue.id, { kind: 'delivery', quantity: 10 }, device.token)).status).toBe(201);
    const noReason = await event(tissue.id, { kind: 'count', quantity: 9 });
    expect(noReason.status).toBe(400);
    const counted = await event(tissue.id, { kind: 'count', quantity: 9, reason: '一包破损' });
    expect(counted.status).toBe(201);
    expect(StockEventView.parse(counted.body)).toMatchObject({ quantity: -1, counted: 9, stock: 9 });
    const tooMany = await event(oil.id, { kind: 'return', quantity: 6 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.type).toBe('out_of_stock');
    expect((await event(oil.id, { kind: 'return', quantity: 1, reason: '漏油' })).status).toBe(201);
    expect((await event(oil.id, { kind: 'delivery', quantity: 0 })).status).toBe(400);
    expect((await event(oil.id, { kind: 'delivery', quantity: 1 }, otherDevice.token)).status).toBe(403);
    expect((await good(oil.id)).stock).toBe(4);
    expect((await good(tissue.id)).stock).toBe(9);
    for (const g of [oil, tissue]) expect(await eventSum(g.id)).toBe((await good(g.id)).stock);
    const events = await (await call('GET', `/v1/goods/${oil.id}/stock-events`, coordinator)).json();
    expect(events.events.map((e: StockEventView) => e.kind).sort()).toEqual(['delivery', 'return']);
  });

  it("the device's config lists the goods on sale with their stock, without the supplier's cost", async () => {
    const config = await merchantConfig(api, device);
    const listed = config.goods.find((g) => g.id === oil.id)!;
    expect(listed).toMatchObject({
      name: '食用油',
      points: 30,
      copayFen: 500,
      stock: 4,
      barcode: '6901234567892',
    });
    expect(JSON.stringify(config.goods)).not.toContain('costFen');
  });

  it('a basket captured online once: 食用油 ×3 and 纸巾 ×2, the stock and the balance move once; a reversal puts them back', async () => {
    const before = await balance();
    const voucher = await resident.voucher({ capPoints: 200 });
    const lines = [
      { goodsId: oil.id, quantity: 3, points: 30, copayFen: 500 },
      { goodsId: tissue.id, quantity: 2, points: 10, copayFen: 0 },
    ];
    const record = device.sign({ voucher: voucher.text, points: 110, lines });
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/v1/redemptions', device.token, record);
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json()).outcome).toBe('accepted');
    }
    expect((await good(oil.id)).stock).toBe(1);
    expect((await good(tissue.id)).stock).toBe(7);
    expect(await balance()).toBe(before - 110);
    const day = RedemptionList.parse(
      await (await call('GET', '/v1/merchant/redemptions', device.token)).json(),
    );
    const listed = day.redemptions.find((r) => r.id === record.id)!;
    expect(listed.lines.map((l) => [l.name, l.quantity, l.points])).toEqual(
      [
        ['纸巾', 2, 10],
        ['食用油', 3, 30],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    for (let i = 0; i < 2; i++) {
      const res = await call('POST', `/v1/redemptions/${record.id}/reverse`, device.token, {});
      expect(res.status, await res.clone().text()).toBe(200);
    }
    expect((await good(oil.id)).stock).toBe(4);
    expect((await good(tissue.id)).stock).toBe(9);
    expect(await balance()).toBe(before);
    for (const g of [oil, tissue]) expect(await eventSum(g.id)).toBe((await good(g.id)).stock);
  });

  it('online, a basket the shelf cannot cover is refused in words and takes nothing; a stale price too', async () => {
    const before = await balance();
    const voucher = await resident.voucher({ capPoints: 200 });
    const tooMany = device.sign({
      voucher: voucher.text,
      points: 150,
      lines: [{ goodsId: oil.id, quantity: 5, points: 30, copayFen: 500 }],
    });
    const res = await call('POST', '/v1/redemptions', device.token, tooMany, { 'accept-language': 'zh-CN' });
    expect(res.status).toBe(409);
    const problem = await res.json();
    expect(problem.type).toBe('out_of_stock');
    expect(problem.title).toContain('库存不够');
    const stale = device.sign({
      voucher: voucher.text,
      points: 25,
      lines: [{ goodsId: oil.id, quantity: 1, points: 25, copayFen: 500 }],
    });
    const priced = await call('POST', '/v1/redemptions', device.token, stale);
    expect(priced.status).toBe(409);
    expect((await priced.json()).type).toBe('basket_prices_changed');
    const wrongTotal = { ...stale, points: 26 };
    const bad = await call('POST', '/v1/redemptions', device.token, wrongTotal);
    expect((await bad.json()).outcome).toBe('bad_record');
    expect((await good(oil.id)).stock).toBe(4);
    expect(await balance()).toBe(before);
  });

  it('offline, the shelf had it: the basket is accepted at sync, the stock goes below zero and the exchange is flagged', async () => {
    const voucher = await resident.voucher({ capPoints: 300 });
    const record = device.sign({
      voucher: voucher.text,
      points: 180,
      lines: [{ goodsId: oil.id, quantity: 6, points: 30, copayFen: 500 }],
    });
    const res = await call('POST', '/v1/redemptions/sync', device.token, { records: [record] });
    expect(res.status).toBe(200);
    expect(SyncResponse.parse(await res.json()).results[0]!.outcome).toBe('accepted');
    expect((await good(oil.id)).stock).toBe(-2);
    const events = await (await call('GET', `/v1/goods/${oil.id}/stock-events`, coordinator)).json();
    expect(events.events.filter((e: StockEventView) => e.flagged)).toMatchObject([
      { kind: 'exchange', quantity: -6, flagged: true },
    ]);
    expect(await eventSum(oil.id)).toBe(-2);
    // A basket naming another shop's good is refused as a bad record.
    const foreign = otherDevice.sign({
      voucher: (await resident.voucher({ capPoints: 50 })).text,
      points: 10,
      lines: [{ goodsId: tissue.id, quantity: 1, points: 10, copayFen: 0 }],
    });
    const answer = await call('POST', '/v1/redemptions/sync', otherDevice.token, { records: [foreign] });
    expect(SyncResponse.parse(await answer.json()).results[0]).toMatchObject({ outcome: 'bad_record' });
  });

  it('a POS names goods and quantities; the server prices the basket', async () => {
    const key = await (await call('POST', `/v1/merchants/${shop.id}/pos-keys`, coordinator)).json();
    await call('POST', `/v1/goods/${oil.id}/stock-events`, coordinator, { kind: 'delivery', quantity: 10 });
    const voucher = await resident.voucher({ capPoints: 100 });
    const body = { voucher: voucher.text, lines: [{ goodsId: tissue.id, quantity: 3 }] };
    const both = await call(
      'POST',
      '/v1/pos/captures',
      key.key,
      {
        ...body,
        points: 30,
      },
      { 'idempotency-key': 'pos-basket-0' },
    );
    expect(both.status).toBe(400);
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/v1/pos/captures', key.key, body, {
        'idempotency-key': 'pos-basket-1',
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const answer = await res.json();
      expect(answer).toMatchObject({ outcome: 'accepted', points: 30 });
      expect(answer.lines).toEqual([
        { goodsId: tissue.id, quantity: 3, points: 10, copayFen: 0, name: '纸巾', unit: '包' },
      ]);
    }
    expect((await good(tissue.id)).stock).toBe(6);
  });
});
