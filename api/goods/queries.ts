/**
 * Reads of the points supermarket (积分超市) that serve the console's screens: the shops with
 * how many goods each has and how many are low, and a good's stock events with who recorded
 * each by name (the staff member or the shop's phone).
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';

type Num = string | number | null;

/** Every shop of the alliance, by number, with its goods and low-stock goods counted. */
export async function shopsWithGoods(db: Queryable, allianceId: string) {
  const found = await rows<{ id: string; number: Num; name: string; goods: Num; low: Num }>(
    db,
    sql`select m.id, m.number, m.name,
          count(g.id) as goods,
          count(g.id) filter (where g.active and g.stock <= g.low_stock) as low
        from merchants m
        left join goods g on g.merchant_id = m.id
        where m.alliance_id = ${allianceId}
        group by m.id
        order by count(g.id) = 0, m.number`,
  );
  return found.map((r) => ({
    id: r.id,
    number: Number(r.number),
    name: r.name,
    goods: Number(r.goods ?? 0),
    low: Number(r.low ?? 0),
  }));
}

export interface NamedStockEvent {
  id: string;
  kind: string;
  quantity: number;
  counted: number | null;
  supplier: string | null;
  costFen: number | null;
  reason: string | null;
  flagged: boolean;
  createdAt: Date;
  /** Who recorded it: `staff` with the name, `device` with the phone's name, or `pos`. */
  byRole: string;
  byName: string | null;
}

/** A good's stock events, newest first, with who recorded each. */
export async function namedEventsOf(db: Queryable, goodsId: string, limit = 500): Promise<NamedStockEvent[]> {
  const found = await rows<{
    id: string;
    kind: string;
    quantity: Num;
    counted: Num;
    supplier: string | null;
    cost_fen: Num;
    reason: string | null;
    flagged: boolean;
    created_at: string | Date;
    by_role: string | null;
    staff_name: string | null;
    device_name: string | null;
  }>(
    db,
    sql`select e.id, e.kind, e.quantity, e.counted, e.supplier, e.cost_fen, e.reason, e.flagged, e.created_at,
          split_part(e.recorded_by, ':', 1) as by_role, s.name as staff_name, d.name as device_name
        from stock_events e
        left join staff_users s on s.id::text = split_part(e.recorded_by, ':', 2)
        left join devices d on d.id = split_part(e.recorded_by, ':', 2)
        where e.goods_id = ${goodsId}
        order by e.created_at desc, e.id desc
        limit ${limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    kind: r.kind,
    quantity: Number(r.quantity),
    counted: r.counted === null ? null : Number(r.counted),
    supplier: r.supplier,
    costFen: r.cost_fen === null ? null : Number(r.cost_fen),
    reason: r.reason,
    flagged: r.flagged,
    createdAt: new Date(r.created_at),
    byRole: r.by_role === 'coordinator' ? 'staff' : (r.by_role ?? ''),
    byName: r.staff_name ?? r.device_name,
  }));
}
