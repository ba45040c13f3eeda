/**
 * A merchant's goods (积分超市): what each costs in points and cash, its unit, barcode and
 * supplier, and the stock on hand (goods.stock, the sum of its stock events — stock.ts). The
 * counter prices a basket from here; a device receives the list with its config.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { goods } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export type Good = typeof goods.$inferSelect;

export interface GoodInput {
  name: string;
  points: number;
  copayFen?: number | undefined;
  unit: string;
  barcode?: string | undefined;
  supplier?: string | undefined;
  costFen?: number | undefined;
  lowStock?: number | undefined;
  photoId?: string | undefined;
}

export async function createGood(
  db: Queryable,
  input: GoodInput & { allianceId: string; merchantId: string },
): Promise<Good> {
  if (input.barcode) {
    const [taken] = await db
      .select({ id: goods.id })
      .from(goods)
      .where(and(eq(goods.merchantId, input.merchantId), eq(goods.barcode, input.barcode)));
    if (taken) throw new AppError('barcode_taken', { detail: `Barcode ${input.barcode} is another good's.` });
  }
  const [row] = await db
    .insert(goods)
    .values({
      allianceId: input.allianceId,
      merchantId: input.merchantId,
      name: input.name,
      points: input.points,
      copayFen: input.copayFen ?? 0,
      unit: input.unit,
      barcode: input.barcode ?? null,
      supplier: input.supplier ?? null,
      costFen: input.costFen ?? null,
      lowStock: input.lowStock ?? 5,
      photoId: input.photoId ?? null,
    })
    .returning();
  return row!;
}

export async function requireGood(db: Queryable, allianceId: string, id: string): Promise<Good> {
  const [row] = await db
    .select()
    .from(goods)
    .where(and(eq(goods.allianceId, allianceId), eq(goods.id, id)));
  if (!row) throw new AppError('goods_not_found', { detail: 'No such good in this alliance.' });
  return row;
}

/** A merchant's goods, by name; only those on sale unless asked. */
export function goodsOf(db: Queryable, merchantId: string, options: { all?: boolean } = {}) {
  const where = options.all
    ? eq(goods.merchantId, merchantId)
    : and(eq(goods.merchantId, merchantId), eq(goods.active, true));
  return db.select().from(goods).where(where).orderBy(asc(goods.name), asc(goods.id));
}

/** The goods a basket names, of this merchant only. */
export async function goodsById(
  db: Queryable,
  merchantId: string,
  ids: string[],
): Promise<Map<string, Good>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select()
    .from(goods)
    .where(and(eq(goods.merchantId, merchantId), inArray(goods.id, ids)));
  return new Map(found.map((g) => [g.id, g]));
}

export interface PricedLine {
  goodsId: string;
  quantity: number;
  points: number;
  copayFen: number;
}

/**
 * Prices a basket at today's prices (the POS names goods and quantities only). Every good must
 * be this merchant's and on sale; each good once.
 */
export async function priceBasket(
  db: Queryable,
  merchantId: string,
  lines: { goodsId: string; quantity: number }[],
): Promise<PricedLine[]> {
  if (new Set(lines.map((l) => l.goodsId)).size !== lines.length) {
    throw new AppError('invalid_request', { detail: 'Name each good once, with its quantity.' });
  }
  const found = await goodsById(
    db,
    merchantId,
    lines.map((l) => l.goodsId),
  );
  return lines.map((l) => {
    const good = found.get(l.goodsId);
    if (!good || !good.active) {
      throw new AppError('goods_not_found', {
        detail: `Good ${l.goodsId} is not on sale at this merchant.`,
        details: { goodsId: l.goodsId },
      });
    }
    return { goodsId: l.goodsId, quantity: l.quantity, points: good.points, copayFen: good.copayFen };
  });
}

/** Points the good at a newly stored photo; answers the photo it had before (to be removed), if any. */
export async function setGoodPhoto(db: Queryable, goodsId: string, photoId: string): Promise<string | null> {
  const [before] = await db
    .select({ photoId: goods.photoId })
    .from(goods)
    .where(eq(goods.id, goodsId))
    .for('update');
  await db.update(goods).set({ photoId }).where(eq(goods.id, goodsId));
  return before?.photoId ?? null;
}
