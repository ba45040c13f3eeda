/** @jsxImportSource preact */
/**
 * Home: what the resident can spend, in big digits, the one big button to a code a shop can
 * scan, 活动报名 and 扫一扫 (check-in at an activity), the ways to 我要申报 and 好人好事, to 我家评分 and 月度公示 for a member of a household (and a deduction that can still be appealed), and the
 * history in words, newest first. Points held by a code still on show are not a
 * second figure to puzzle over: a sentence says so, only while there are some. Offline it shows
 * the last answers and says how old they are.
 */
import { canAppeal } from '../claim-words.ts';
import { entryTime, historyLine } from '../history-words.ts';
import { ageInWords, type Words } from '../i18n.ts';
import { serverNow, setState, useAppState } from '../state.ts';
import { showCode } from '../voucher.ts';

export function HomeScreen({ t }: { t: Words }) {
  const { me, history, online, settings, deductions } = useAppState();
  const appealable = (deductions?.data.deductions ?? []).filter((d) => canAppeal(d, serverNow())).length;
  const fetchedAt = me?.fetchedAt;
  const timeZone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  const entries = [...(history?.data.entries ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <section class="home">
      {fetchedAt !== undefined && (
        <p class={online ? 'freshness' : 'freshness offline'} data-testid="freshness" role="status">
          {online ? t.updatedAgo(ageInWords(t, fetchedAt)) : t.offlineData(ageInWords(t, fetchedAt))}
        </p>
      )}
      <div class="balance-card">
        <p class="label">{t.available}</p>
        <p class="big-number" data-testid="available">
          {me ? me.data.available : '—'}
        </p>
        {me && me.data.held > 0 && (
          <p class="held-note" data-testid="held-note">
            {t.heldNote(me.data.held)}
          </p>
        )}
      </div>
      <button type="button" class="show-code" data-testid="show-code" onClick={() => showCode()}>
        <span class="show-code-title">{t.showCode}</span>
        <span class="show-code-hint">{t.showCodeHint}</span>
      </button>
      <div class="home-actions">
        <button
          type="button"
          class="action"
          data-testid="home-activities"
          onClick={() => setState({ screen: 'activities' })}
        >
          <span class="action-title">{t.activitiesOpen}</span>
        </button>
        <button
          type="button"
          class="action"
          data-testid="home-scan"
          onClick={() => setState({ screen: 'scan' })}
        >
          <span class="action-title">{t.scanOpen}</span>
        </button>
      </div>
      <div class="home-actions">
        <button
          type="button"
          class="action"
          data-testid="home-claim"
          onClick={() => setState({ screen: 'claim-new' })}
        >
          <span class="action-title">{t.claimNew}</span>
        </button>
        <button
          type="button"
          class="action"
          data-testid="home-feed"
          onClick={() => setState({ screen: 'feed' })}
        >
          <span class="action-title">{t.feedOpen}</span>
        </button>
      </div>
      {me?.data.resident.householdId && (
        <div class="home-actions">
          <button
            type="button"
            class="action"
            data-testid="home-household"
            onClick={() => setState({ screen: 'household' })}
          >
            <span class="action-title">{t.householdOpen}</span>
          </button>
          <button
            type="button"
            class="action"
            data-testid="home-notice"
            onClick={() => setState({ screen: 'notice' })}
          >
            <span class="action-title">{t.noticeOpen}</span>
          </button>
        </div>
      )}
      {appealable > 0 && (
        <div class="notice" data-testid="deduction-notice">
          <p>{t.deductionNotice(appealable)}</p>
          <button
            type="button"
            class="secondary"
            onClick={() => setState({ screen: 'claims', focus: 'deductions' })}
          >
            {t.deductionSee}
          </button>
        </div>
      )}
      <h2>{t.history}</h2>
      {entries.length === 0 ? (
        <p class="muted">{history ? t.historyEmpty : '—'}</p>
      ) : (
        <ul class="history" data-testid="history">
          {entries.map((entry) => (
            <li key={entry.id} class={entry.points < 0 ? 'out' : 'in'}>
              <span class="what">{historyLine(entry, t, settings.lang)}</span>
              <time dateTime={entry.at}>{entryTime(entry.at, timeZone, settings.lang)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
