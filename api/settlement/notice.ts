/**
 * The public monthly notice (一月一公示) as data: who earned points in the month (each resident or
 * household, how many grants and for what) and the points spent at each merchant.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { redeemedByMerchant } from '../ledger/redeemed.ts';
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
  const spent = await redeemedByMerchant(db, { allianceId, from: bounds.startsAt, until: bounds.endsAt });
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
      ({ name, number, redemptions, points }): NoticeMerchant => ({ name, number, redemptions, points }),
    ),
  };
}
