/** @jsxImportSource preact */
/**
 * "出示积分码": the voucher as a large QR code with its cap, what it holds, a countdown by the
 * server's clock, its 码号 for a shop that must type it, and a fresh code fetched before the old
 * one runs out for as long as the screen is open. While the screen is open and shown it asks the
 * API every 2 s what became of the code (and, less often, of the codes it replaced, which a shop
 * may have scanned offline and synced since): once a shop has used it, a big tick says how many
 * points, where, and what is left. Leaving the screen puts an unused code away, so its points
 * come back at once; closing the app keeps it, and the app shows it again when reopened.
 * Loaded on demand (with the qrcode package); the home screen prefetches it.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VoucherResponse, VoucherStatus } from '../../../shared/api/resident.ts';
import { formatShortCode } from '../../../shared/short-code.ts';
import { ApiError, NetworkError, SignedOutError } from '../api.ts';
import type { Words } from '../i18n.ts';
import { drawVoucherQr } from '../qr.ts';
import { refreshAll } from '../session.ts';
import { getState, serverNow, setState, useAppState } from '../state.ts';
import { fetchVoucher, forgetVoucher, putAwayVoucher, takeOpening, voucherStatus } from '../voucher.ts';
import { capChoices, countdown, renewDelay } from '../voucher-timing.ts';
import { holdScreenAwake } from '../wake-lock.ts';

const RETRY_MS = 5_000;
const POLL_MS = 2_000;
/** The codes this screen replaced are asked about every this many polls. */
const REPLACED_EVERY = 5;
/** How many replaced codes are still asked about. */
const REPLACED_KEPT = 5;

/** What went wrong, in words, and the one way on that the screen offers beside it. */
interface Problem {
  message: string;
  /** A points amount the API would take now; absent: "try again", unless `final`. */
  offer?: number;
  /** Nothing to try: no points, say so and stop. */
  final?: boolean;
}

/** The points a new code could hold now: what is free plus what the open code on screen holds. */
async function spendableNow(current: VoucherResponse | undefined): Promise<number | undefined> {
  try {
    if (current) {
      const status = await voucherStatus(current.voucherId);
      return status.available + (status.state === 'open' ? current.capPoints : 0);
    }
    await refreshAll();
    return undefined;
  } catch {
    return undefined;
  }
}

function Tick() {
  return (
    <svg class="tick" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="24" />
      <path d="M13 25l7 7 15-16" />
    </svg>
  );
}

