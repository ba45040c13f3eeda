/**
 * The supermarket's month report (积分超市, issue #18) against the books: a month of deliveries,
 * baskets online and offline through the API, a reversal, a count and a return, with events
 * just before and just after the month. The report's points are the ledger's captures of the
 * month's unreversed baskets; its quantities are the stock events; start + events = end for each
 * good; the CSV starts with a BOM and says the same; each supplier's month adds up its costs.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../api/db/rows.ts';
import { GoodDetail, GoodsMonthReport, SupplierMonthReport } from '../../shared/api/goods.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

/** November 2026 in Asia/Shanghai: 2026-10-31T16:00Z to 2026-11-30T16:00Z. */
const NOV_START = '2026-10-31T16:00:00.000Z';
const NOV_END = '2026-11-30T16:00:00.000Z';

describe("the supermarket's month report", () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let device: TestDevice;
  let oil: GoodDetail;
  let tissue: GoodDetail;
  let report: GoodsMonthReport;
  const recordIds: string[] = [];

  const call = (method: string, path: string, token: string, body?: unknown) =>
    api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
  const stockEvent = async (id: string, body: unknown) => {
    const res = await call('POST', `/v1/goods/${id}/stock-events`, coordinator, body);
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const basket = async (
    resident: Awaited<ReturnType<typeof createResident>>,
    lines: { good: GoodDetail; quantity: number }[],
    offline = false,
  ) => {
    const signed = lines.map((l) => ({
      goodsId: l.good.id,
      quantity: l.quantity,
      points: l.good.points,
      copayFen: l.good.copayFen,
    }));
    const points = signed.reduce((a, l) => a + l.quantity * l.points, 0);
    const voucher = await resident.voucher({ capPoints: points });
    const record = device.sign({ voucher: voucher.text, points, lines: signed });
    const res = offline
      ? await call('POST', '/v1/redemptions/sync', device.token, { records: [record] })
      : await call('POST', '/v1/redemptions', device.token, record);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(offline ? body.results[0].outcome : body.outcome).toBe('accepted');
    recordIds.push(record.id);
    return record.id;
  };

  beforeAll(async () => {
    // October 31st, 23:52 in Shanghai: the stock the month starts with, and one basket in October.
    api = await createTestApi({ start: '2026-10-31T15:52:00Z' });
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '兴隆积分超市');
    device = await enrollDevice(api, coordinator, shop.id);
    const resident = await createResident(api, coordinator, '王桂兰', 2000);
    const add = async (body: unknown) =>
      GoodDetail.parse(
        await (await call('POST', `/v1/merchants/${shop.id}/goods`, coordinator, body)).json(),
      );
    oil = await add({
      name: '食用油',
      points: 30,
      copayFen: 500,
      unit: '桶',
      supplier: '兴隆粮油店',
      costFen: 4500,
    });
    tissue = await add({ name: '纸巾', points: 10, unit: '包', supplier: '清风纸业', costFen: 300 });
    await stockEvent(oil.id, { kind: 'delivery', quantity: 10 });
    await stockEvent(tissue.id, { kind: 'delivery', quantity: 20 });
    await basket(resident, [{ good: oil, quantity: 1 }]);

    // November 1st, 00:01: the month itself.
    api.clock.set('2026-10-31T16:01:00Z');
    await stockEvent(oil.id, { kind: 'delivery', quantity: 5, costFen: 4600 });
    await stockEvent(tissue.id, { kind: 'delivery', quantity: 10, supplier: '清风纸业', costFen: 280 });
    await basket(resident, [
      { good: oil, quantity: 2 },
      { good: tissue, quantity: 3 },
    ]);
    const undone = await basket(resident, [{ good: oil, quantity: 1 }]);
    const reversed = await call('POST', `/v1/redemptions/${undone}/reverse`, device.token, {});
    expect(reversed.status).toBe(200);
    await stockEvent(tissue.id, { kind: 'count', quantity: 25, reason: '两包受潮' });
    await stockEvent(oil.id, { kind: 'return', quantity: 1, reason: '漏油' });
    // Offline the shelf had 12 more: the stock goes to −1 and the exchange is flagged.
    await basket(resident, [{ good: oil, quantity: 12 }], true);

    // December 1st, 00:30: after the month, not in it.
    api.clock.set('2026-11-30T16:30:00Z');
    coordinator = await api.login();
    await stockEvent(oil.id, { kind: 'delivery', quantity: 7 });

    const res = await call('GET', `/v1/merchants/${shop.id}/goods-report?month=2026-11`, coordinator);
    expect(res.status, await res.clone().text()).toBe(200);
    report = GoodsMonthReport.parse(await res.json());
  });
  afterAll(() => api.close());

  it("the supermarket's month report adds up to the ledger and to the stock events", async () => {
    expect(report).toMatchObject({ month: '2026-11', startsAt: NOV_START, endsAt: NOV_END });
    const line = (id: string) => report.lines.find((l) => l.goodsId === id)!;
    expect(line(oil.id)).toMatchObject({
      stockStart: 9,
      delivered: 5,
      deliveredCostFen: 5 * 4600,
      exchanged: 14,
      points: 14 * 30,
      copayFen: 14 * 500,
      costValueFen: 14 * 4500,
      returned: 1,
      returnedCostFen: 4500,
      countAdjustment: 0,
      flagged: 1,
      stockEnd: -1,
    });
    expect(line(tissue.id)).toMatchObject({
      stockStart: 20,
      delivered: 10,
      deliveredCostFen: 2800,
      exchanged: 3,
      points: 30,
      returned: 0,
      countAdjustment: -2,
      stockEnd: 25,
    });

    // The points: what the ledger captured in the month for these baskets, less nothing reversed.
    const [ledger] = await rows<{ points: string | null }>(
      api.database.db,
      sql`select sum(t.amount) as points from transfers t
          where t.kind = 'capture' and t.record_id in (select record_id from redemption_lines)
            and t.created_at >= ${NOV_START}::timestamptz and t.created_at < ${NOV_END}::timestamptz
            and not exists (select 1 from transfers r where r.reverses_id = t.id)`,
    );
    expect(report.totals.points).toBe(Number(ledger!.points));
    expect(report.totals.points).toBe(14 * 30 + 30);

    // The quantities: the stock events of the month, kind by kind; start + events = end.
    const events = await rows<{ goods_id: string; kind: string; q: string; before: string; total: string }>(
      api.database.db,
      sql`select goods_id, kind,
            sum(quantity) filter (where created_at >= ${NOV_START}::timestamptz and created_at < ${NOV_END}::timestamptz) as q,
            sum(quantity) filter (where created_at < ${NOV_START}::timestamptz) as before,
            sum(quantity) filter (where created_at < ${NOV_END}::timestamptz) as total
          from stock_events group by goods_id, kind`,
    );
    for (const l of report.lines) {
      const of = (kind: string) =>
        Number(events.find((e) => e.goods_id === l.goodsId && e.kind === kind)?.q ?? 0);
      const sumOf = (f: 'before' | 'total') =>
        events.filter((e) => e.goods_id === l.goodsId).reduce((a, e) => a + Number(e[f] ?? 0), 0);
      expect(l.delivered).toBe(of('delivery'));
      expect(l.exchanged).toBe(0 - (of('exchange') + of('reversal')));
      expect(l.returned).toBe(0 - of('return'));
      expect(l.countAdjustment).toBe(of('count'));
      expect(l.stockStart).toBe(sumOf('before'));
      expect(l.stockEnd).toBe(sumOf('total'));
      expect(l.stockStart + l.delivered - l.exchanged - l.returned + l.countAdjustment).toBe(l.stockEnd);
    }
    // The December delivery is in today's stock, not in November's end.
    const now = GoodDetail.parse(await (await call('GET', `/v1/goods/${oil.id}`, coordinator)).json());
    expect(now.stock).toBe(line(oil.id).stockEnd + 7);
    expect(report.totals.costValueFen).toBe(14 * 4500 + 3 * 300);
    expect(report.pointsPerYuan).toBe(Math.round(((14 * 30 + 30) * 10_000) / (14 * 4500 + 900)) / 100);

    // The CSV: a BOM, then the same numbers.
    const csv = await call(
      'GET',
      `/v1/merchants/${shop.id}/goods-report?month=2026-11&format=csv`,
      coordinator,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[1]).toBe(`2026-11,${shop.number},兴隆积分超市`);
    const header = lines[3]!.split(',');
    const cells = (name: string) => {
      const found = lines.find((l) => l.startsWith(`${name},`))!.split(',');
      return Object.fromEntries(header.map((h, i) => [h, found[i]]));
    };
    const oilRow = cells('食用油');
    const oilLine = line(oil.id);
    expect(Number(oilRow.stock_start)).toBe(oilLine.stockStart);
    expect(Number(oilRow.exchanged)).toBe(oilLine.exchanged);
    expect(Number(oilRow.points)).toBe(oilLine.points);
    expect(Number(oilRow.cost_value_fen)).toBe(oilLine.costValueFen);
    expect(Number(oilRow.stock_end)).toBe(oilLine.stockEnd);
    const total = cells('total');
    expect(Number(total.points)).toBe(report.totals.points);
    expect(Number(total.delivered_cost_fen)).toBe(report.totals.deliveredCostFen);
    expect(Number(total.stock_end)).toBe(report.totals.stockEnd);
    expect(Number(lines.at(-1))).toBe(report.pointsPerYuan);
  });

  it("each supplier's month adds up its deliveries and returns at their recorded cost", async () => {
    const res = await call('GET', '/v1/goods/supplier-report?month=2026-11', coordinator);
    expect(res.status).toBe(200);
    const suppliers = SupplierMonthReport.parse(await res.json());
    const of = (name: string) => suppliers.suppliers.find((s) => s.supplier === name)!;
    expect(of('兴隆粮油店')).toMatchObject({
      deliveredCostFen: 5 * 4600,
      returnedCostFen: 4500,
      netCostFen: 5 * 4600 - 4500,
    });
    expect(of('清风纸业').lines).toMatchObject([{ name: '纸巾', delivered: 10, deliveredCostFen: 2800 }]);
    expect(suppliers.netCostFen).toBe(5 * 4600 - 4500 + 2800);
    const csv = await call('GET', '/v1/goods/supplier-report?month=2026-11&format=csv', coordinator);
    const text = await csv.text();
    expect(text).toContain('兴隆粮油店,');
    expect(text.trimEnd().split('\r\n').at(-1)).toBe(`total,,,,,,,,,${suppliers.netCostFen}`);
  });

  it("a bad month is refused in words; a shop's device cannot read the reports (they show the cost); the flagged exchange is listed", async () => {
    for (const month of ['2026-13', 'november', '']) {
      const res = await call('GET', `/v1/merchants/${shop.id}/goods-report?month=${month}`, coordinator);
      expect(res.status, month).toBe(400);
      expect((await res.json()).type).toBe('invalid_request');
    }
    const foreign = await call(
      'GET',
      '/v1/merchants/00000000-0000-4000-8000-000000000000/goods-report?month=2026-11',
      coordinator,
    );
    expect(foreign.status).toBe(404);
    const till = await enrollDevice(api, coordinator, shop.id);
    const byDevice = await call('GET', `/v1/merchants/${shop.id}/goods-report?month=2026-11`, till.token);
    expect(byDevice.status).toBe(403);
    const flagged = await (await call('GET', '/v1/goods/flagged', coordinator)).json();
    expect(flagged.flagged).toMatchObject([{ goodsId: oil.id, quantity: -12, stock: 6 }]);
    // Looked into: off the list, once; the month report still counts it.
    const eventId = flagged.flagged[0].eventId;
    const checked = await call('POST', `/v1/goods/flagged/${eventId}/checked`, coordinator);
    expect(checked.status).toBe(200);
    const first = await checked.json();
    expect(first).toMatchObject({ eventId });
    const again = await (await call('POST', `/v1/goods/flagged/${eventId}/checked`, coordinator)).json();
    expect(again.checkedAt).toBe(first.checkedAt);
    expect((await (await call('GET', '/v1/goods/flagged', coordinator)).json()).flagged).toEqual([]);
    const report = await (
      await call('GET', `/v1/merchants/${shop.id}/goods-report?month=2026-11`, coordinator)
    ).json();
    expect(report.totals.flagged).toBe(1);
    const plain = await call(
      'POST',
      `/v1/goods/flagged/00000000-0000-4000-8000-000000000000/checked`,
      coordinator,
    );
    expect(plain.status).toBe(404);
    expect((await plain.json()).type).toBe('flagged_exchange_not_found');
  });
});
