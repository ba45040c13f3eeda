/**
 * The points supermarket (积分超市): staff with the `goods` right (the coordinator, cashiers) add
 * goods and record deliveries, counts and returns; a merchant's device or POS key does so for its
 * own shop. At the counter a basket is checked before its capture and leaves the stock in the
 * capture's transaction (goods/stock.ts); a reversal puts it back.
 */
import type { z } from 'zod';
import type { GoodDetail, StockEventView } from '../../shared/api/goods.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import type { MerchantPrincipal, Principal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import type { Tx } from '../db/client.ts';
import { requireMerchant } from '../directory/directory.ts';
import { allianceSettings } from '../directory/queries.ts';
import { evidenceFile, removeEvidenceFile, storeEvidence } from '../earning/evidence.ts';
import { AppError } from '../errors.ts';
import {
  createGood,
  type Good,
  goodsById,
  goodsOf,
  priceBasket,
  requireGood,
  setGoodPhoto,
} from '../goods/goods.ts';
import { flaggedExchanges, goodsMonth, type Month, supplierMonths } from '../goods/report.ts';
import {
  checkFlaggedExchange,
  eventsOf,
  exchangeBasket,
  recordStock,
  returnBasket,
  type StockEvent,
} from '../goods/stock.ts';
import { periodOfMonth } from '../local-time.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import type { GoodBody, StockEventBody } from './inputs.ts';

type Detail = z.infer<typeof GoodDetail>;

export const goodView = (g: Good): Detail => ({
  id: g.id,
  merchantId: g.merchantId,
  name: g.name,
  points: g.points,
  copayFen: g.copayFen,
  unit: g.unit,
  barcode: g.barcode,
  stock: Number(g.stock),
  lowStock: g.lowStock,
  low: Number(g.stock) <= g.lowStock,
  active: g.active,
  supplier: g.supplier,
  costFen: g.costFen,
  photoUrl: goodPhotoUrl(g),
});

/** The photo's address; the file's id in it changes with the photo, so a cached old one is never shown. */
const goodPhotoUrl = (g: Good) => (g.photoId ? `/v1/goods/${g.id}/photo?v=${g.photoId.slice(0, 8)}` : null);

export const stockEventView = (e: StockEvent, stock?: number): z.infer<typeof StockEventView> => ({
  id: e.id,
  goodsId: e.goodsId,
  kind: e.kind,
  quantity: Number(e.quantity),
  counted: e.counted === null ? null : Number(e.counted),
  costFen: e.costFen,
  supplier: e.supplier,
  reason: e.reason,
  recordId: e.recordId,
  flagged: e.flagged,
  createdAt: e.createdAt.toISOString(),
  ...(stock === undefined ? {} : { stock }),
});

/** Staff with the right, or a merchant's device or POS key (for its own shop: requireOwnShop). */
function requireGoodsRight(actor: Principal): void {
  if (actor.role !== 'device' && actor.role !== 'pos') requireRight(actor, 'goods');
}

function requireOwnShop(actor: Principal, merchantId: string): void {
  if ((actor.role === 'device' || actor.role === 'pos') && actor.merchantId !== merchantId) {
    throw new AppError('forbidden', { detail: 'Another shop’s goods.' });
  }
}

const who = (actor: Principal) => `${actor.role}:${actor.subjectId}`;

/** A new good; with a photo (the console's form), both are stored together or neither. */
export async function addGood(
  ctx: AppContext,
  actor: Principal,
  merchantId: string,
  input: GoodBody,
  photo?: Uint8Array,
) {
  requireGoodsRight(actor);
  requireOwnShop(actor, merchantId);
  await requireMerchant(ctx.db, actor.allianceId, merchantId);
  return inTransaction(ctx, async (tx) => {
    const good = await createGood(tx, { ...input, allianceId: actor.allianceId, merchantId });
    if (actor.role === 'coordinator' || actor.role === 'staff') {
      await audit(tx, actor, 'goods.create', good.id, { name: good.name, points: good.points });
    }
    return photo ? storeGoodPhoto(ctx, tx, actor, good, photo) : goodView(good);
  });
}

