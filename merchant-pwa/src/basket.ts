/**
 * The basket at the points supermarket's counter (积分超市): goods added by tile, by barcode or by
 * name, each good once with its quantity, priced from the cached configuration. The record signs
 * each line's price per unit (docs/voucher.md, "Baskets"); its points are Σ quantity × points.
 */
import type { GoodView } from '../../shared/api/goods.ts';
import { basketCopayFen, basketPoints } from '../../shared/redemption-record.ts';
import type { Charge } from './offers.ts';

/** A good as the counter shows it; `photoUrl` arrives with the goods' pictures when the shop has them. */
export type Good = GoodView & { photoUrl?: string | null };

/** One line of the basket: the good's price per unit as priced now, its name and unit for the receipt. */
export interface BasketLine {
  goodsId: string;
  name: string;
  unit: string;
  quantity: number;
  points: number;
  copayFen: number;
}

/** The record's limits on a basket (shared/redemption-record.ts). */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 999;

export const goodsOnSale = (goods: readonly Good[] | undefined): Good[] =>
  (goods ?? []).filter((g) => g.active);

const lineOf = (good: Good, quantity: number): BasketLine => ({
  goodsId: good.id,
  name: good.name,
  unit: good.unit,
  quantity,
  points: good.points,
  copayFen: good.copayFen,
});

/** One more of a good: a new line at the end, or the good's line one up (never past 999). */
export function addGood(lines: readonly BasketLine[], good: Good): BasketLine[] {
  const at = lines.findIndex((l) => l.goodsId === good.id);
  if (at < 0) return lines.length >= MAX_LINES ? [...lines] : [...lines, lineOf(good, 1)];
  return lines.map((l, i) => (i === at ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + 1) } : l));
}

/** A line's quantity changed by `delta`; at 0 the line goes. */
export function changeQuantity(lines: readonly BasketLine[], goodsId: string, delta: number): BasketLine[] {
  return lines
    .map((l) =>
      l.goodsId === goodsId ? { ...l, quantity: Math.min(MAX_QUANTITY, Math.max(0, l.quantity + delta)) } : l,
    )
    .filter((l) => l.quantity > 0);
}

/**
 * The lines at today's prices after the configuration was refreshed (the API refused the old
 * ones): goods no longer on sale drop out.
 */
export function repriced(lines: readonly BasketLine[], goods: readonly Good[]): BasketLine[] {
  const byId = new Map(goodsOnSale(goods).map((g) => [g.id, g]));
  return lines.flatMap((l) => {
    const good = byId.get(l.goodsId);
    return good ? [lineOf(good, l.quantity)] : [];
  });
}

export const totalPoints = (lines: readonly BasketLine[]): number => basketPoints(lines);
export const totalCopayFen = (lines: readonly BasketLine[]): number => basketCopayFen(lines);

/** What the basket takes: its points, no offer and no bill (the co-pay is cash on top). */
export const basketCharge = (lines: readonly BasketLine[]): Charge => ({
  offerId: null,
  points: totalPoints(lines),
  billFen: 0,
  discountFen: 0,
  lines: [...lines],
});

/** The good whose barcode was scanned, if this shop sells one. */
export function goodByBarcode(goods: readonly Good[], text: string): Good | undefined {
  const code = text.trim();
  return code ? goodsOnSale(goods).find((g) => g.barcode === code) : undefined;
}

/** Goods whose name holds the words typed (or whose barcode starts with the digits typed). */
export function searchGoods(goods: readonly Good[], query: string): Good[] {
  const q = query.trim().toLowerCase();
  const onSale = goodsOnSale(goods);
  if (!q) return onSale;
  return onSale.filter((g) => g.name.toLowerCase().includes(q) || (g.barcode ?? '').startsWith(q));
}

/** Goods at or below their low-stock mark, the emptiest first. */
export const lowStockGoods = (goods: readonly Good[] | undefined): Good[] =>
  goodsOnSale(goods)
    .filter((g) => g.stock <= g.lowStock)
    .sort((a, b) => a.stock - b.stock || a.name.localeCompare(b.name));

/**
 * A code that may be a resident's voucher (the alliance's `95…` prefix and about its length):
 * scanned while a basket is open it starts a new customer; any other code is a product's.
 */
export const looksLikeVoucher = (text: string): boolean => /^95\d{100,}$/.test(text.trim());
