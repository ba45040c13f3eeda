/** @jsxImportSource preact */
/**
 * 活动报名: the upcoming activities open to the resident, soonest first — title, day and time,
 * place, team, the points, places left or the waiting list, and the resident's own status in
 * words (已报名 / 候补第 2 位 / 未报名) — with large 报名 and 取消报名 buttons (cancelling asks
 * first). Refusals are words from the one registry. Offline it shows the last list with its age
 * and says signing up needs the network. 扫一扫 (check-in at the venue) is at the top.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ActivityView } from '../../../shared/api/activities.ts';
import { cancelSignup, refreshActivities, signUp } from '../activities.ts';
import { ApiError, NetworkError } from '../api.ts';
import { dayIn, dayWords, momentWords } from '../claim-words.ts';
import type { Lang, Words } from '../i18n.ts';
import { serverNow, setState, useAppState } from '../state.ts';
import { Freshness } from './household.tsx';

const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );

function problemText(e: unknown, t: Words): string {
  if (e instanceof NetworkError) return t.signupNeedsNetwork;
  if (e instanceof ApiError) return t.problem(e.type);
  return t.problem('internal_error');
}

/** The places in words: how many are left, or the waiting list, or full. */
function placesWords(a: ActivityView, t: Words): string {
  if (a.signedUp < a.capacity) return t.activityPlacesLeft(a.capacity - a.signedUp, a.capacity);
  if (a.waitlisted < a.waitlist) return t.activityFullWaitlist(a.waitlist - a.waitlisted);
  return t.activityFull;
}

function MyStatus({ a, t }: { a: ActivityView; t: Words }) {
  if (a.mySignup === 'signed_up') {
    return (
      <p class="status good activity-status" data-testid="my-status">
        {t.statusSignedUp}
      </p>
    );
  }
  if (a.mySignup === 'waitlisted') {
    return (
      <>
        <p class="status waiting activity-status" data-testid="my-status">
          {t.statusWaitlisted(a.myWaitPosition ?? null)}
        </p>
        <p class="muted activity-note">{t.waitlistNote}</p>
      </>
    );
  }
  return (
    <p class="status none activity-status" data-testid="my-status">
      {t.statusNotSignedUp}
    </p>
  );
}

function Activity({ a, t, lang, timeZone }: { a: ActivityView; t: Words; lang: Lang; timeZone: string }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string>();
  const today = dayIn(timeZone, serverNow());
  const open = a.status === 'open' && serverNow() <= Date.parse(a.signupDeadline);
  const mine = a.mySignup === 'signed_up' || a.mySignup === 'waitlisted';
  const full = a.signedUp >= a.capacity;
  const room = !full || a.waitlisted < a.waitlist;
  const act = (what: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    void what()
      .then(() => setConfirming(false))
      .catch((e) => setProblem(problemText(e, t)))
      .finally(() => setBusy(false));
  };
  return (
    <li class="activity" data-testid="activity" data-activity-id={a.id} data-status={a.mySignup ?? 'none'}>
      <h2 class="activity-title">{a.title}</h2>
      <p class="activity-when" data-testid="activity-when">
        {t.activityWhen(
          dayWords(dayIn(timeZone, Date.parse(a.startsAt)), lang, today),
          clock(a.startsAt, timeZone),
          clock(a.endsAt, timeZone),
        )}
      </p>
      <p>{t.activityPlace(a.place)}</p>
      {a.team && <p>{t.activityTeam(a.team)}</p>}
      <p class="activity-points">
        {a.kind === 'per_hour'
          ? t.activityPointsPerHour(a.pointsPerHour ?? 0)
          : t.activityPointsFixed(a.points ?? 0)}
      </p>
      <p class="activity-places" data-testid="activity-places">
        {placesWords(a, t)}
      </p>
      <p class="muted activity-note">
        {open ? t.activityDeadline(momentWords(a.signupDeadline, timeZone, lang)) : t.activityClosedSignup}
      </p>
      <MyStatus a={a} t={t} />
      {problem && (
        <p class="notice error" role="alert" data-testid="activity-problem">
          {problem}
        </p>
      )}
      {!mine && open && room && (
        <button
          type="button"
          class="primary"
          data-testid="sign-up"
          disabled={busy}
          onClick={() => act(() => signUp(a.id))}
        >
          {busy ? t.signupBusy : full ? t.signUpWaitlist : t.signUp}
        </button>
      )}
      {mine && !confirming && (
        <button
          type="button"
          class="secondary"
          data-testid="cancel-signup"
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          {t.cancelSignup}
        </button>
      )}
      {mine && confirming && (
        <div class="confirm" role="alertdialog" data-testid="cancel-confirm">
          <p>{t.cancelConfirm}</p>
          <button
            type="button"
            class="danger"
            data-testid="cancel-yes"
            disabled={busy}
            onClick={() => act(() => cancelSignup(a.id))}
          >
            {busy ? t.signupBusy : t.cancelYes}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {t.cancelNo}
          </button>
        </div>
      )}
    </li>
  );
}

export function ActivitiesScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { activities, online, me } = useAppState();
  useEffect(() => {
    void refreshActivities().catch(() => {});
  }, []);
  const timeZone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  const list = activities?.data.activities ?? [];
  return (
    <section class="activities">
      <h1>{t.activitiesTitle}</h1>
      <Freshness fetchedAt={activities?.fetchedAt} t={t} />
      <button
        type="button"
        class="action scan-button"
        data-testid="scan"
        onClick={() => setState({ screen: 'scan' })}
      >
        <span class="action-title">{t.scanOpen}</span>
      </button>
      {!online && <p class="notice">{t.activitiesOffline}</p>}
      {activities === undefined ? (
        <p class="muted">{online ? t.activitiesLoading : t.activitiesNeedNetwork}</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="activities-none">
          {t.activitiesNone}
        </p>
      ) : (
        <ul class="activity-list" data-testid="activities">
          {list.map((a) => (
            <Activity key={a.id} a={a} t={t} lang={lang} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}