export async function getGood(ctx: AppContext, actor: Principal, id: string) {
  requireGoodsRight(actor);
  const good = await requireGood(ctx.db, actor.allianceId, id);
  requireOwnShop(actor, good.merchantId);
  return goodView(good);
}

export async function listGoods(ctx: AppContext, actor: Principal, merchantId: string) {
  requireGoodsRight(actor);
  requireOwnShop(actor, merchantId);
  await requireMerchant(ctx.db, actor.allianceId, merchantId);
  return (await goodsOf(ctx.db, merchantId, { all: true })).map(goodView);
}

export async function addStockEvent(
  ctx: AppContext,
  actor: Principal,
  goodsId: string,
  input: StockEventBody,
) {
  requireGoodsRight(actor);
  const good = await requireGood(ctx.db, actor.allianceId, goodsId);
  requireOwnShop(actor, good.merchantId);
  return inTransaction(ctx, async (tx) => {
    const { event, stock } = await recordStock(
      tx,
      { ...input, allianceId: actor.allianceId, goodsId, recordedBy: who(actor) },
      ctx.clock,
    );
    if (actor.role === 'coordinator' || actor.role === 'staff') {
      await audit(tx, actor, `goods.${input.kind}`, goodsId, { quantity: input.quantity, stock });
    }
    return stockEventView(event, stock);
  });
}

/**
 * What the ledger's sync asks of a basket (ledger/sync.ts `basket`): every good this shop's;
 * online, the prices as they stand now (else the device refreshes and rings it up again).
 */
export function basketHooks(ctx: AppContext, device: { allianceId: string; merchantId: string; id: string }) {
  return {
    async check(record: RedemptionRecord, offline: boolean): Promise<string | undefined> {
      const lines = record.lines ?? [];
      const found = await goodsById(
        ctx.db,
        device.merchantId,
        lines.map((l) => l.goodsId),
      );
      const unknown = lines.find((l) => !found.has(l.goodsId));
      if (unknown) return `good ${unknown.goodsId} is not this shop's`;
      if (!offline) {
        const changed = lines.some((l) => {
          const g = found.get(l.goodsId)!;
          return !g.active || g.points !== l.points || g.copayFen !== l.copayFen;
        });
        if (changed) throw new AppError('basket_prices_changed');
      }
      return undefined;
    },
    exchange: (tx: Tx, record: RedemptionRecord, offline: boolean) =>
      exchangeBasket(
        tx,
        {
          allianceId: device.allianceId,
          merchantId: device.merchantId,
          recordId: record.id,
          lines: record.lines ?? [],
          offline,
          recordedBy: `device:${device.id}`,
        },
        ctx.clock,
      ),
  };
}

/** The reversal's hook: a basket's goods go back on the shelf. */
export const basketReturn = (ctx: AppContext, actor: MerchantPrincipal, recordId: string) => (tx: Tx) =>
  returnBasket(tx, { allianceId: actor.allianceId, recordId, recordedBy: who(actor) }, ctx.clock);

/** A POS basket priced at today's prices, with each good's name and unit for the receipt. */
export async function pricedLines(
  ctx: AppContext,
  actor: MerchantPrincipal,
  lines: { goodsId: string; quantity: number }[],
) {
  const priced = await priceBasket(ctx.db, actor.merchantId, lines);
  const found = await goodsById(
    ctx.db,
    actor.merchantId,
    lines.map((l) => l.goodsId),
  );
  return priced.map((l) => ({ ...l, name: found.get(l.goodsId)!.name, unit: found.get(l.goodsId)!.unit }));
}

/** A good's stock events, newest first (at most 500). */
export async function stockEventsOf(ctx: AppContext, actor: Principal, goodsId: string) {
  requireGoodsRight(actor);
  const good = await requireGood(ctx.db, actor.allianceId, goodsId);
  requireOwnShop(actor, good.merchantId);
  return (await eventsOf(ctx.db, goodsId)).map((e) => stockEventView(e));
}

