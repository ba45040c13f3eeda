/**
 * Rankings (排行榜): who may read them and what each reader sees. Residents and staff (the
 * `overview` right: every coordinator and staff member) read any ranking of their alliance;
 * residents see names masked (王*兰) and their own line (`me`: their rank and points, or their
 * household's in the households scope), staff see full names. A read: no transaction, no audit.
 */

import { parseDay } from '../../shared/calendar.ts';
import { maskName } from '../../shared/text.ts';
import type { Principal, StaffPrincipal } from '../auth/principal.ts';
import { hasRight, requireRight } from '../auth/rights.ts';
import { allianceSettings, communitiesOf } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { type AwardResult, awardPeriod, awardsOf, periodIsOver, recordAward } from '../rankings/awards.ts';
import {
  householdPlaces,
  localDate,
  type RankingPeriod,
  type RankingScope,
  ranking,
  rankingPeriod,
  residentPlace,
} from '../rankings/queries.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import type { AwardBody, TopAwardsBody } from './inputs.ts';

export const RANKING_DEFAULT_LIMIT = 20;
export const RANKING_MAX_LIMIT = 100;

export interface RankingsInput {
  period: RankingPeriod;
  /** A day of the period ("YYYY-MM-DD" in the alliance's calendar); today when absent. */
  at?: string | undefined;
  scope: RankingScope;
  /** A community's name; the whole alliance when absent. */
  communityId?: string | undefined;
  limit?: number | undefined;
}

export interface RankingsView {
  rankings: { rank: number; name: string; points: number }[];
  /** The asking resident's line (their household's in the households scope); rank null: not ranked. */
  me?: { rank: number | null; points: number };
}

/** The local day `at` names, or today in the alliance's zone; a day that is no date is refused. */
function dayOf(at: string | undefined, timezone: string, ctx: AppContext) {
  const day = at === undefined ? localDate(timezone, ctx.clock.now()) : parseDay(at);
  if (!day) throw new AppError('invalid_day', { detail: 'at must be a date like 2026-11-22.' });
  return day;
}

export async function rankings(
  ctx: AppContext,
  actor: Principal,
  input: RankingsInput,
): Promise<RankingsView> {
  if (actor.role !== 'resident' && !hasRight(actor, 'overview')) throw new AppError('forbidden');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const day = dayOf(input.at, timezone, ctx);
  const { start, end } = rankingPeriod(timezone, input.period, day);
  const resident = actor.role === 'resident';
  let meId: string | undefined;
  if (resident) {
    meId =
      input.scope === 'residents'
        ? actor.subjectId
        : ((await residentPlace(ctx.db, actor.allianceId, actor.subjectId))?.householdId ?? undefined);
  }
  const limit = Math.min(input.limit ?? RANKING_DEFAULT_LIMIT, RANKING_MAX_LIMIT);
  const { top, me } = await ranking(ctx.db, {
    allianceId: actor.allianceId,
    scope: input.scope,
    start,
    end,
    community: input.communityId,
    limit,
    meId,
  });
  return {
    rankings: top.map((l) => ({
      rank: l.rank,
      name: resident ? maskName(l.name) : l.name,
      points: l.points,
    })),
    ...(resident ? { me: me ? { rank: me.rank, points: me.points } : { rank: null, points: 0 } } : {}),
  };
}

/**
 * The console's ranking (staff with the overview right): full names and the holders' ids (to
 * award them), whether the period is over, the awards already given in it (months and years),
 * and the communities to choose from.
 */
export async function rankingBoard(ctx: AppContext, actor: Principal, input: RankingsInput) {
  requireRight(actor, 'overview');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const day = dayOf(input.at, timezone, ctx);
  const { start, end } = rankingPeriod(timezone, input.period, day);
  const { top } = await ranking(ctx.db, {
    allianceId: actor.allianceId,
    scope: input.scope,
    start,
    end,
    community: input.communityId,
    limit: Math.min(input.limit ?? RANKING_MAX_LIMIT, RANKING_MAX_LIMIT),
  });
  const awardable = input.period === 'month' || input.period === 'year';
  const awarded = awardable
    ? await awardsOf(ctx.db, actor.allianceId, awardPeriod(timezone, input.period as 'month' | 'year', day))
    : [];
  return {
    day,
    start,
    end,
    ended: periodIsOver({ end }, ctx.clock.now()),
    lines: top,
    awards: awarded,
    communities: await communitiesOf(ctx.db, actor.allianceId),
  };
}

