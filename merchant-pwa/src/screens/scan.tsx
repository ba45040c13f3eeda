/** @jsxImportSource preact */
/**
 * The main screen: scan (camera, wedge scanner or paste), the verdict, the offer, the confirm
 * step and "done". A new scan from anywhere replaces whatever step this screen was on.
 */
import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { OfferView } from '../../../shared/api/merchant.ts';
import type { Voucher } from '../../../shared/voucher.ts';
import { CameraScanner } from '../camera.tsx';
import { describeOutcome, type Lang, type Words, words, yuan } from '../i18n.ts';
import { type Charge, type ChargeResult, chargeByHand, chargeForOffer, parseYuan } from '../offers.ts';
import {
  captureOnline,
  createRecord,
  type LocalRefusal,
  ONLINE_CAPTURE_TIMEOUT_MS,
  offlineRoomToday,
} from '../outbox.ts';
import { serverNow } from '../session.ts';
import { type AppState, useAppState } from '../state.ts';
import { countdown, type Verdict } from '../verdict.ts';

export type Step =
  | { kind: 'idle' }
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'confirm'; verdict: Verdict & { ok: true }; charge: Charge }
  | { kind: 'refused'; refusal: LocalRefusal }
  | { kind: 'done'; id: string; charge: Charge };

function useNow(active: boolean): number {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    if (!active) return;
    setNow(serverNow());
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function VerdictPanel({ verdict, t }: { verdict: Verdict; t: Words }) {
  const now = useNow(verdict.ok);
  // Stamped once the panel is in the DOM: the bench and the tests read scan-to-verdict time here.
  useLayoutEffect(() => {
    const panel = document.getElementById('verdict');
    if (panel) panel.dataset.renderedMs = String(performance.now() - verdict.at);
  }, [verdict]);
  if (!verdict.ok) {
    return (
      <section
        id="verdict"
        class="verdict bad"
        role="alert"
        data-verdict="refused"
        data-refusal={verdict.refusal}
        data-scan-at={verdict.at}
      >
        <div class="verdict-icon" aria-hidden="true">
          ✕
        </div>
        <div>
          <div class="verdict-title">{t.refused}</div>
          <p class="verdict-reason">{t.reasons[verdict.refusal]}</p>
        </div>
      </section>
    );
  }
  const { voucher } = verdict;
  return (
    <section
      id="verdict"
      class="verdict good"
      role="status"
      data-verdict="valid"
      data-voucher-id={voucher.voucherId}
      data-scan-at={verdict.at}
    >
      <div class="verdict-icon" aria-hidden="true">
        ✓
      </div>
      <div>
        <div class="verdict-title">
          {t.valid} — {t.upTo(voucher.capPoints)}
        </div>
        <p class="verdict-reason">
          {t.expiresIn(countdown(voucher.expiresAt, now))} · {t.shortId(voucher.voucherId.slice(-8))}
        </p>
      </div>
    </section>
  );
}

function offerLine(offer: OfferView, lang: Lang): string {
  const title = lang === 'zh' ? offer.titleZh : offer.titleEn;
  switch (offer.kind) {
    case 'points_as_cash':
      return `${title} · ${lang === 'zh' ? `1 积分 = ¥${yuan(offer.fenPerPoint ?? 0)}` : `1 point = ¥${yuan(offer.fenPerPoint ?? 0)}`}`;
    default:
      return `${title} · ${offer.points} ${lang === 'zh' ? '积分' : 'points'}`;
  }
}

function OfferStep(props: {
  state: AppState;
  voucher: Voucher;
  onCharge: (charge: Charge) => void;
  onCancel: () => void;
}) {
  const { state, voucher } = props;
  const t = words[state.lang];
  const config = state.config!.config;
  const [bill, setBill] = useState('');
  const [hand, setHand] = useState('');
  const [dayRoom, setDayRoom] = useState<number | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (!state.online) void offlineRoomToday().then(setDayRoom);
    else setDayRoom(null);
  }, [state.online]);
  const limits = config.limits;
  const maxPoints = state.online
    ? voucher.capPoints
    : Math.min(voucher.capPoints, limits.offlineMaxPointsPerCapture, dayRoom ?? 0);
  const billFen = parseYuan(bill);

  const explain = (result: ChargeResult) => {
    if (result.ok) return props.onCharge(result.charge);
    setProblem(
      result.reason === 'needs_bill'
        ? t.offerNeedsBill
        : result.reason === 'too_few'
          ? t.localRefusals.too_few
          : t.offerTooMany,
    );
  };

  return (
    <section class="offer-step">
      <label class="field">
        <span>{t.billAmount}</span>
        <input
          id="bill"
          inputMode="decimal"
          autoComplete="off"
          value={bill}
          onInput={(e) => setBill((e.target as HTMLInputElement).value)}
        />
      </label>
      {!state.online && (
        <p class="limit-note">
          {t.offerLimit(limits.offlineMaxPointsPerCapture)}
          {dayRoom !== null && ` · ${t.offerDayLimit(dayRoom)}`}
        </p>
      )}
      <h2>{t.chooseOffer}</h2>
      <div class="offers">
        {config.offers.map((offer) => (
          <button
            type="button"
            key={offer.code}
            class="offer"
            data-offer={offer.code}
            onClick={() => explain(chargeForOffer(offer, billFen ?? 0, maxPoints))}
          >
            {offerLine(offer, state.lang)}
          </button>
        ))}
      </div>
      <div class="hand">
        <label class="field">
          <span>{t.handPoints}</span>
          <input
            id="hand-points"
            inputMode="numeric"
            autoComplete="off"
            value={hand}
            onInput={(e) => setHand((e.target as HTMLInputElement).value)}
          />
        </label>
        <button
          type="button"
          class="secondary"
          id="hand-next"
          onClick={() => explain(chargeByHand(Number(hand.trim() || 'x'), billFen ?? 0, maxPoints))}
        >
          {t.next}
        </button>
      </div>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class="secondary wide" onClick={props.onCancel}>
        {t.cancel}
      </button>
    </section>
  );
}

