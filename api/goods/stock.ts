/**
 * Stock moves only by recorded events (积分超市): a delivery (+, with its supplier and cost), an
 * exchange at the counter (−, from a redemption record's basket), a count (the difference between
 * the shelf and the books, with its reason), a return to the supplier (−), and the reversal of an
 * exchange (+). Each event and the change to goods.stock are written together, so the stock on
 * hand is always the sum of the good's events.
 * Promises: online, nothing takes the stock below zero (an exchange that would is refused with
 * `out_of_stock` and, since it runs in the capture's transaction, the capture with it); offline
 * the shelf had the goods, so the exchange is kept, the stock goes below zero and the event is
 * flagged for the coordinator. Goods rows are locked last and in id order, after any hold and
 * balance, like every other path that takes them.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { goods, redemptionLines, stockEvents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { PricedLine } from './goods.ts';

export type StockEvent = typeof stockEvents.$inferSelect;

export interface StockInput {
  allianceId: string;
  goodsId: string;
  kind: 'delivery' | 'count' | 'return';
  /** Delivery and return: how many; count: how many are on the shelf. */
  quantity: number;
  costFen?: number | undefined;
  supplier?: string | undefined;
  reason?: string | undefined;
  recordedBy: string;
}

/** A delivery, a count or a return, with the stock it leaves. */
export async function recordStock(
  tx: Tx,
  input: StockInput,
  clock: Clock,
): Promise<{ event: StockEvent; stock: number }> {
  const [good] = await tx
    .select({ stock: goods.stock, supplier: goods.supplier, costFen: goods.costFen })
    .from(goods)
    .where(and(eq(goods.allianceId, input.allianceId), eq(goods.id, input.goodsId)))
    .for('update');
  if (!good) throw new AppError('goods_not_found', { detail: 'No such good in this alliance.' });
  const stock = Number(good.stock);
  let delta: number;
  if (input.kind === 'delivery') {
    if (input.quantity < 1)
      throw new AppError('invalid_request', { detail: 'A delivery brings at least one.' });
    delta = input.quantity;
  } else if (input.kind === 'return') {
    if (input.quantity < 1)
      throw new AppError('invalid_request', { detail: 'A return sends back at least one.' });
    if (input.quantity > stock) {
      throw new AppError('out_of_stock', {
        detail: `Only ${stock} on hand: cannot return ${input.quantity}.`,
        details: { goodsId: input.goodsId, stock },
      });
    }
    delta = -input.quantity;
  } else {
    if (input.quantity < 0) throw new AppError('invalid_request', { detail: 'A count is 0 or more.' });
    if (!input.reason)
      throw new AppError('invalid_request', { detail: 'Say why the count differs (reason).' });
    delta = input.quantity - stock;
  }
  const [event] = await tx
    .insert(stockEvents)
    .values({
      allianceId: input.allianceId,
      goodsId: input.goodsId,
      kind: input.kind,
      quantity: delta,
      counted: input.kind === 'count' ? input.quantity : null,
      supplier: input.kind === 'count' ? null : (input.supplier ?? good.supplier),
      costFen: input.kind === 'count' ? null : (input.costFen ?? good.costFen),
      reason: input.reason ?? null,
      recordedBy: input.recordedBy,
      createdAt: clock.now(),
    })
    .returning();
  await tx
    .update(goods)
    .set({ stock: sql`${goods.stock} + ${delta}` })
    .where(eq(goods.id, input.goodsId));
  return { event: event!, stock: stock + delta };
}

/**
 * A captured basket: its lines kept with the record, and one exchange event per good. Online a
 * good that would go below zero refuses the whole capture; offline it is kept and flagged.
 */
