/** @jsxImportSource preact */
/**
 * The check-in result, big: 签到成功 with the time (签退成功 for the check-out code), or the
 * refusal in words (an old code: scan the new QR on site), or that the network is needed. And the
 * page a browser with no signed-in resident shows for a check-in link: an iPhone's camera opens
 * links in Safari, which does not share storage with the app on the home screen, so it says
 * plainly to open the app from the home screen and scan with its 扫一扫.
 */
import { type CheckinLink, checkIn } from '../activities.ts';
import type { Words } from '../i18n.ts';
import { setState, useAppState } from '../state.ts';

const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(iso),
  );

function Tick() {
  return (
    <svg class="tick" viewBox="0 0 100 100" aria-hidden="true">
      <circle cx="50" cy="50" r="46" />
      <path d="M28 52 L44 67 L73 36" />
    </svg>
  );
}

function After({ t, link }: { t: Words; link?: CheckinLink }) {
  return (
    <div class="checkin-after">
      {link && (
        <button
          type="button"
          class="primary"
          data-testid="checkin-scan"
          onClick={() => setState({ screen: 'scan' })}
        >
          {t.checkinScanAgain}
        </button>
      )}
      <button
        type="button"
        class="secondary"
        data-testid="checkin-activities"
        onClick={() => setState({ screen: 'activities', checkin: undefined })}
      >
        {t.checkinToActivities}
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() => setState({ screen: 'home', checkin: undefined })}
      >
        {t.checkinHome}
      </button>
    </div>
  );
}

export function CheckinScreen({ t }: { t: Words }) {
  const { checkin, activities, me } = useAppState();
  if (!checkin || checkin.step === 'no-session') return <After t={t} />;
  if (checkin.step === 'bad-link') {
    return (
      <section class="checkin" data-testid="checkin" data-step="bad-link">
        <h1>{t.checkinTitleIn}</h1>
        <p class="checkin-big bad" role="alert" data-testid="checkin-result">
          {t.checkinBadLink}
        </p>
        <After t={t} />
      </section>
    );
  }
  const { link } = checkin;
  const out = link.direction === 'out';
  const activity = activities?.data.activities.find((a) => a.id === link.activityId);
  const timeZone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  return (
    <section class="checkin" data-testid="checkin" data-step={checkin.step}>
      {/* The result first: on a small screen with large text it is what shows without scrolling. */}
      {checkin.step !== 'done' && <h1>{out ? t.checkinTitleOut : t.checkinTitleIn}</h1>}
      {activity && checkin.step !== 'done' && <p class="checkin-activity">{activity.title}</p>}
      {checkin.step === 'sending' && (
        <p class="checkin-big" role="status">
          {out ? t.checkinSendingOut : t.checkinSending}
        </p>
      )}
      {checkin.step === 'done' && (
        <div class="checkin-done" role="status">
          <Tick />
          <p class="checkin-big good" data-testid="checkin-result">
            {out ? t.checkinDoneOut : t.checkinDoneIn}
          </p>
          <p class="checkin-time" data-testid="checkin-time">
            {t.checkinAt(clock(checkin.at, timeZone), out)}
          </p>
          {activity && <p class="checkin-activity">{activity.title}</p>}
        </div>
      )}
      {checkin.step === 'refused' && (
        <>
          <p class="checkin-big bad">{out ? t.checkinRefusedOut : t.checkinRefusedIn}</p>
          <p class="notice error checkin-words" role="alert" data-testid="checkin-result">
            {t.problem(checkin.code)}
          </p>
        </>
      )}
      {checkin.step === 'offline' && (
        <>
          <p class="notice error checkin-words" role="alert" data-testid="checkin-result">
            {t.checkinOffline}
          </p>
          <button
            type="button"
            class="primary"
            data-testid="checkin-retry"
            onClick={() => void checkIn(link)}
          >
            {t.checkinRetry}
          </button>
        </>
      )}
      {checkin.step !== 'sending' && <After t={t} link={checkin.step === 'done' ? undefined : link} />}
    </section>
  );
}

/** A check-in link opened where no resident is signed in (see the header). */
export function NoSessionCheckin({ t }: { t: Words }) {
  return (
    <section class="checkin" data-testid="no-session">
      <h1>{t.noSessionTitle}</h1>
      <p class="checkin-lead">{t.noSessionText}</p>
      <p class="notice checkin-words" data-testid="no-session-how">
        {t.noSessionHow}
      </p>
      <button type="button" class="link-button" onClick={() => setState({ checkin: undefined })}>
        {t.noSessionEnroll}
      </button>
    </section>
  );
}
