/** @jsxImportSource preact */
/**
 * 排行榜: this month's top 20 of the resident's community (names masked by the API), rank and
 * points, the resident's own line framed and marked 我; above it, the resident's own rank in a
 * sentence with the change since last month ("本月第 12 名，比上月前进 3 名"), or kind words when
 * they have no points yet this month. A member of a household may switch to households (我家).
 * Offline it shows the last ranking with its age.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Words } from '../i18n.ts';
import { type RankingScope, type RankingView, rankMove, refreshRankings } from '../rankings.ts';
import { useAppState } from '../state.ts';
import { Freshness } from './household.tsx';

function Sentence({ view, scope, t }: { view: RankingView; scope: RankingScope; t: Words }) {
  const move = rankMove(view.me.rank, view.lastRank);
  const text =
    move.kind === 'none'
      ? scope === 'households'
        ? t.rankNoneHousehold
        : t.rankNone
      : move.kind === 'new'
        ? t.rankNew(move.rank)
        : move.kind === 'up'
          ? t.rankUp(move.rank, move.by)
          : move.kind === 'down'
            ? t.rankDown(move.rank, move.by)
            : t.rankSame(move.rank);
  return (
    <div class="my-rank" data-testid="my-rank">
      <p class="my-rank-sentence" data-testid="rank-sentence">
        {/* Each clause stays whole where it fits: "本月第 12 名，" / "比上月前进 3 名". */}
        {text.split(/(?<=，)/).map((part) => (
          <span key={part} class="clause">
            {part}
          </span>
        ))}
      </p>
      {move.kind !== 'none' && <p class="my-rank-points">{t.rankPointsSoFar(view.me.points)}</p>}
    </div>
  );
}

export function RankingScreen({ t }: { t: Words }) {
  const { rankings, online, me } = useAppState();
  const household = Boolean(me?.data.resident.householdId);
  const [scope, setScope] = useState<RankingScope>('residents');
  useEffect(() => {
    void refreshRankings(scope).catch(() => {});
  }, [scope, me ? (me.data.resident.community ?? '') : undefined]);
  const view = rankings?.data[scope];
  return (
    <section class="rankings">
      <h1>{t.rankingTitle}</h1>
      <Freshness fetchedAt={view ? rankings?.fetchedAt : undefined} t={t} />
      {household && (
        <div class="segmented">
          {(['residents', 'households'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={scope === s}
              data-testid={`scope-${s}`}
              onClick={() => setScope(s)}
            >
              {s === 'residents' ? t.rankingResidents : t.rankingHouseholds}
            </button>
          ))}
        </div>
      )}
      {!view ? (
        <p class="muted">{online ? t.rankingLoading : t.rankingOffline}</p>
      ) : (
        <>
          <Sentence view={view} scope={scope} t={t} />
          <p class="muted" data-testid="ranking-where">
            {t.rankingWhere(view.community)}
          </p>
          {view.top.length === 0 ? (
            <p class="muted">{t.rankingEmpty}</p>
          ) : (
            <ol class="ranking" data-testid="ranking">
              {view.top.map((line) => {
                const own = line.rank === view.me.rank;
                return (
                  <li
                    key={line.rank}
                    class={own ? 'rank-row points-row mine' : 'rank-row points-row'}
                    data-testid="rank-row"
                    data-mine={own ? 'true' : undefined}
                    aria-current={own ? 'true' : undefined}
                  >
                    <span class="rank-no">{t.rankingRank(line.rank)}</span>
                    <span class="rank-score">{t.rankingPoints(line.points)}</span>
                    <span class="rank-who">
                      <span class="rank-name-big">{line.name}</span>
                      {own && (
                        <strong class="mine-badge">
                          {scope === 'households' ? t.rankingOurs : t.rankingMe}
                        </strong>
                      )}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
