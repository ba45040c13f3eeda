/**
 * Rankings (排行榜, issue #17): points EARNED in a period of the alliance's calendar — a day, a
 * week (Monday to Sunday), a month, a year — by residents or by households, alliance-wide or in
 * one community. Read-only, one SQL statement per ranking over the period's transfers.
 *
 * What counts (docs/rankings.md): `mint` (grants, approved claims, a household's monthly scoring
 * payout) adds, `deduct` takes away, `restore` (an upheld appeal) gives a deduction back. Spending
 * (holds, captures, releases, reversals), moves into a household and corrections (`adjust`) are
 * not earning and do not count.
 *
 * Who earned it:
 * - households: every counted transfer on the household's account (members earn into it, 一户一档);
 *   a member's own account from before they joined stays theirs, not the household's;
 * - residents: a transfer on the resident's own account (no household), or one on their
 *   household's account that names them — the claim it paid (`claims.transfer_id`), the
 *   deduction recorded against them (`deductions.transfer_id`) or its restore
 *   (`deductions.appeal_transfer_id`). A grant to a household member, a deduction against the
 *   whole household and the scoring payout land on the household's account without naming a
 *   member: they count for the household only.
 *
 * In a community: households whose `community` is its name; residents whose points went to the
 * account of such a household (a resident without a household is in no community; one who moved
 * between communities counts in each for what they earned there).
 *
 * Order: points, high first; ties go to whoever reached their total first — the last instant at
 * which the holder's running total in the period changed (the instant of their last counted
 * transfer, instants whose transfers cancel out not counting); a holder whose total never changed
 * had it from the period's start. Holders alike on both are ordered by id, so the ranks are 1, 2,
 * 3 … without gaps or shared places.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { localMidnight, localTime } from '../local-time.ts';

export const RANKING_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type RankingPeriod = (typeof RANKING_PERIODS)[number];
export const RANKING_SCOPES = ['residents', 'households'] as const;
export type RankingScope = (typeof RANKING_SCOPES)[number];

/** [start, end) of the period holding the local day `at` ("YYYY-MM-DD"), in the alliance's zone. */
export function rankingPeriod(
  timezone: string,
  period: RankingPeriod,
  at: { year: number; month: number; day: number },
): { start: Date; end: Date } {
  const { year, month, day } = at;
  switch (period) {
    case 'day':
      return {
        start: localMidnight(timezone, year, month, day),
        end: localMidnight(timezone, year, month, day + 1),
      };
    case 'week': {
      // 0 = Monday … 6 = Sunday, from the calendar date itself (no zone involved).
      const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
      return {
        start: localMidnight(timezone, year, month, day - weekday),
        end: localMidnight(timezone, year, month, day - weekday + 7),
      };
    }
    case 'month':
      return {
        start: localMidnight(timezone, year, month, 1),
        end: localMidnight(timezone, year, month + 1, 1),
      };
    case 'year':
      return { start: localMidnight(timezone, year, 1, 1), end: localMidnight(timezone, year + 1, 1, 1) };
  }
}

/** Today's local date in the zone, for a ranking asked without `at`. */
export function localDate(timezone: string, instant: Date) {
  const l = localTime(timezone, instant);
  return { year: l.year, month: l.month, day: l.day };
}

export interface RankingQuery {
  allianceId: string;
  scope: RankingScope;
  start: Date;
  end: Date;
  /** A community's name (`households.community`); residents belong through their household. */
  community?: string | undefined;
  limit: number;
  /** The holder whose line is wanted too, ranked beyond the top N or not (a resident or household id). */
  meId?: string | undefined;
}

export interface RankedHolder {
  rank: number;
  holderId: string;
  name: string;
  points: number;
  /** When the holder reached their total (null: they had it from the period's start). */
  reachedAt: Date | null;
}

/**
 * The period's counted transfers, signed, with the holder account they moved. Alliance-wide: the
 * period's transfers by time. In a community: from its households' accounts to their transfers
 * (transfers_credit_idx, transfers_debit_idx), so a community's ranking reads its own transfers
 * only, whatever the length of the period.
 */