/**
 * A good's photo, stored like a claim's evidence (in the database, type sniffed from the bytes,
 * at most 1 MiB) with the good as its owner; the photo it replaces is dropped in the same step.
 */
export async function uploadGoodPhoto(ctx: AppContext, actor: Principal, goodsId: string, bytes: Uint8Array) {
  requireGoodsRight(actor);
  const good = await requireGood(ctx.db, actor.allianceId, goodsId);
  requireOwnShop(actor, good.merchantId);
  return inTransaction(ctx, (tx) => storeGoodPhoto(ctx, tx, actor, good, bytes));
}

async function storeGoodPhoto(ctx: AppContext, tx: Tx, actor: Principal, good: Good, bytes: Uint8Array) {
  const { id } = await storeEvidence(
    tx,
    { allianceId: actor.allianceId, id: good.id, role: 'goods' },
    bytes,
    ctx.clock,
  );
  const before = await setGoodPhoto(tx, good.id, id);
  if (before) await removeEvidenceFile(tx, actor.allianceId, before, ctx.clock);
  if (actor.role === 'coordinator' || actor.role === 'staff') {
    await audit(tx, actor, 'goods.photo', good.id, { size: bytes.length });
  }
  return goodView({ ...good, photoId: id });
}

/** A good's photo, for staff with the goods right and the shop's own device or POS key. */
export async function readGoodPhoto(ctx: AppContext, actor: Principal, goodsId: string) {
  requireGoodsRight(actor);
  const good = await requireGood(ctx.db, actor.allianceId, goodsId);
  requireOwnShop(actor, good.merchantId);
  const file = good.photoId ? await evidenceFile(ctx.db, actor.allianceId, good.photoId) : undefined;
  if (!file?.bytes) throw new AppError('goods_photo_missing');
  return { contentType: file.contentType, bytes: file.bytes };
}

/** The calendar month "YYYY-MM" in the alliance's time zone (whatever its settlement period). */
async function monthOf(ctx: AppContext, allianceId: string, label: string): Promise<Month> {
  const { timezone } = await allianceSettings(ctx.db, allianceId);
  const bounds = periodOfMonth({ timezone, periodMonths: 1 }, label);
  return { label: bounds.label, startsAt: bounds.startsAt, endsAt: bounds.endsAt };
}

/** The supermarket's month for one shop (staff with the goods right: it shows the suppliers' costs). */
export async function goodsMonthReport(ctx: AppContext, actor: Principal, merchantId: string, label: string) {
  requireRight(actor, 'goods');
  const merchant = await requireMerchant(ctx.db, actor.allianceId, merchantId);
  const month = await monthOf(ctx, actor.allianceId, label);
  const report = await goodsMonth(ctx.db, { allianceId: actor.allianceId, merchantId, month });
  return { merchant: { id: merchant.id, number: merchant.number, name: merchant.name }, month, ...report };
}

/** Each supplier's month across the alliance's shops, for the district's accounts. */
export async function supplierMonthReport(ctx: AppContext, actor: Principal, label: string) {
  requireRight(actor, 'goods');
  const month = await monthOf(ctx, actor.allianceId, label);
  return { month, suppliers: await supplierMonths(ctx.db, { allianceId: actor.allianceId, month }) };
}

/** Offline exchanges that took a stock below zero and are not checked yet, newest first. */
export async function flaggedExchangeList(ctx: AppContext, actor: Principal) {
  requireRight(actor, 'goods');
  return flaggedExchanges(ctx.db, actor.allianceId);
}

/** The coordinator looked into a flagged exchange: it leaves the list (once; a retry answers the same). */
export async function checkFlagged(ctx: AppContext, actor: Principal, eventId: string) {
  requireRight(actor, 'goods');
  return inTransaction(ctx, async (tx) => {
    const checked = await checkFlaggedExchange(
      tx,
      { allianceId: actor.allianceId, eventId, checkedBy: who(actor) },
      ctx.clock,
    );
    if (!checked) throw new AppError('flagged_exchange_not_found');
    await audit(tx, actor, 'goods.flagged_checked', eventId, {});
    return { eventId, checkedAt: checked.checkedAt.toISOString() };
  });
}
