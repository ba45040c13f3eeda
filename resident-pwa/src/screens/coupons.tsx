/** @jsxImportSource preact */
/**
 * 我的优惠券: the coupons the resident bought with points, each with its shop and end date, and
 * one shown as a large QR (like the points code) for the shop to scan. The code is fetched when
 * shown; offline the last one kept is shown while valid. The QR encoder loads only when needed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CouponView } from '../../../shared/api/coupons.ts';
import { ApiError } from '../api.ts';
import { codeFor, loadCoupons, localDate, type ShownCode } from '../coupons.ts';
import type { Lang, Words } from '../i18n.ts';
import { setState, useAppState } from '../state.ts';

function CouponCard({
  t,
  lang,
  coupon,
  timezone,
  onShow,
}: {
  t: Words;
  lang: Lang;
  coupon: CouponView;
  timezone: string;
  onShow: () => void;
}) {
  return (
    <li class={`merchant coupon coupon-${coupon.state}`} data-testid="coupon">
      <h2>{lang === 'en' ? coupon.titleEn : coupon.titleZh}</h2>
      <p class="address">{coupon.merchantName}</p>
      <p>
        <span class="price">{t.couponState(coupon.state)}</span>{' '}
        {coupon.state === 'open' && t.couponExpires(localDate(coupon.expiresAt, timezone))}
      </p>
      {coupon.state === 'open' && (
        <button type="button" class="primary" data-testid="coupon-show" onClick={onShow}>
          {t.couponShow}
        </button>
      )}
    </li>
  );
}

function ShowCoupon({
  t,
  lang,
  coupon,
  timezone,
  onBack,
}: {
  t: Words;
  lang: Lang;
  coupon: CouponView;
  timezone: string;
  onBack: () => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState<ShownCode | null>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    codeFor(coupon.id)
      .then((c) => setShown(c ?? null))
      .catch((e) => setProblem(e instanceof ApiError ? t.problem(e.type) : t.problem('internal_error')));
  }, [coupon.id]);
  useEffect(() => {
    const target = canvas.current;
    if (!shown || !target) return;
    let stopped = false;
    const draw = async () => {
      const { drawVoucherQr } = await import('../qr.ts');
      if (stopped) return;
      const frame = target.parentElement!;
      drawVoucherQr(
        target,
        shown.code.text,
        Math.min(frame.clientWidth, 480, Math.max(window.innerHeight * 0.6, 160)),
      );
    };
    void draw();
    const redraw = () => void draw();
    window.addEventListener('resize', redraw);
    return () => {
      stopped = true;
      window.removeEventListener('resize', redraw);
    };
  }, [shown?.code.text]);
  return (
    <section class="code coupon-code">
      <h1>{lang === 'en' ? coupon.titleEn : coupon.titleZh}</h1>
      <p class="code-cap">{coupon.merchantName}</p>
      <div class="qr-frame">
        <canvas ref={canvas} class="qr" data-testid="coupon-qr" hidden={!shown} />
        {shown === undefined && !problem && <p class="qr-placeholder">{t.codeFetching}</p>}
        {shown === null && <p class="qr-placeholder">{t.couponNoCode}</p>}
        {problem && <p class="qr-placeholder">{problem}</p>}
      </div>
      {shown && (
        <>
          <p class="coupon-note">{t.couponShowHint}</p>
          <p class="muted coupon-note">
            {t.couponCodeUntil(localDate(shown.code.expiresAt, timezone, true))}
          </p>
          <p class="muted coupon-note">{t.couponExpires(localDate(coupon.expiresAt, timezone))}</p>
          {shown.stale && <p class="notice">{t.couponOfflineOld}</p>}
        </>
      )}
      <button type="button" class="secondary" onClick={onBack}>
        {t.couponBack}
      </button>
    </section>
  );
}

export function CouponsScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { coupons, me } = useAppState();
  const [showing, setShowing] = useState<string>();
  useEffect(() => {
    void loadCoupons().catch(() => {});
  }, []);
  const timezone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  const list = coupons?.data.coupons ?? [];
  const shown = list.find((c) => c.id === showing);
  if (shown) {
    return (
      <ShowCoupon
        t={t}
        lang={lang}
        coupon={shown}
        timezone={timezone}
        onBack={() => {
          setShowing(undefined);
          void loadCoupons().catch(() => {});
        }}
      />
    );
  }
  return (
    <section class="merchants coupons">
      <h1>{t.couponsTitle}</h1>
      {list.length === 0 && <p class="muted">{t.couponsEmpty}</p>}
      <ul class="merchant-list" data-testid="coupon-list">
        {list.map((c) => (
          <CouponCard
            key={c.id}
            t={t}
            lang={lang}
            coupon={c}
            timezone={timezone}
            onShow={() => setShowing(c.id)}
          />
        ))}
      </ul>
      <button type="button" class="secondary" onClick={() => setState({ screen: 'merchants' })}>
        {t.couponsBackToShops}
      </button>
    </section>
  );
}