function periodMoves(q: RankingQuery): SQL {
  const start = sql`${q.start.toISOString()}::timestamptz`;
  const end = sql`${q.end.toISOString()}::timestamptz`;
  if (q.community !== undefined) {
    return sql`
      with accounts as (
        select a.id from households h
        join ledger_accounts a on a.alliance_id = h.alliance_id and a.kind = 'household' and a.owner_id = h.id
        where h.alliance_id = ${q.allianceId} and h.community = ${q.community}
      )
      select t.id, t.created_at, t.credit_account_id as account_id, t.amount as points
      from accounts a join transfers t on t.credit_account_id = a.id
      where t.kind in ('mint', 'restore') and t.created_at >= ${start} and t.created_at < ${end}
      union all
      select t.id, t.created_at, t.debit_account_id, -t.amount
      from accounts a join transfers t on t.debit_account_id = a.id
      where t.kind = 'deduct' and t.created_at >= ${start} and t.created_at < ${end}`;
  }
  return sql`
    select t.id, t.created_at,
           case when t.kind = 'deduct' then t.debit_account_id else t.credit_account_id end as account_id,
           case when t.kind = 'deduct' then -t.amount else t.amount end as points
    from transfers t
    where t.alliance_id = ${q.allianceId}
      and t.kind in ('mint', 'deduct', 'restore')
      and t.created_at >= ${start} and t.created_at < ${end}`;
}

/** Each counted transfer with the holder (resident or household id) it is attributed to. */
function attributed(q: RankingQuery): SQL {
  const community = q.community === undefined ? sql`true` : sql`h.community = ${q.community}`;
  if (q.scope === 'households') {
    return sql`
      select h.id as holder_id, h.name, m.created_at, m.points
      from moves m
      join ledger_accounts a on a.id = m.account_id and a.kind = 'household'
      join households h on h.id = a.owner_id
      where h.alliance_id = ${q.allianceId} and ${community}`;
  }
  // In a community only household accounts of its households can hold its residents' points:
  // narrowing to them first leaves few transfers to attribute.
  const inCommunity =
    q.community === undefined
      ? sql``
      : sql`join households h on a.kind = 'household' and h.id = a.owner_id and h.community = ${q.community}`;
  return sql`
    select r.id as holder_id, r.name, x.created_at, x.points
    from (
      select case when a.kind = 'resident' then a.owner_id
                  else coalesce(c.resident_id, d.resident_id, dr.resident_id) end as resident_id,
             m.created_at, m.points
      from moves m
      join ledger_accounts a on a.id = m.account_id
      ${inCommunity}
      left join claims c on a.kind = 'household' and c.transfer_id = m.id
      left join deductions d on a.kind = 'household' and d.transfer_id = m.id
      left join deductions dr on a.kind = 'household' and dr.appeal_transfer_id = m.id
    ) x
    join residents r on r.id = x.resident_id
    where r.alliance_id = ${q.allianceId}`;
}

/**
 * The top `limit` of the ranking, and the `meId` holder's line wherever it ranks (absent when
 * they earned nothing counted in the period or are not in this ranking's community).
 */
export async function ranking(
  db: Queryable,
  q: RankingQuery,
): Promise<{ top: RankedHolder[]; me: RankedHolder | undefined }> {
  const found = await rows<{
    rank: string | number;
    holder_id: string;
    name: string;
    points: string | number;
    reached_at: string | Date | null;
  }>(
    db,
    sql`
      with moves as (${periodMoves(q)}),
      held as (${attributed(q)}),
      instants as (
        select holder_id, min(name) as name, created_at, sum(points) as points
        from held group by holder_id, created_at
      ),
      totals as (
        select holder_id, min(name) as name, sum(points) as points,
               max(created_at) filter (where points <> 0) as reached_at
        from instants group by holder_id
      ),
      ranked as (
        select holder_id, name, points, reached_at,
               row_number() over (order by points desc, reached_at asc nulls first, holder_id) as rank
        from totals
      )
      select rank, holder_id, name, points, reached_at from ranked
      where rank <= ${q.limit} ${q.meId ? sql`or holder_id = ${q.meId}` : sql``}
      order by rank`,
  );
  const lines = found.map((r) => ({
    rank: Number(r.rank),
    holderId: r.holder_id,
    name: r.name,
    points: Number(r.points),
    reachedAt: r.reached_at === null ? null : new Date(r.reached_at),
  }));
  return {
    top: lines.filter((l) => l.rank <= q.limit),
    me: q.meId ? lines.find((l) => l.holderId === q.meId) : undefined,
  };
}

/** The resident's household and its community, to place them in a ranking. */
export async function residentPlace(db: Queryable, allianceId: string, residentId: string) {
  const [row] = await rows<{ household_id: string | null; community: string | null }>(
    db,
    sql`select r.household_id, h.community from residents r
        left join households h on h.id = r.household_id
        where r.id = ${residentId} and r.alliance_id = ${allianceId}`,
  );
  return row ? { householdId: row.household_id, community: row.community } : undefined;
}

/** Households' communities and door numbers by id, for a printed list of ranked households. */
export async function householdPlaces(db: Queryable, allianceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { community: string | null; doorNumber: string | null }>();
  const found = await rows<{ id: string; community: string | null; door_number: string | null }>(
    db,
    sql`select id, community, door_number from households
        where alliance_id = ${allianceId} and id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return new Map(found.map((r) => [r.id, { community: r.community, doorNumber: r.door_number }]));
}
