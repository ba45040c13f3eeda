/** @jsxImportSource preact */
/**
 * The main screen: scan (camera, wedge scanner, or the 码号 typed), the verdict, the offer or the
 * basket of goods, the confirm step and "done". A new scan from anywhere replaces whatever step
 * this screen was on (a product's barcode while a basket is open adds the good instead), and the
 * money (原价, 优惠, 应收; a basket's lines and cash co-pay) stays on the done screen until the next scan.
 */
import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ShortCodeLookupResponse } from '../../../shared/api/merchant.ts';
import { problemWords } from '../../../shared/problems.ts';
import { formatShortCode, parseShortCode, shortCodeOf } from '../../../shared/short-code.ts';
import { ApiError, deviceRequest, NetworkError } from '../api.ts';
import {
  addGood,
  type BasketLine,
  basketCharge,
  type Good,
  goodByBarcode,
  goodsOnSale,
  looksLikeVoucher,
  MAX_LINES,
  repriced,
} from '../basket.ts';
import { CameraScanner } from '../camera.tsx';
import { looksLikeCard, type ScannedCard } from '../card.ts';
import { fetchDayList } from '../day-list.ts';
import { Field } from '../field.tsx';
import { describeConflict, describeOutcome, type Words, words } from '../i18n.ts';
import { offerTitle } from '../offer-label.ts';
import { type Charge, couponOffer } from '../offers.ts';
import { captureOnline, createRecord, type LocalRefusal, ONLINE_CAPTURE_TIMEOUT_MS } from '../outbox.ts';
import { markOnline, serverNow } from '../session.ts';
import { type AppState, useAppState } from '../state.ts';
import { countdown, hasLapsed, type Verdict } from '../verdict.ts';
import { type BasketNotice, BasketReceipt, BasketStep } from './basket.tsx';
import { CardFlow } from './card.tsx';
import { ConfirmStep, Money, OfferStep } from './charge.tsx';

export type Step =
  | { kind: 'idle' }
  /** `lines`: the goods chosen before the code ran out, kept for the customer's fresh code. */
  | { kind: 'verdict'; verdict: Verdict; lines?: BasketLine[] }
  | { kind: 'basket'; verdict: ValidVerdict; lines: BasketLine[]; notice: BasketNotice }
  | { kind: 'confirm'; verdict: ValidVerdict; charge: Charge }
  | { kind: 'refused'; refusal: LocalRefusal }
  | { kind: 'done'; id: string; charge: Charge; verdict: ValidVerdict }
  /**
   * A household card: its own flow (PIN online, the floor offline); `at` tells two scans apart.
   * `scannedGood`: the last product barcode read while the card's sale was open, for its basket
   * (`n` counts them, so the same good twice adds two).
   */
  | { kind: 'card'; card: ScannedCard; at: number; scannedGood?: { goodsId: string; n: number } };

type ValidVerdict = Verdict & { ok: true };

/** The code and the goods chosen so far, when a basket is being rung up. */
function openBasket(step: Step): { verdict: ValidVerdict; lines: BasketLine[] } | null {
  if (step.kind === 'basket') return step;
  if (step.kind === 'confirm' && step.charge.lines)
    return { verdict: step.verdict, lines: step.charge.lines };
  return null;
}

/**
 * Where a scan takes the screen. While a basket is open, a product's barcode adds one of the good
 * and any other code that is not a voucher is answered in the basket, which stays; a voucher
 * starts over. A good code at a shop with goods opens a basket.
 */
export function stepAfterScan(
  step: Step,
  text: string,
  goods: readonly Good[],
  judge: (text: string) => Verdict,
): Step {
  if (step.kind === 'card') {
    const good = goodByBarcode(goods, text);
    if (good) return { ...step, scannedGood: { goodsId: good.id, n: (step.scannedGood?.n ?? 0) + 1 } };
  }
  const open = openBasket(step);
  if (open) {
    const good = goodByBarcode(goods, text);
    if (good) {
      const full = open.lines.length >= MAX_LINES && !open.lines.some((l) => l.goodsId === good.id);
      return { kind: 'basket', ...open, lines: addGood(open.lines, good), notice: full ? 'full' : null };
    }
    if (!looksLikeVoucher(text)) return { kind: 'basket', ...open, notice: 'unknown_barcode' };
  }
  const verdict = judge(text);
  const kept = step.kind === 'verdict' ? (step.lines ?? []) : [];
  if (verdict.ok && goodsOnSale(goods).length > 0)
    return { kind: 'basket', verdict, lines: kept, notice: null };
  // Another code that cannot be taken: the goods stay chosen for the next one.
  return verdict.ok || kept.length === 0
    ? { kind: 'verdict', verdict }
    : { kind: 'verdict', verdict, lines: kept };
}

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

