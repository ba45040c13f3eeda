/** @jsxImportSource preact */
/**
 * 月度公示: the latest closed month's ranking as the notice board shows it — rank, door number,
 * masked name (the API masks it for residents) and score — with the resident's own household
 * marked, and the items most often lost. Offline it shows the last notice and its age.
 */
import { useEffect } from 'preact/hooks';
import { refreshHousehold } from '../households.ts';
import type { Words } from '../i18n.ts';
import { useAppState } from '../state.ts';
import { Freshness } from './household.tsx';

export function NoticeScreen({ t }: { t: Words }) {
  const { notice, sheets, online, me } = useAppState();
  useEffect(() => {
    void refreshHousehold().catch(() => {});
  }, []);
  const mine = me?.data.resident.householdId;
  const data = notice?.data;
  return (
    <section class="notice-board">
      <Freshness fetchedAt={notice?.fetchedAt} t={t} />
      <h1>{data ? t.noticeTitle(data.month) : t.noticeOpen}</h1>
      {!data || data.households.length === 0 ? (
        <p class="muted">
          {!online && !sheets ? t.noticeOffline : sheets ? t.noticeNone : t.householdLoading}
        </p>
      ) : (
        <>
          <ol class="ranking" data-testid="ranking">
            {data.households.map((h) => {
              const own = h.householdId === mine;
              return (
                <li
                  key={h.sheetId}
                  class={own ? 'rank-row mine' : 'rank-row'}
                  data-testid="rank-row"
                  data-mine={own ? 'true' : undefined}
                  aria-current={own ? 'true' : undefined}
                >
                  <span class="rank-no">{t.noticeRank(h.rank)}</span>
                  <span class="rank-score">{t.scoreValue(h.score)}</span>
                  <span class="rank-who">
                    <span class="rank-door">{h.doorNumber ?? t.noticeNoDoor}</span>
                    <span class="rank-name">{h.name}</span>
                    {own && <strong class="mine-badge">{t.noticeMine}</strong>}
                  </span>
                </li>
              );
            })}
          </ol>
          {data.mostLost.length > 0 && (
            <>
              <h2>{t.noticeMostLost}</h2>
              <ul class="most-lost">
                {data.mostLost.map((m) => (
                  <li key={m.code} class="lost-row">
                    <span>{m.title}</span>
                    <span>{t.noticeLostBy(m.households)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
