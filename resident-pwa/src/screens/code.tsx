/** @jsxImportSource preact */
/**
 * "出示积分码": the voucher as a large QR code with its cap, a countdown by the server's clock,
 * its short id for a shop that must type it, and a fresh code fetched before the old one runs
 * out for as long as the screen is open. The screen stays awake while it shows a code.
 * Loaded on demand (with the qrcode package); the home screen prefetches it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VoucherResponse } from '../../../shared/api/resident.ts';
import { ApiError, NetworkError, SignedOutError } from '../api.ts';
import type { Words } from '../i18n.ts';
import { drawVoucherQr } from '../qr.ts';
import { refreshAll } from '../session.ts';
import { serverNow, setState, useAppState } from '../state.ts';
import { fetchVoucher, renewVoucher, takeStartedVoucher } from '../voucher.ts';
import { capChoices, countdown, renewDelay } from '../voucher-timing.ts';
import { holdScreenAwake } from '../wake-lock.ts';

const RETRY_MS = 5_000;

function problemWords(t: Words, e: unknown): string {
  if (e instanceof NetworkError) return t.codeNeedsNetwork;
  return t.problem(e instanceof ApiError ? e.type : 'internal_error');
}

const groupShortId = (id: string) => id.replace(/(.{4})(?=.)/g, '$1 ');

export default function CodeScreen({ t }: { t: Words }) {
  const { me } = useAppState();
  const [voucher, setVoucher] = useState<VoucherResponse>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [renewFailed, setRenewFailed] = useState(false);
  const [now, setNow] = useState(serverNow());
  const [wakeups, setWakeups] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const receivedAt = useRef(0);

  const load = (request: Promise<VoucherResponse>) => {
    setLoading(true);
    setError(undefined);
    request
      .then((v) => {
        receivedAt.current = Date.now();
        setVoucher(v);
        setRenewFailed(false);
        // The held and available points changed: read them for the cap choices.
        void refreshAll().catch(() => {});
      })
      .catch((e) => {
        if (!(e instanceof SignedOutError)) setError(problemWords(t, e));
      })
      .finally(() => setLoading(false));
  };

  useEffect(() => {
    load(takeStartedVoucher() ?? fetchVoucher());
    const release = holdScreenAwake();
    const tick = setInterval(() => setNow(serverNow()), 500);
    // Timers sleep while the page is hidden: look again at the code when it comes back.
    const onVisible = () => {
      if (document.visibilityState === 'visible') setWakeups((n) => n + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      release();
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
      // Balance and held points changed: the home screen shows them fresh.
      void refreshAll().catch(() => {});
    };
  }, []);

  useEffect(() => {
    if (!voucher || !canvas.current) return;
    const width = Math.min(window.innerWidth - 24, 480);
    drawVoucherQr(canvas.current, voucher.text, width);
    canvas.current.dataset.voucherId = voucher.voucherId;
    performance.mark('voucher-drawn');
  }, [voucher?.text]);

  // The next code, fetched before this one expires; offline, tried again every few seconds.
  useEffect(() => {
    if (!voucher) return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const renew = () => {
      renewVoucher(voucher)
        .then((v) => {
          if (!stopped) {
            setVoucher(v);
            setRenewFailed(false);
          }
        })
        .catch((e) => {
          if (stopped || e instanceof SignedOutError) return;
          setRenewFailed(true);
          timer = setTimeout(renew, RETRY_MS);
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
  }, [voucher, wakeups]);

  const expiresAt = voucher ? Date.parse(voucher.expiresAt) : 0;
  const expired = voucher !== undefined && now >= expiresAt;
  // A chip replaces the code on screen, releasing its points: once the balance has been read
  // with this code's hold in it, those points count as available for the choice.
  const spendable = me
    ? me.data.available + (voucher && me.fetchedAt >= receivedAt.current ? voucher.capPoints : 0)
    : 0;
  const choices = me ? capChoices(me.data.defaultVoucherCap, spendable) : [];

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
        <canvas ref={canvas} class="qr" data-testid="voucher-qr" hidden={!voucher || expired} />
        {!voucher && loading && <p class="qr-placeholder">{t.codeFetching}</p>}
        {expired && <p class="qr-placeholder">{t.codeExpired}</p>}
      </div>
      {error && (
        <div class="notice error" role="alert" data-testid="code-error">
          <p>{error}</p>
          <button
            type="button"
            class="secondary"
            onClick={() => load(fetchVoucher(voucher?.capPoints, voucher?.voucherId))}
          >
            {t.codeRetry}
          </button>
        </div>
      )}
      {voucher && !expired && (
        <>
          <p class="countdown">
            {t.codeValid} <strong data-testid="countdown">{countdown(expiresAt, now)}</strong>
          </p>
          <p class="short-id">
            <span>{t.codeShortId}</span>
            <strong data-testid="short-id">{groupShortId(voucher.shortId)}</strong>
          </p>
        </>
      )}
      {renewFailed && !error && (
        <p class="notice warn" role="status">
          {expired ? t.codeNeedsNetwork : t.codeRenewFailed}
        </p>
      )}
      <p class="brightness">☀ {t.codeBrightness}</p>
      {voucher && choices.length > 1 && (
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
                onClick={() => load(fetchVoucher(cap, voucher.voucherId))}
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