function VerdictPanel({ verdict, now, t }: { verdict: Verdict; now: number; t: Words }) {
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
        <div class="verdict-text">
          <div class="verdict-title">{t.refusedTitles[verdict.refusal] ?? t.refused}</div>
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
      <div class="verdict-text">
        <div class="verdict-title">
          {t.valid} — {t.upTo(voucher.capPoints)}
        </div>
        <p class="verdict-reason">
          {t.expiresIn(countdown(voucher.expiresAt, now))} ·{' '}
          {t.shortId(formatShortCode(shortCodeOf(voucher.voucherId)))}
        </p>
      </div>
    </section>
  );
}

/** Why the API refused a basket online, in words: the registry's, and the good that ran short. */
function refusalWords(state: AppState, id: string): string | null {
  const refusal = state.refusals.get(id);
  if (!refusal) return null;
  const t = words[state.lang];
  const said = problemWords(refusal.type, state.lang);
  if (refusal.type !== 'out_of_stock' || refusal.name === undefined || refusal.stock === undefined)
    return said;
  const unit = state.config?.config.goods.find((g) => g.name === refusal.name)?.unit ?? '';
  return `${t.outOfStockGood(refusal.name, refusal.stock, unit)}${said}`;
}

function DoneStep(props: {
  state: AppState;
  id: string;
  charge: Charge;
  onNext: () => void;
  onAgain: () => void;
}) {
  const { state, id, charge } = props;
  const t = words[state.lang];
  const refusedOnline = refusalWords(state, id);
  if (refusedOnline) {
    return (
      <section
        class="done"
        id="done"
        data-outcome="refused_online"
        data-problem={state.refusals.get(id)!.type}
      >
        <div class="verdict bad" role="alert">
          <div class="verdict-icon" aria-hidden="true">
            ✕
          </div>
          <div class="verdict-text">
            <h2 class="verdict-title">{t.notReceivedTitle}</h2>
            <p class="verdict-reason" id="done-status">
              {refusedOnline}
            </p>
          </div>
        </div>
        <p class="hint">{t.basketRefused}</p>
        <button type="button" class="primary wide" id="ring-again" onClick={props.onAgain}>
          {t.ringUpAgain}
        </button>
        <button type="button" class="secondary wide" id="next-scan" onClick={props.onNext}>
          {t.scanAgain}
        </button>
      </section>
    );
  }
  const answer = state.answers.get(id);
  // The online capture gives up after its timeout: from then on the record is simply queued.
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), ONLINE_CAPTURE_TIMEOUT_MS + 500);
    return () => clearTimeout(timer);
  }, []);
  const accepted = answer?.outcome === 'accepted';
  const refused = answer?.outcome !== undefined && !accepted;
  // A code used elsewhere first, found out at sync: the coordinator's review is in the day list.
  const [conflict, setConflict] = useState<'open' | 'paid_by_alliance' | 'refused' | null>(null);
  useEffect(() => {
    if (answer?.outcome !== 'voucher_already_redeemed' || answer.path !== 'offline') return;
    let live = true;
    void fetchDayList(answer.day).then((list) => {
      const row = list?.redemptions.find((r) => r.id === id);
      if (live && row?.conflict) setConflict(row.conflict);
    });
    return () => {
      live = false;
    };
  }, [answer, id]);
  return (
    <section class="done" id="done" data-outcome={answer?.outcome ?? 'pending'}>
      <div class={`verdict ${refused ? 'bad' : 'good'}`}>
        <div class="verdict-icon" aria-hidden="true">
          {refused ? '✕' : '✓'}
        </div>
        <div class="verdict-text">
          <h2 class="verdict-title">{refused ? t.notReceivedTitle : t.doneTitle}</h2>
          <p class="verdict-reason" id="done-status" data-conflict={conflict ?? undefined}>
            {answer?.outcome
              ? accepted
                ? t.doneCaptured
                : conflict
                  ? describeConflict(state.lang, conflict)
                  : describeOutcome(state.lang, answer.outcome, answer.detail)
              : state.online && !waited
                ? t.doneSending
                : t.doneQueued}
          </p>
        </div>
      </div>
      {charge.lines ? (
        <BasketReceipt t={t} lines={charge.lines} id="receipt" />
      ) : (
        <Money t={t} charge={charge} />
      )}
      {!refused && !charge.lines && <p class="points-line">{t.confirmPoints(charge.points)}</p>}
      <button type="button" class="primary wide" id="next-scan" onClick={props.onNext}>
        {t.scanAgain}
      </button>
    </section>
  );
}