function ConfirmStep(props: {
  t: Words;
  charge: Charge;
  onConfirm: () => void;
  onBack: () => void;
  busy: boolean;
}) {
  const { t, charge } = props;
  return (
    <section class="confirm">
      <h2>{t.confirmTitle}</h2>
      <p class="big-number" id="confirm-points">
        {t.confirmPoints(charge.points)}
      </p>
      {charge.discountFen > 0 && <p class="confirm-line">{t.confirmDiscount(yuan(charge.discountFen))}</p>}
      {charge.billFen > 0 && <p class="confirm-line">{t.confirmBill(yuan(charge.billFen))}</p>}
      <button type="button" class="primary wide" id="confirm" disabled={props.busy} onClick={props.onConfirm}>
        {t.confirm}
      </button>
      <button type="button" class="secondary wide" onClick={props.onBack}>
        {t.back}
      </button>
    </section>
  );
}

function DoneStep(props: { state: AppState; id: string; charge: Charge; onNext: () => void }) {
  const { state, id, charge } = props;
  const t = words[state.lang];
  const answer = state.answers.get(id);
  // The online capture gives up after its timeout: from then on the record is simply queued.
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), ONLINE_CAPTURE_TIMEOUT_MS + 500);
    return () => clearTimeout(timer);
  }, []);
  const accepted = answer?.outcome === 'accepted';
  const refused = answer?.outcome !== undefined && !accepted;
  return (
    <section class={`done ${refused ? 'bad' : 'good'}`} id="done" data-outcome={answer?.outcome ?? 'pending'}>
      <div class="verdict-icon" aria-hidden="true">
        {refused ? '✕' : '✓'}
      </div>
      <h2>{refused ? t.refuseTitle : t.doneTitle}</h2>
      <p class="big-number">{t.confirmPoints(charge.points)}</p>
      <p class="done-status">
        {answer?.outcome
          ? accepted
            ? t.doneCaptured
            : describeOutcome(state.lang, answer.outcome, answer.detail)
          : state.online && !waited
            ? t.doneSending
            : t.doneQueued}
      </p>
      <button type="button" class="primary wide" id="next-scan" onClick={props.onNext}>
        {t.scanAgain}
      </button>
    </section>
  );
}

