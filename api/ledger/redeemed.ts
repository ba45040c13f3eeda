/**
 * "Redeemed", one definition for every screen that says it (the dashboard's total and its top
 * merchants, the monthly notice): points captured at merchants less captures the merchant
 * reversed, and the number of sales less those reversed, counted by when the ledger posted them.
 * A sale undone the same day counts for nothing.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';

export interface RedeemedAtMerchant {
  id: string;
  name: string;
  number: number;
  /** Sales, net of reversals. */
  redemptions: number;
  /** Points, net of reversals. */
  points: number;
}

/** Redeemed points and sales per merchant in [from, until) (all time when no range), most points first. */
export async function redeemedByMerchant(
  db: Queryable,
  input: { allianceId: string; from?: Date; until?: Date; limit?: number },
): Promise<RedeemedAtMerchant[]> {
  const range = sql.join(
    [
      input.from ? sql`and t.created_at >= ${input.from.toISOString()}::timestamptz` : sql``,
      input.until ? sql`and t.created_at < ${input.until.toISOString()}::timestamptz` : sql``,
    ],
    sql` `,
  );
  const found = await rows<{
    id: string;
    name: string;
    number: string | number;
    redemptions: string | number;
    points: string | number;
  }>(
    db,
    sql`select m.id, m.name, m.number,
          count(*) filter (where t.kind = 'capture') - count(*) filter (where t.kind = 'reverse') as redemptions,
          sum(case when t.kind = 'capture' then t.amount else -t.amount end) as points
        from transfers t
        join ledger_accounts a on a.kind = 'merchant' and a.id in (t.credit_account_id, t.debit_account_id)
        join merchants m on m.id = a.owner_id
        where t.alliance_id = ${input.allianceId} and t.kind in ('capture', 'reverse') ${range}
        group by m.id, m.name, m.number
        order by points desc, m.number
        ${input.limit ? sql`limit ${input.limit}` : sql``}`,
  );
  return found.map((m) => ({
    id: m.id,
    name: m.name,
    number: Number(m.number),
    redemptions: Number(m.redemptions),
    points: Number(m.points),
  }));
}
