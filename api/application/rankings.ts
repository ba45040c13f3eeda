/**
 * Rankings (排行榜): who may read them and what each reader sees. Residents and staff (the
 * `overview` right: every coordinator and staff member) read any ranking of their alliance;
 * residents see names masked (王*兰) and their own line (`me`: their rank and points, or their
 * household's in the households scope), staff see full names. A read: no transaction, no audit.
 */

import { parseDay } from '../../shared/calendar.ts';
import { maskName } from '../../shared/text.ts';
import type { Principal } from '../auth/principal.ts';
import { hasRight } from '../auth/rights.ts';
import { allianceSettings } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import {
  localDate,
  type RankingPeriod,
  type RankingScope,
  ranking,
  rankingPeriod,
  residentPlace,
} from '../rankings/queries.ts';
import type { AppContext } from './context.ts';

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

export async function rankings(
  ctx: AppContext,
  actor: Principal,
  input: RankingsInput,
): Promise<RankingsView> {
  if (actor.role !== 'resident' && !hasRight(actor, 'overview')) throw new AppError('forbidden');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const day = input.at === undefined ? localDate(timezone, ctx.clock.now()) : parseDay(input.at);
  if (!day) throw new AppError('invalid_day', { detail: 'at must be a date like 2026-11-22.' });
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