export function ScanScreen(props: {
  step: Step;
  setStep: (step: Step) => void;
  onText: (text: string) => void;
}) {
  const state = useAppState();
  const t = words[state.lang];
  const { step, setStep, onText } = props;
  const [camera, setCamera] = useState(false);
  const [cameraError, setCameraError] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  const onCameraScan = useCallback(
    (text: string) => {
      setCamera(false);
      onText(text);
    },
    [onText],
  );
  const onCameraError = useCallback((message: string) => {
    setCamera(false);
    setCameraError(message);
  }, []);

  const confirm = async (verdict: Verdict & { ok: true }, charge: Charge) => {
    setBusy(true);
    try {
      const created = await createRecord(verdict.text, verdict.voucher, charge);
      if (!created.ok) return setStep({ kind: 'refused', refusal: created.refusal });
      setStep({ kind: 'done', id: created.record.id, charge });
      if (created.entry.path === 'online') void captureOnline(created.record);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => setStep({ kind: 'idle' });

  return (
    <div class="screen scan-screen">
      {step.kind === 'verdict' && <VerdictPanel verdict={step.verdict} t={t} />}
      {step.kind === 'verdict' && step.verdict.ok && (
        <OfferStep
          state={state}
          voucher={step.verdict.voucher}
          onCancel={reset}
          onCharge={(charge) =>
            setStep({ kind: 'confirm', verdict: step.verdict as Verdict & { ok: true }, charge })
          }
        />
      )}
      {step.kind === 'confirm' && (
        <>
          <VerdictPanel verdict={step.verdict} t={t} />
          <ConfirmStep
            t={t}
            charge={step.charge}
            busy={busy}
            onBack={() => setStep({ kind: 'verdict', verdict: step.verdict })}
            onConfirm={() => void confirm(step.verdict, step.charge)}
          />
        </>
      )}
      {step.kind === 'refused' && (
        <section class="verdict bad" role="alert" id="local-refusal" data-refusal={step.refusal}>
          <div class="verdict-icon" aria-hidden="true">
            ✕
          </div>
          <div>
            <div class="verdict-title">{t.refuseTitle}</div>
            <p class="verdict-reason">{t.localRefusals[step.refusal]}</p>
          </div>
        </section>
      )}
      {step.kind === 'done' && <DoneStep state={state} id={step.id} charge={step.charge} onNext={reset} />}
      {(step.kind === 'idle' || step.kind === 'refused' || (step.kind === 'verdict' && !step.verdict.ok)) && (
        <section class="scan-actions">
          <p class="hint">{t.scanHint}</p>
          {camera ? (
            <>
              <CameraScanner onScan={onCameraScan} onError={onCameraError} />
              <button type="button" class="secondary wide" onClick={() => setCamera(false)}>
                {t.cameraStop}
              </button>
            </>
          ) : (
            <button
              type="button"
              class="primary wide"
              id="camera-start"
              onClick={() => {
                setCameraError('');
                setCamera(true);
              }}
            >
              {t.cameraStart}
            </button>
          )}
          {cameraError && (
            <p class="problem" role="alert" data-reason={cameraError}>
              {t.cameraFailed}
            </p>
          )}
          <form
            class="paste"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim()) onText(typed);
              setTyped('');
            }}
          >
            <label class="field">
              <span>{t.pasteLabel}</span>
              <textarea
                id="paste"
                rows={2}
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                onInput={(e) => setTyped((e.target as HTMLTextAreaElement).value)}
              />
            </label>
            <button type="submit" class="secondary wide" id="paste-check">
              {t.check}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
