/** @jsxImportSource preact */
/**
 * 我的申报 and the deductions: claims still on the phone (等待联网发送, or refused by the API in
 * words, to change and send again or delete), filed claims in words (待审核, 已通过 +N 积分,
 * 未通过 and why, 需补充材料 and what, with a form to add it), and each deduction with its one
 * appeal before the deadline and what became of it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClaimView, DeductionView } from '../../../shared/api/earning.ts';
import { ApiError, NetworkError } from '../api.ts';
import {
  canAppeal,
  claimStatus,
  dayIn,
  dayWords,
  deductionLine,
  hoursText,
  limitReachedWords,
  momentWords,
  ruleTitle,
} from '../claim-words.ts';
import { addMaterial, appealDeduction, refreshEarning } from '../earning.ts';
import type { Lang, Words } from '../i18n.ts';
import { type PendingClaim, removePending, sendOutbox } from '../outbox.ts';
import { getState, serverNow, setState, useAppState } from '../state.ts';
import { fileAgain } from './claim-form.tsx';
import { PhotoPicker, PhotoThumbs, ServerPhoto } from './photo-picker.tsx';

function problemText(e: unknown, t: Words): string {
  if (e instanceof NetworkError) return t.errorNetwork;
  if (e instanceof ApiError) return t.problem(e.type);
  return t.problem('internal_error');
}

function When({
  day,
  hours,
  t,
  lang,
  today,
}: {
  day: string;
  hours: number | null | undefined;
  t: Words;
  lang: Lang;
  today: string;
}) {
  return (
    <p class="claim-when">
      {dayWords(day, lang, today)}
      {hours ? ` · ${t.hoursValue(hoursText(hours))}` : ''}
    </p>
  );
}

function PendingCard({
  entry,
  t,
  lang,
  today,
}: {
  entry: PendingClaim;
  t: Words;
  lang: Lang;
  today: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const refused = entry.refused;
  const limit = refused?.type === 'limit_reached' ? limitReachedWords(refused.extra, t) : undefined;
  return (
    <li class={refused ? 'claim bad' : 'claim waiting'} data-testid="pending-claim">
      <p class="claim-title">{ruleTitle({ titleZh: entry.ruleTitleZh, titleEn: entry.ruleTitleEn }, lang)}</p>
      <When day={entry.request.occurredOn} hours={entry.request.hours} t={t} lang={lang} today={today} />
      <p class={refused ? 'status bad' : 'status waiting'} data-testid="claim-status">
        {refused ? t.statusNotFiled : t.statusWaitingNet}
      </p>
      {refused && (
        <p class="claim-reason">
          {t.problem(refused.type)}
          {limit ? `（${limit}）` : ''}
        </p>
      )}
      <PhotoThumbs photos={entry.photos} t={t} />
      {refused ? (
        <button type="button" class="secondary" onClick={() => fileAgain(entry)}>
          {t.fileAgain}
        </button>
      ) : (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            void sendOutbox()
              .then(refreshEarning)
              .catch(() => {})
          }
        >
          {t.sendNow}
        </button>
      )}
      {confirming ? (
        <button type="button" class="danger" onClick={() => void removePending(entry.key)}>
          {t.removeConfirm}
        </button>
      ) : (
        <button type="button" class="link-button" onClick={() => setConfirming(true)}>
          {t.removePending}
        </button>
      )}
    </li>
  );
}

function MaterialForm({ claim, t }: { claim: ClaimView; t: Words }) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    if (!note.trim() && photos.length === 0) return setProblem(t.materialEmpty);
    setBusy(true);
    setProblem(undefined);
    try {
      await addMaterial(claim.id, note, photos);
    } catch (err) {
      setProblem(problemText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="material" onSubmit={(e) => void submit(e)}>
      <h3>{t.materialTitle}</h3>
      <label for={`material-${claim.id}`}>{t.materialNote}</label>
      <textarea
        id={`material-${claim.id}`}
        rows={2}
        maxLength={500}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <PhotoPicker photos={photos} onChange={setPhotos} t={t} label={t.claimPhotos} />
      {problem && (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t.claimSaving : t.materialSubmit}
      </button>
    </form>
  );
}

function ClaimCard({ claim, t, lang, today }: { claim: ClaimView; t: Words; lang: Lang; today: string }) {
  const status = claimStatus(claim, t);
  return (
    <li
      class={`claim ${status.tone}`}
      data-testid="claim"
      data-claim-id={claim.id}
      data-status={claim.status}
    >
      <p class="claim-title">{ruleTitle({ titleZh: claim.ruleTitleZh, titleEn: claim.ruleTitleEn }, lang)}</p>
      <When day={claim.occurredOn} hours={claim.hours} t={t} lang={lang} today={today} />
      <p class={`status ${status.tone}`} data-testid="claim-status">
        {status.words}
      </p>
      {claim.reason && (claim.status === 'refused' || claim.status === 'needs_more') && (
        <p class="claim-reason">
          {claim.status === 'refused' ? t.reasonLabel : t.askedLabel}
          {claim.reason}
        </p>
      )}
      {claim.note && <p class="claim-note">{claim.note}</p>}
      {claim.evidenceIds.length > 0 && (
        <ul class="thumbs">
          {claim.evidenceIds.map((id, i) => (
            <li key={id}>
              <ServerPhoto id={id} alt={t.photoAlt(i + 1)} />
            </li>
          ))}
        </ul>
      )}
      {claim.status === 'needs_more' && <MaterialForm claim={claim} t={t} />}
    </li>
  );
}

function AppealState({ d, t }: { d: DeductionView; t: Words }) {
  const words =
    d.appeal === 'appealed'
      ? t.appealed
      : d.appeal === 'upheld'
        ? t.appealUpheld
        : d.appeal === 'rejected'
          ? t.appealRejected
          : t.appealClosed;
  return (
    <>
      <p
        class={`status ${d.appeal === 'upheld' ? 'good' : d.appeal === 'rejected' ? 'bad' : 'waiting'}`}
        data-testid="appeal-state"
      >
        {words}
      </p>
      {d.appealReason && d.appeal !== 'appealed' && (
        <p class="claim-reason">
          {t.appealReasonLabel}
          {d.appealReason}
        </p>
      )}
    </>
  );
}

function DeductionCard({
  d,
  t,
  lang,
  timeZone,
}: {
  d: DeductionView;
  t: Words;
  lang: Lang;
  timeZone: string;
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const appealable = canAppeal(d, serverNow());
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await appealDeduction(d.id, note);
      setOpen(false);
    } catch (err) {
      setProblem(problemText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li class="claim bad" data-testid="deduction" data-deduction-id={d.id}>
      <p class="claim-title out">{deductionLine(d, t, lang)}</p>
      <p class="claim-when">{momentWords(d.createdAt, timeZone, lang)}</p>
      {d.takenPoints < d.points && <p class="claim-note">{t.deductionTaken(d.takenPoints)}</p>}
      {d.note && <p class="claim-note">{d.note}</p>}
      {appealable ? (
        <>
          <p class="deadline" data-testid="appeal-until">
            {t.appealUntil(momentWords(d.appealUntil!, timeZone, lang))}
          </p>
          {open ? (
            <form class="material" onSubmit={(e) => void submit(e)}>
              <label for={`appeal-${d.id}`}>{t.appealNote}</label>
              <textarea
                id={`appeal-${d.id}`}
                rows={2}
                maxLength={500}
                value={note}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
              <p class="field-note">{t.appealOnce}</p>
              {problem && (
                <p class="notice error" role="alert">
                  {problem}
                </p>
              )}
              <button type="submit" class="primary" disabled={busy}>
                {busy ? t.claimSaving : t.appealSubmit}
              </button>
              <button type="button" class="secondary" onClick={() => setOpen(false)}>
                {t.cancel}
              </button>
            </form>
          ) : (
            <button type="button" class="secondary" onClick={() => setOpen(true)}>
              {t.appealOpen}
            </button>
          )}
        </>
      ) : (
        <AppealState d={d} t={t} />
      )}
    </li>
  );
}

export function ClaimsScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { claims, deductions, outbox, online, me } = useAppState();
  useEffect(() => {
    if (getState().focus === 'deductions') {
      document.getElementById('deductions')?.scrollIntoView();
      setState({ focus: undefined });
    }
  }, []);
  const timeZone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  const today = dayIn(timeZone, serverNow());
  const pending = [...outbox].reverse();
  const filed = claims?.data.claims ?? [];
  const taken = deductions?.data.deductions ?? [];
  const waiting = outbox.some((e) => !e.refused);
  return (
    <section class="claims">
      <button
        type="button"
        class="primary big"
        data-testid="claim-new"
        onClick={() => setState({ screen: 'claim-new' })}
      >
        {t.claimNew}
      </button>
      {waiting && !online && (
        <p class="notice" role="status">
          {t.outboxOffline}
        </p>
      )}
      <h1>{t.claimsTitle}</h1>
      {pending.length === 0 && filed.length === 0 ? (
        <p class="muted">{claims || !online ? t.claimsEmpty : t.loading}</p>
      ) : (
        <ul class="claim-list" data-testid="claim-list">
          {pending.map((entry) => (
            <PendingCard key={entry.key} entry={entry} t={t} lang={lang} today={today} />
          ))}
          {filed.map((claim) => (
            <ClaimCard key={claim.id} claim={claim} t={t} lang={lang} today={today} />
          ))}
        </ul>
      )}
      {taken.length > 0 && (
        <>
          <h2 id="deductions">{t.deductionsTitle}</h2>
          <ul class="claim-list" data-testid="deductions">
            {taken.map((d) => (
              <DeductionCard key={d.id} d={d} t={t} lang={lang} timeZone={timeZone} />
            ))}
          </ul>
        </>
      )}
      <button type="button" class="secondary" onClick={() => setState({ screen: 'feed' })}>
        {t.feedOpen}
      </button>
    </section>
  );
}