/** Records what was given to one holder for their place in an ended month's or year's ranking. */
export async function giveAward(ctx: AppContext, actor: Principal, input: AwardBody): Promise<AwardResult> {
  requireRight(actor, 'awards');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const bounds = awardPeriod(timezone, input.period, dayOf(input.at, timezone, ctx));
  return inTransaction(ctx, async (tx) => {
    const result = await recordAward(
      tx,
      {
        allianceId: actor.allianceId,
        bounds,
        scope: input.scope,
        community: input.communityId,
        holderId: input.holderId,
        gift: input.gift,
        valueFen: input.valueFen,
        givenBy: actor.subjectId,
      },
      ctx.clock.now(),
    );
    if (result.outcome === 'recorded') await auditAward(tx, actor, result.award);
    return result;
  });
}

/** The same gift for each of the ranking's first `top`, in one transaction; those already awarded stay as they were. */
export async function giveTopAwards(ctx: AppContext, actor: Principal, input: TopAwardsBody) {
  requireRight(actor, 'awards');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const bounds = awardPeriod(timezone, input.period, dayOf(input.at, timezone, ctx));
  if (!periodIsOver(bounds, ctx.clock.now())) throw new AppError('award_period_not_over');
  return inTransaction(ctx, async (tx) => {
    const { top } = await ranking(tx, {
      allianceId: actor.allianceId,
      scope: input.scope,
      start: bounds.start,
      end: bounds.end,
      community: input.communityId,
      limit: input.top,
    });
    let recorded = 0;
    for (const line of top) {
      const result = await recordAward(
        tx,
        {
          allianceId: actor.allianceId,
          bounds,
          scope: input.scope,
          community: input.communityId,
          holderId: line.holderId,
          gift: input.gift,
          valueFen: input.valueFen,
          givenBy: actor.subjectId,
        },
        ctx.clock.now(),
        line,
      );
      if (result.outcome === 'recorded') {
        recorded++;
        await auditAward(tx, actor, result.award);
      }
    }
    return { recorded, already: top.length - recorded };
  });
}

function auditAward(tx: Parameters<typeof audit>[0], actor: StaffPrincipal, award: AwardResult['award']) {
  return audit(tx, actor, 'award.give', award.holderId, {
    period: award.period,
    periodStart: award.periodStart,
    scope: award.scope,
    community: award.community,
    rank: award.rank,
    points: award.points,
    gift: award.gift,
    valueFen: award.valueFen,
  });
}

/** The awards given for the month or the year holding `at` (staff with the overview right). */
export async function listAwards(
  ctx: AppContext,
  actor: Principal,
  input: { period: 'month' | 'year'; at?: string | undefined },
) {
  requireRight(actor, 'overview');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const bounds = awardPeriod(timezone, input.period, dayOf(input.at, timezone, ctx));
  return {
    period: bounds.period,
    periodStart: bounds.periodStart,
    awards: await awardsOf(ctx.db, actor.allianceId, bounds),
  };
}

export const CERTIFICATE_COUNT = 50;

/**
 * The yearly 文明之家 certificate list: the year's top 50 households (the alliance's, or a
 * community's) with full names, community and door number, rank and points.
 */
export async function certificateList(
  ctx: AppContext,
  actor: Principal,
  input: { year: number; communityId?: string | undefined },
) {
  requireRight(actor, 'overview');
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const bounds = awardPeriod(alliance.timezone, 'year', { year: input.year, month: 1, day: 1 });
  const { top } = await ranking(ctx.db, {
    allianceId: actor.allianceId,
    scope: 'households',
    start: bounds.start,
    end: bounds.end,
    community: input.communityId,
    limit: CERTIFICATE_COUNT,
  });
  const places = await householdPlaces(
    ctx.db,
    actor.allianceId,
    top.map((l) => l.holderId),
  );
  return {
    allianceName: alliance.name,
    year: input.year,
    community: input.communityId ?? null,
    ended: periodIsOver(bounds, ctx.clock.now()),
    households: top.map((l) => ({
      rank: l.rank,
      householdId: l.holderId,
      name: l.name,
      points: l.points,
      community: places.get(l.holderId)?.community ?? null,
      doorNumber: places.get(l.holderId)?.doorNumber ?? null,
    })),
  };
}
