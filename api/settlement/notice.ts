/**
 * The public monthly notice (一月一公示) as data: who earned points in the month (each resident or
 * household, how many grants and for what) and the points spent at each merchant.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { PeriodBounds } from '../local-time.ts';

export interface NoticeEarner {
  kind: 'resident' | 'household';
  name: string;
  points: number;
  grants: number;
  reasons: string[];
}

export interface NoticeMerchant {
  name: string;
  number: number;
  redemptions: number;
  points: number;
}

/** PostgreSQL arrays arrive as arrays from postgres.js and as "{a,b}" text from PGlite. */
const textArray = (value: string[] | string | null): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.replace(/^\{|\}$/g, '').split(',') : [])
    .map((x) => x.replace(/^"|"$/g, ''))
    .filter(Boolean);

export async function monthlyNotice(db: Queryable, allianceId: string, bounds: PeriodBounds) {
  const range = sql`t.created_at >= ${bounds.startsAt.toISOString()}::timestamptz
    and t.created_at < ${bounds.endsAt.toISOString()}::timestamptz`;
  const earners = await rows<{
    kind: 'resident' | 'household';
    name: string;
    points: string | number;
    grants: string | number;
    reasons: string[] | string | null;
  }>(
    db,
    sql`select a.kind, coalesce(r.name, h.name, '') as name, sum(t.amount) as points, count(*) as grants,
          (array_agg(distinct t.reason))[1:3] as reasons
        from transfers t
        join ledger_accounts a on a.id = t.credit_account_id
        left join residents r on a.kind = 'resident' and r.id = a.owner_id
        left join households h on a.kind = 'household' and h.id = a.owner_id
        where t.alliance_id = ${allianceId} and t.kind = 'mint' and ${range}
        group by a.id, a.kind, r.name, h.name
        order by points desc, name`,
  );
  const spent = await rows<{
    name: string;
    number: string | number;
    redemptions: string | number;
    points: string | number;
  }>(
    db,
    sql`select m.name, m.number, count(*) filter (where t.kind = 'capture') as redemptions,
          sum(case when t.kind = 'capture' then t.amount else -t.amount end) as points
        from transfers t
        join ledger_accounts a on a.kind = 'merchant' and a.id in (t.credit_account_id, t.debit_account_id)
        join merchants m on m.id = a.owner_id
        where t.alliance_id = ${allianceId} and t.kind in ('capture', 'reverse') and ${range}
        group by m.id, m.name, m.number
        order by points desc, m.number`,
  );
  return {
    earners: earners.map(
      (e): NoticeEarner => ({
        kind: e.kind,
        name: e.name,
        points: Number(e.points),
        grants: Number(e.grants),
        reasons: textArray(e.reasons),
      }),
    ),
    merchants: spent.map(
      (m): NoticeMerchant => ({
        name: m.name,
        number: Number(m.number),
        redemptions: Number(m.redemptions),
        points: Number(m.points),
      }),
    ),
  };
}
