/**
 * The ranking tab (排行榜, issue #17) as the resident's phone asks for it: this month's top 20 of
 * the resident's community (the whole alliance for a resident in no community), for residents or
 * for households (我家), and last month's ranking only for the resident's own rank then, to say
 * how they moved ("比上月前进 3 名"). Names come masked from the API. Kept for offline starts.
 */
import { RankingsResponse } from '../../shared/api/rankings.ts';
import { NetworkError, residentRequest } from './api.ts';
import { dayIn } from './claim-words.ts';
import { getState, serverNow, setState } from './state.ts';
import { setKv } from './store.ts';

export type RankingScope = 'residents' | 'households';

/** One scope's ranking: this month's top and own line, and last month's own rank. */
export interface RankingView {
  month: string;
  community: string | null;
  top: RankingsResponse['rankings'];
  me: { rank: number | null; points: number };
  lastRank: number | null;
}

export type Rankings = Partial<Record<RankingScope, RankingView>>;

/** This month ("2026-12") and a day of last month ("2026-11-01") in the alliance's calendar. */
export function monthsOf(today: string): { month: string; lastMonthDay: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { month: today.slice(0, 7), lastMonthDay: `${last}-01` };
}

/** How the resident's rank moved since last month, for the sentence under the ranking. */
export type RankMove =
  | { kind: 'none' }
  | { kind: 'new'; rank: number }
  | { kind: 'up' | 'down'; rank: number; by: number }
  | { kind: 'same'; rank: number };

export function rankMove(rank: number | null, lastRank: number | null): RankMove {
  if (rank === null) return { kind: 'none' };
  if (lastRank === null) return { kind: 'new', rank };
  if (lastRank > rank) return { kind: 'up', rank, by: lastRank - rank };
  if (lastRank < rank) return { kind: 'down', rank, by: rank - lastRank };
  return { kind: 'same', rank };
}

/** This month's ranking in `scope` and last month's own rank; offline, the last answer stays. */
export async function refreshRankings(scope: RankingScope = 'residents'): Promise<void> {
  const state = getState();
  if (state.phase !== 'ready' || !state.me) return;
  const community = state.me.data.resident.community ?? null;
  const today = dayIn(state.me.data.alliance.timezone, serverNow());
  const { month, lastMonthDay } = monthsOf(today);
  const query = (at: string, limit: number) =>
    `/v1/rankings?${new URLSearchParams({
      period: 'month',
      at,
      scope,
      limit: String(limit),
      ...(community ? { communityId: community } : {}),
    })}`;
  try {
    const [now, before] = await Promise.all([
      residentRequest('GET', query(today, 20), RankingsResponse),
      residentRequest('GET', query(lastMonthDay, 1), RankingsResponse),
    ]);
    const view: RankingView = {
      month,
      community,
      top: now.rankings,
      me: now.me ?? { rank: null, points: 0 },
      lastRank: before.me?.rank ?? null,
    };
    const rankings = { data: { ...getState().rankings?.data, [scope]: view }, fetchedAt: Date.now() };
    setState({ rankings, online: true });
    await setKv('rankings', rankings);
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    if (getState().online) setState({ online: false });
  }
}