export default function CodeScreen({ t }: { t: Words }) {
  const { me } = useAppState();
  const [voucher, setVoucher] = useState<VoucherResponse>();
  /** The last answer about the code on screen. */
  const [status, setStatus] = useState<VoucherStatus>();
  /** A shop used one of this screen's codes: the success panel. */
  const [used, setUsed] = useState<{ status: VoucherStatus; left: number }>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();
  const [renewFailed, setRenewFailed] = useState(false);
  const [now, setNow] = useState(serverNow());
  const [visible, setVisible] = useState(document.visibilityState === 'visible');
  const [wakeups, setWakeups] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const receivedAt = useRef(0);
  const mounted = useRef(true);
  /** Mirrors of the state for the handlers that outlive a render (unmount, polls). */
  const current = useRef<VoucherResponse | undefined>(undefined);
  const usedId = useRef<string | undefined>(undefined);
  /** A code put back on screen after a reopen, until the API says it is still open. */
  const unconfirmed = useRef<string | undefined>(undefined);
  /** Codes this screen replaced, newest first. */
  const replaced = useRef<string[]>([]);

  const show = (v: VoucherResponse) => {
    const previous = current.current;
    if (previous && previous.voucherId !== v.voucherId) {
      replaced.current = [previous.voucherId, ...replaced.current].slice(0, REPLACED_KEPT);
    }
    current.current = v;
    receivedAt.current = Date.now();
    setVoucher(v);
    setStatus(undefined);
    setRenewFailed(false);
    setProblem(undefined);
    // The free points changed: read them for the cap choices and the home screen.
    void refreshAll().catch(() => {});
  };

  const explain = async (e: unknown) => {
    if (e instanceof SignedOutError || !mounted.current) return;
    if (e instanceof NetworkError) return setProblem({ message: t.codeNeedsNetwork });
    if (e instanceof ApiError && e.type === 'insufficient_points') {
      // The refusal says what can be spent now; an older server's refusal is worked out here.
      const told = typeof e.extra.available === 'number' ? e.extra.available : undefined;
      const available = told ?? (await spendableNow(current.current)) ?? getState().me?.data.available ?? 0;
      if (!mounted.current) return;
      return setProblem(
        available > 0
          ? { message: t.codeNotEnough(available), offer: available }
          : { message: t.codeNoPoints, final: true },
      );
    }
    setProblem({ message: t.problem(e instanceof ApiError ? e.type : 'internal_error') });
  };

  const load = (request: Promise<VoucherResponse>) => {
    setLoading(true);
    setProblem(undefined);
    request
      .then((v) => {
        // Left the screen before the code came: it goes straight back.
        if (!mounted.current) return void putAwayVoucher(v.voucherId);
        show(v);
      })
      .catch((e) => void explain(e))
      .finally(() => mounted.current && setLoading(false));
  };

  const onUsed = (s: VoucherStatus) => {
    const open = current.current;
    let left = s.available;
    // One of the replaced codes was used: the code on screen is not needed any more.
    if (open && open.voucherId !== s.voucherId && !usedId.current) {
      left += open.capPoints;
      void putAwayVoucher(open.voucherId);
    }
    usedId.current = s.voucherId;
    setUsed({ status: s, left });
    void refreshAll().catch(() => {});
  };

  useEffect(() => {
    const opening = takeOpening();
    if (opening?.kind === 'used') {
      current.current = opening.voucher;
      usedId.current = opening.voucher.voucherId;
      setUsed({ status: opening.status, left: opening.status.available });
      setLoading(false);
    } else if (opening?.kind === 'resume') {
      unconfirmed.current = opening.voucher.voucherId;
      show(opening.voucher);
      setLoading(false);
    } else {
      load(opening?.promise ?? fetchVoucher());
    }
    const release = holdScreenAwake();
    const tick = setInterval(() => setNow(serverNow()), 500);
    // Timers sleep while the page is hidden: look again at the code when it comes back, and
    // ask the API nothing while no one sees the answer.
    const onVisibility = () => {
      const shown = document.visibilityState === 'visible';
      setVisible(shown);
      if (shown) setWakeups((n) => n + 1);
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      mounted.current = false;
      release();
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisibility);
      const open = current.current;
      const settled = open && open.voucherId === usedId.current;
      // Used: nothing to put away, only to forget. Unused: its points come back now.
      const done = open
        ? settled
          ? forgetVoucher(open.voucherId)
          : putAwayVoucher(open.voucherId)
        : undefined;
      void Promise.resolve(done).then(() => refreshAll().catch(() => {}));
    };
  }, []);

  // The QR as large as the frame allows (and the screen's height), redrawn when the phone turns
  // or the page is zoomed.
  useEffect(() => {
    const target = canvas.current;
    if (!voucher || !target) return;
    const draw = () => {
      const frame = target.parentElement!;
      const width = Math.min(frame.clientWidth, 480, Math.max(window.innerHeight * 0.7, 160));
      drawVoucherQr(target, voucher.text, width);
      target.dataset.voucherId = voucher.voucherId;
      performance.mark('voucher-drawn');
    };
    draw();
    window.addEventListener('resize', draw);
    return () => window.removeEventListener('resize', draw);
  }, [voucher?.text, used === undefined]);

  // What became of the code: every 2 s while the screen is shown, until a shop has used one.
  useEffect(() => {
    if (!voucher || used || !visible) return;
    let stopped = false;
    let busy = false;
    let polls = 0;
    const look = async () => {
      if (busy) return;
      busy = true;
      const ids = [voucher.voucherId, ...(polls++ % REPLACED_EVERY === 0 ? replaced.current : [])];
      try {
        for (const id of ids) {
          const s = await voucherStatus(id).catch((e) => {
            // A code the API no longer knows of is nothing to ask about.
            if (e instanceof ApiError && e.status === 404) return { state: 'gone' as const };
            throw e;
          });
          if (stopped) return;
          if (s.state === 'captured') return onUsed(s);
          if (id !== voucher.voucherId) {
            if (s.state !== 'released' && s.state !== 'open') {
              replaced.current = replaced.current.filter((r) => r !== id);
            }
            continue;
          }
          if (s.state === 'gone' || (unconfirmed.current === id && s.state !== 'open')) {
            // Reopened with a code that was put away or ran out meanwhile: forget it, go home.
            current.current = undefined;
            void forgetVoucher(id);
            return setState({ screen: 'home' });
          }
          unconfirmed.current = undefined;
          setStatus(s);
        }
      } catch {
        // Offline: the next poll asks again; the renewal says what the network means.
      } finally {
        busy = false;
      }
    };
    void look();
    const timer = setInterval(() => void look(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [voucher, used, visible]);

  // The next code, fetched before this one expires; offline, tried again every few seconds.
  useEffect(() => {
    if (!voucher || used) return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const renew = () => {
      fetchVoucher(voucher.capPoints)
        .then((v) => {
          if (stopped || !mounted.current) return void putAwayVoucher(v.voucherId);
          show(v);
        })
        .catch((e) => {
          if (stopped || e instanceof SignedOutError) return;
          if (e instanceof NetworkError) {
            setRenewFailed(true);
            timer = setTimeout(renew, RETRY_MS);
          } else {
            void explain(e);
          }
        });
    };
    timer = setTimeout(
      renew,
      renewDelay(Date.parse(voucher.expiresAt), Date.parse(voucher.issuedAt), serverNow()),
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [voucher, used, wakeups]);

  if (used) {
    const { status: s, left } = used;
    return (
      <section class="code-screen used" data-testid="code-used" role="status">
        <Tick />
        <p class="used-line">
          {t.codeUsed(s.capturedPoints ?? 0, s.merchantName, left).map((part, i) => (
            <Fragment key={part}>
              {i > 0 && ' · '}
              <span>{part}</span>
            </Fragment>
          ))}
        </p>
        <button type="button" class="primary" onClick={() => setState({ screen: 'home' })}>
          {t.codeDone}
        </button>
      </section>
    );
  }

  const expiresAt = voucher ? Date.parse(voucher.expiresAt) : 0;
  const expired = voucher !== undefined && now >= expiresAt;
  const released = status?.voucherId === voucher?.voucherId && status?.state === 'released';
  // Another amount replaces the code on screen, releasing its points: they count as free for
  // the choice, by the last answer about the code (else the last balance read after it came).
  const spendable = voucher
    ? status?.state === 'open'
      ? status.available + voucher.capPoints
      : me
        ? me.data.available + (me.fetchedAt >= receivedAt.current ? voucher.capPoints : 0)
        : 0
    : 0;
  const choices = me && voucher ? capChoices(me.data.defaultVoucherCap, spendable) : [];

  return (
    <section class="code-screen" aria-live="polite">
      <div class="code-top">
        <button type="button" class="back" onClick={() => setState({ screen: 'home' })}>
          ← {t.codeBack}
        </button>
        <h1>{t.codeTitle}</h1>
      </div>
      {voucher && (
        <p class="code-cap" data-testid="code-cap">
          {t.codeCap(voucher.capPoints)}
        </p>
      )}
      <div class="qr-frame" hidden={!voucher && !loading}>
        <canvas ref={canvas} class="qr" data-testid="voucher-qr" hidden={!voucher || expired || released} />
        {!voucher && loading && <p class="qr-placeholder">{t.codeFetching}</p>}
        {expired && !released && <p class="qr-placeholder">{t.codeExpired}</p>}
        {released && <p class="qr-placeholder">{t.codeReleased}</p>}
      </div>
      {problem && (
        <div class="notice error" role="alert" data-testid="code-error">
          <p>{problem.message}</p>
          {problem.offer !== undefined ? (
            <button
              type="button"
              class="secondary"
              disabled={loading}
              onClick={() => load(fetchVoucher(problem.offer))}
            >
              {t.codeUseAvailable(problem.offer)}
            </button>
          ) : (
            !problem.final && (
              <button
                type="button"
                class="secondary"
                disabled={loading}
                onClick={() => load(fetchVoucher(voucher?.capPoints))}
              >
                {t.codeRetry}
              </button>
            )
          )}
        </div>
      )}
      {released && !problem && (
        <button type="button" class="primary" disabled={loading} onClick={() => load(fetchVoucher())}>
          {t.codeNew}
        </button>
      )}
      {voucher && !expired && !released && (
        <>
          <p class="countdown">
            {t.codeValid} <strong data-testid="countdown">{countdown(expiresAt, now)}</strong>
          </p>
          <p class="short-code">
            <span>{t.codeShortId}</span>
            <strong data-testid="short-code">{formatShortCode(voucher.shortCode)}</strong>
          </p>
          <p class="held-note" data-testid="held-note">
            {t.codeHeld(voucher.capPoints)}
          </p>
        </>
      )}
      {renewFailed && !problem && (
        <p class="notice warn" role="status">
          {expired ? t.codeRenewOffline : t.codeRenewFailed}
        </p>
      )}
      {voucher && !expired && !released && <p class="brightness">☀ {t.codeBrightness}</p>}
      {voucher && !released && choices.length > 1 && (
        <div class="caps">
          <p>{t.codeOtherCap}</p>
          <div class="chips">
            {choices.map((cap) => (
              <button
                type="button"
                key={cap}
                class={cap === voucher.capPoints ? 'chip selected' : 'chip'}
                aria-pressed={cap === voucher.capPoints}
                disabled={loading}
                onClick={() => load(fetchVoucher(cap))}
              >
                {cap === spendable ? t.codeAll(cap) : cap}
              </button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
