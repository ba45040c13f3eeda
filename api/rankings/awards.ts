/**
 * Awards (奖励, issue #17): what the coordinator gave a resident or a household for their place in
 * an ended month's or year's ranking — 雄安容东 gives each community's monthly top 10 goods worth
 * 100–300 yuan, and the yearly top 50 households a 文明之家 plaque.
 *
 * Promises:
 * - only a period that is over (its end, in the alliance's zone, is at or before now): the
 *   ranking it was given for no longer moves;
 * - the rank, the points and the name are the ranking's, computed here, never the form's; a holder
 *   not in that ranking is refused;
 * - one award per holder, period and scope (`awards_holder_key`): recording it again (a retry, a
 *   second click, the same holder from another community's ranking) answers the award already
 *   given, unchanged.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { formatDay, type YearMonthDay } from '../../shared/calendar.ts';
import type { Queryable } from '../db/client.ts';
import { type AwardPeriod, type AwardScope, awards } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type RankedHolder, ranking, rankingPeriod } from './queries.ts';

export type Award = typeof awards.$inferSelect;

export interface AwardPeriodBounds {
  period: AwardPeriod;
  /** The period's first local day, as stored ("2026-10-01", "2025-01-01"). */
  periodStart: string;
  start: Date;
  end: Date;
}

/** The month or the year holding the local day `at`, in the alliance's zone. */
export function awardPeriod(timezone: string, period: AwardPeriod, at: YearMonthDay): AwardPeriodBounds {
  const { start, end } = rankingPeriod(timezone, period, at);
  const first = period === 'month' ? { ...at, day: 1 } : { year: at.year, month: 1, day: 1 };
  return { period, periodStart: formatDay(first), start, end };
}

export const periodIsOver = (bounds: { end: Date }, now: Date) => bounds.end.getTime() <= now.getTime();

export interface AwardRequest {
  allianceId: string;
  bounds: AwardPeriodBounds;
  scope: AwardScope;
  /** The community whose ranking it is; the whole alliance when absent. */
  community?: string | undefined;
  holderId: string;
  gift: string;
  valueFen?: number | undefined;
  givenBy: string;
}

export type AwardResult = { outcome: 'recorded' | 'already_recorded'; award: Award };

/** The holder's line in the period's ranking, or undefined when they are not in it. */
export async function rankedLine(
  db: Queryable,
  q: { allianceId: string; bounds: AwardPeriodBounds; scope: AwardScope; community?: string | undefined },
  holderId: string,
): Promise<RankedHolder | undefined> {
  const { me } = await ranking(db, {
    allianceId: q.allianceId,
    scope: q.scope,
    start: q.bounds.start,
    end: q.bounds.end,
    community: q.community,
    limit: 0,
    meId: holderId,
  });
  return me;
}

/** The award already given to the holder for the period and scope, if any. */
async function existing(
  db: Queryable,
  r: Pick<AwardRequest, 'allianceId' | 'bounds' | 'scope' | 'holderId'>,
) {
  const [found] = await db
    .select()
    .from(awards)
    .where(
      and(
        eq(awards.allianceId, r.allianceId),
        eq(awards.period, r.bounds.period),
        eq(awards.periodStart, r.bounds.periodStart),
        eq(awards.scope, r.scope),
        eq(awards.holderId, r.holderId),
      ),
    );
  return found;
}

/**
 * Records what was given to a holder for their place; `now` decides whether the period is over.
 * Give it the line when the caller already has the ranking (the top N at once), else it is read.
 */
export async function recordAward(
  db: Queryable,
  r: AwardRequest,
  now: Date,
  line?: RankedHolder,
): Promise<AwardResult> {
  if (!periodIsOver(r.bounds, now)) {
    throw new AppError('award_period_not_over', {
      detail: `The ${r.bounds.period} starting ${r.bounds.periodStart} has not ended yet.`,
    });
  }
  const before = await existing(db, r);
  if (before) return { outcome: 'already_recorded', award: before };
  const ranked = line ?? (await rankedLine(db, r, r.holderId));
  if (!ranked) {
    throw new AppError('holder_not_ranked', {
      detail: `${r.holderId} is not in that ranking (${r.scope}, ${r.community ?? 'whole alliance'}).`,
    });
  }
  const [inserted] = await db
    .insert(awards)
    .values({
      allianceId: r.allianceId,
      period: r.bounds.period,
      periodStart: r.bounds.periodStart,
      scope: r.scope,
      community: r.community ?? null,
      holderId: r.holderId,
      holderName: ranked.name,
      rank: ranked.rank,
      points: ranked.points,
      gift: r.gift,
      valueFen: r.valueFen ?? null,
      givenBy: r.givenBy,
      givenAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { outcome: 'recorded', award: inserted };
  // Someone recorded it between our look and our insert: theirs stands.
  const theirs = await existing(db, r);
  if (!theirs) throw new Error('award vanished after a conflicting insert');
  return { outcome: 'already_recorded', award: theirs };
}

export interface AwardLine extends Award {
  givenByName: string | null;
}

/** Every award of a period (both scopes, every community), by scope, community, rank. */
export async function awardsOf(
  db: Queryable,
  allianceId: string,
  bounds: Pick<AwardPeriodBounds, 'period' | 'periodStart'>,
): Promise<AwardLine[]> {
  const found = await db
    .select({
      award: awards,
      givenByName: sql<string | null>`(select name from staff_users s where s.id = ${awards.givenBy})`,
    })
    .from(awards)
    .where(
      and(
        eq(awards.allianceId, allianceId),
        eq(awards.period, bounds.period),
        eq(awards.periodStart, bounds.periodStart),
      ),
    )
    .orderBy(asc(awards.scope), sql`${awards.community} nulls first`, asc(awards.rank));
  return found.map((f) => ({ ...f.award, givenByName: f.givenByName }));
}