export async function exchangeBasket(
  tx: Tx,
  input: {
    allianceId: string;
    merchantId: string;
    recordId: string;
    lines: PricedLine[];
    offline: boolean;
    recordedBy: string;
  },
  clock: Clock,
): Promise<void> {
  const now = clock.now();
  await tx
    .insert(redemptionLines)
    .values(
      input.lines.map((l) => ({
        recordId: input.recordId,
        goodsId: l.goodsId,
        quantity: l.quantity,
        points: l.points,
        copayFen: l.copayFen,
      })),
    )
    .onConflictDoNothing();
  for (const line of [...input.lines].sort((a, b) => a.goodsId.localeCompare(b.goodsId))) {
    const [after] = await tx
      .update(goods)
      .set({ stock: sql`${goods.stock} - ${line.quantity}` })
      .where(and(eq(goods.id, line.goodsId), eq(goods.merchantId, input.merchantId)))
      .returning({ stock: goods.stock, name: goods.name });
    if (!after) {
      throw new AppError('goods_not_found', {
        detail: `Good ${line.goodsId} is not this merchant's.`,
        details: { goodsId: line.goodsId },
      });
    }
    const stock = Number(after.stock);
    if (stock < 0 && !input.offline) {
      throw new AppError('out_of_stock', {
        detail: `${after.name}: only ${stock + line.quantity} on hand, ${line.quantity} asked.`,
        details: { goodsId: line.goodsId, name: after.name, stock: stock + line.quantity },
      });
    }
    await tx.insert(stockEvents).values({
      allianceId: input.allianceId,
      goodsId: line.goodsId,
      kind: 'exchange',
      quantity: -line.quantity,
      recordId: input.recordId,
      recordedBy: input.recordedBy,
      flagged: stock < 0,
      ...(stock < 0 ? { reason: `offline exchange took the stock to ${stock}` } : {}),
      createdAt: now,
    });
  }
}

/** A reversed basket: its goods go back on the shelf (once, however often it is asked). */
export async function returnBasket(
  tx: Tx,
  input: { allianceId: string; recordId: string; recordedBy: string },
  clock: Clock,
): Promise<void> {
  const lines = await tx
    .select()
    .from(redemptionLines)
    .where(eq(redemptionLines.recordId, input.recordId))
    .orderBy(asc(redemptionLines.goodsId));
  for (const line of lines) {
    const inserted = await tx
      .insert(stockEvents)
      .values({
        allianceId: input.allianceId,
        goodsId: line.goodsId,
        kind: 'reversal',
        quantity: line.quantity,
        recordId: input.recordId,
        recordedBy: input.recordedBy,
        createdAt: clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: stockEvents.id });
    if (inserted.length === 0) continue;
    await tx
      .update(goods)
      .set({ stock: sql`${goods.stock} + ${line.quantity}` })
      .where(eq(goods.id, line.goodsId));
  }
}

/** The lines of records, for receipts, today's list and statements. */
export async function linesOf(db: Queryable, recordIds: string[]) {
  if (recordIds.length === 0) return new Map<string, (PricedLine & { name: string; unit: string })[]>();
  const found = await db
    .select({ line: redemptionLines, name: goods.name, unit: goods.unit })
    .from(redemptionLines)
    .innerJoin(goods, eq(goods.id, redemptionLines.goodsId))
    .where(sql`${redemptionLines.recordId} in ${recordIds}`)
    .orderBy(asc(goods.name));
  const out = new Map<string, (PricedLine & { name: string; unit: string })[]>();
  for (const r of found) {
    const list = out.get(r.line.recordId) ?? [];
    list.push({
      goodsId: r.line.goodsId,
      quantity: r.line.quantity,
      points: r.line.points,
      copayFen: r.line.copayFen,
      name: r.name,
      unit: r.unit,
    });
    out.set(r.line.recordId, list);
  }
  return out;
}

/** A good's events, newest first. */
export function eventsOf(db: Queryable, goodsId: string, limit = 500) {
  return db
    .select()
    .from(stockEvents)
    .where(eq(stockEvents.goodsId, goodsId))
    .orderBy(sql`${stockEvents.createdAt} desc, ${stockEvents.id} desc`)
    .limit(limit);
}

/**
 * Marks a flagged exchange as looked into (the shelf checked; a count corrects the stock if it
 * must): it leaves the coordinator's list, and stays flagged in the good's history. Once: a
 * second mark keeps the first. Undefined when the alliance has no such flagged exchange.
 */
export async function checkFlaggedExchange(
  tx: Tx,
  input: { allianceId: string; eventId: string; checkedBy: string },
  clock: Clock,
): Promise<{ checkedAt: Date; checkedBy: string } | undefined> {
  const where = and(
    eq(stockEvents.id, input.eventId),
    eq(stockEvents.allianceId, input.allianceId),
    eq(stockEvents.flagged, true),
  );
  const [marked] = await tx
    .update(stockEvents)
    .set({ checkedAt: clock.now(), checkedBy: input.checkedBy })
    .where(and(where, isNull(stockEvents.checkedAt)))
    .returning({ checkedAt: stockEvents.checkedAt, checkedBy: stockEvents.checkedBy });
  const [row] = marked
    ? [marked]
    : await tx
        .select({ checkedAt: stockEvents.checkedAt, checkedBy: stockEvents.checkedBy })
        .from(stockEvents)
        .where(where);
  return row?.checkedAt ? { checkedAt: row.checkedAt, checkedBy: row.checkedBy ?? '' } : undefined;
}