/**
 * The 码号 a resident reads out, typed; a whole voucher pasted also works. Online only for the
 * 码号: the API holds what it stands for.
 */
function CodeEntry(props: {
  state: AppState;
  onText: (text: string) => void;
  onProblem: (message: string) => void;
  /** What went wrong with the last code typed, said right under the field. */
  problem: string | null;
}) {
  const { state, onText, onProblem } = props;
  const t = words[state.lang];
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  const lookUp = async (code: string) => {
    if (!state.online) return onProblem(t.shortCodeNeedsNetwork);
    setBusy(true);
    try {
      const found = await deviceRequest('POST', '/v1/merchant/vouchers/lookup', ShortCodeLookupResponse, {
        body: { code },
        timeoutMs: 8000,
      });
      markOnline(true);
      setTyped('');
      onText(found.voucher);
    } catch (e) {
      if (e instanceof NetworkError) {
        markOnline(false);
        onProblem(t.shortCodeNeedsNetwork);
      } else {
        onProblem(problemWords(e instanceof ApiError ? e.type : 'internal_error', state.lang));
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    const text = typed.trim();
    if (!text) return;
    const code = parseShortCode(text);
    if (code) return void lookUp(code);
    // A few digits that are not 8: a slip of the finger, not a foreign code.
    if (/^[\d\s-]{1,12}$/.test(text)) return onProblem(problemWords('invalid_short_code', state.lang));
    // 16 digits from 96 that fail the card's check digit: a card number mistyped.
    if (/^96\d{14}$/.test(text.replace(/[\s-]/g, '')) && !looksLikeCard(text)) {
      return onProblem(problemWords('card_not_found', state.lang));
    }
    setTyped('');
    onText(text);
  };

  return (
    <form
      class="paste"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field
        label={t.pasteLabel}
        id="paste"
        inputMode="numeric"
        enterKeyHint="search"
        placeholder="1234 5678"
        value={typed}
        onValue={setTyped}
      />
      {props.problem && (
        <p class="problem" role="alert" id="entry-problem">
          {props.problem}
        </p>
      )}
      <p class="hint">{t.pasteHint}</p>
      <button type="submit" class="secondary wide" id="paste-check" disabled={busy}>
        {busy ? t.lookingUp : t.check}
      </button>
    </form>
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
  // A problem with a typed code belongs to the step it was raised on: any new step hides it.
  const [entryProblem, setEntryProblem] = useState<{ step: Step; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const live: ValidVerdict | null =
    step.kind === 'confirm' || step.kind === 'basket'
      ? step.verdict
      : step.kind === 'verdict' && step.verdict.ok
        ? step.verdict
        : null;
  const now = useNow(live !== null);
  // A code whose time runs out while the shopkeeper chooses turns red: it cannot be taken.
  useEffect(() => {
    if (live && hasLapsed(live.voucher, now)) {
      const basket = openBasket(step);
      setStep({
        kind: 'verdict',
        verdict: { ok: false, text: live.text, refusal: 'expired', error: 'expired', at: performance.now() },
        ...(basket && basket.lines.length > 0 ? { lines: basket.lines } : {}),
      });
    }
  }, [live, now, setStep, step]);

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
  const onEntryProblem = (message: string) => {
    // The last verdict does not stay above a problem with the next code.
    const idle: Step = { kind: 'idle' };
    setStep(idle);
    setEntryProblem({ step: idle, message });
  };

  const confirm = async (verdict: ValidVerdict, charge: Charge) => {
    setBusy(true);
    try {
      const created = await createRecord(verdict.text, verdict.voucher, charge);
      if (!created.ok) return setStep({ kind: 'refused', refusal: created.refusal });
      setStep({ kind: 'done', id: created.record.id, charge, verdict });
      if (created.entry.path === 'online') void captureOnline(created.record);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => setStep({ kind: 'idle' });
  const goods = state.config?.config.goods ?? [];
  const hasGoods = goodsOnSale(goods).length > 0;
  // A coupon bought for this shop: its code is for its offer only.
  const coupon =
    step.kind === 'verdict' && step.verdict.ok
      ? couponOffer(state.config?.config, step.verdict.voucher.voucherId)
      : undefined;

  return (
    <div class="screen scan-screen">
      {step.kind === 'card' && (
        <CardFlow key={step.at} card={step.card} scannedGood={step.scannedGood} onDone={reset} />
      )}
      {step.kind === 'verdict' && <VerdictPanel verdict={step.verdict} now={now} t={t} />}
      {step.kind === 'basket' && (
        <>
          <VerdictPanel verdict={step.verdict} now={now} t={t} />
          <BasketStep
            state={state}
            capPoints={step.verdict.voucher.capPoints}
            lines={step.lines}
            notice={step.notice}
            onLines={(lines) => setStep({ ...step, lines, notice: null })}
            onAdd={(good) => setStep({ ...step, lines: addGood(step.lines, good), notice: null })}
            onNext={() =>
              setStep({ kind: 'confirm', verdict: step.verdict, charge: basketCharge(step.lines) })
            }
            onOffers={() => setStep({ kind: 'verdict', verdict: step.verdict })}
            onCancel={reset}
          />
        </>
      )}
      {step.kind === 'verdict' && !step.verdict.ok && step.lines && (
        <p class="limit-note" id="basket-kept">
          {t.basketKept(step.lines.length)}
        </p>
      )}
      {coupon && (
        <p class="limit-note coupon-note" id="coupon-note">
          {t.couponCode(offerTitle(coupon, state.lang))}
        </p>
      )}
      {step.kind === 'verdict' && step.verdict.ok && hasGoods && !coupon && (
        <button
          type="button"
          class="secondary wide"
          id="use-goods"
          onClick={() =>
            setStep({ kind: 'basket', verdict: step.verdict as ValidVerdict, lines: [], notice: null })
          }
        >
          {t.basketUseGoods}
        </button>
      )}
      {step.kind === 'verdict' && step.verdict.ok && (
        <OfferStep
          state={state}
          capPoints={step.verdict.voucher.capPoints}
          {...(coupon ? { only: coupon.code } : {})}
          onCancel={reset}
          onCharge={(charge) => setStep({ kind: 'confirm', verdict: step.verdict as ValidVerdict, charge })}
        />
      )}
      {step.kind === 'confirm' && (
        <>
          <VerdictPanel verdict={step.verdict} now={now} t={t} />
          <ConfirmStep
            t={t}
            charge={step.charge}
            busy={busy}
            onBack={() =>
              setStep(
                step.charge.lines
                  ? { kind: 'basket', verdict: step.verdict, lines: step.charge.lines, notice: null }
                  : { kind: 'verdict', verdict: step.verdict },
              )
            }
            onConfirm={() => void confirm(step.verdict, step.charge)}
          />
        </>
      )}
      {step.kind === 'refused' && (
        <section class="verdict bad" role="alert" id="local-refusal" data-refusal={step.refusal}>
          <div class="verdict-icon" aria-hidden="true">
            ✕
          </div>
          <div class="verdict-text">
            <div class="verdict-title">{t.refuseTitle}</div>
            <p class="verdict-reason">{t.localRefusals[step.refusal]}</p>
          </div>
        </section>
      )}
      {step.kind === 'done' && (
        <DoneStep
          state={state}
          id={step.id}
          charge={step.charge}
          onNext={reset}
          onAgain={() =>
            // At today's prices (the refusal refreshed the configuration); the code's hold is untouched.
            setStep({
              kind: 'basket',
              verdict: step.verdict,
              lines: repriced(step.charge.lines ?? [], goods),
              notice: null,
            })
          }
        />
      )}
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
          <CodeEntry
            state={state}
            onText={onText}
            onProblem={onEntryProblem}
            problem={entryProblem?.step === step ? entryProblem.message : null}
          />
        </section>
      )}
    </div>
  );
}
