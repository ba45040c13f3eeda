/** @jsxImportSource preact */
/**
 * The partner merchants and their offers, searchable as the resident types; cached for offline.
 * Each offer says its rules (每人每月限一次, 周一至周四…); a coupon offer can be bought with points
 * here, after a second tap to confirm, and 我的优惠券 lists what was bought.
 */
import { useState } from 'preact/hooks';
import type { OfferView } from '../../../shared/api/merchant.ts';
import { offerRuleWords } from '../../../shared/api/offer-rules.ts';
import { ApiError } from '../api.ts';
import { buyCoupon } from '../coupons.ts';
import type { Lang, Words } from '../i18n.ts';
import { type MerchantEntry, searchMerchants } from '../merchants.ts';
import { refreshAll } from '../session.ts';
import { setState, useAppState } from '../state.ts';

function offerPrice(t: Words, offer: OfferView): string {
  if (offer.kind === 'points_as_cash' && offer.fenPerPoint) return t.offerCash(offer.fenPerPoint);
  return offer.points ? t.offerPoints(offer.points) : '';
}

type Offer = MerchantEntry['offers'][number];

/** 兑换 a coupon: one tap asks, the second buys; the purchase id is made once per confirmation. */
function BuyCoupon({ t, lang, offer }: { t: Words; lang: Lang; offer: Offer }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy' | 'done'>('idle');
  const [problem, setProblem] = useState<string>();
  const [purchaseId] = useState(() => crypto.randomUUID());
  const title = lang === 'en' ? offer.titleEn : offer.titleZh;
  if (!offer.id || !offer.coupon || !offer.points) return null;
  const buy = async () => {
    setStep('busy');
    setProblem(undefined);
    try {
      await buyCoupon(offer.id!, purchaseId);
      setStep('done');
      void refreshAll().catch(() => {});
    } catch (e) {
      setProblem(e instanceof ApiError ? t.problem(e.type) : t.problem('service_unavailable'));
      setStep('confirm');
    }
  };
  return (
    <div class="coupon-buy">
      {step === 'idle' && (
        <button type="button" class="secondary" data-testid="coupon-buy" onClick={() => setStep('confirm')}>
          {t.couponBuy(offer.points)}
        </button>
      )}
      {(step === 'confirm' || step === 'busy') && (
        <>
          <p>{t.couponBuyConfirm(offer.points, title)}</p>
          <button
            type="button"
            class="primary"
            data-testid="coupon-confirm"
            disabled={step === 'busy'}
            onClick={() => void buy()}
          >
            {step === 'busy' ? t.couponBusy : t.couponConfirm}
          </button>
          <button type="button" class="secondary" onClick={() => setStep('idle')}>
            {t.couponCancel}
          </button>
          {problem && <p class="notice error">{problem}</p>}
        </>
      )}
      {step === 'done' && (
        <>
          <p class="notice" data-testid="coupon-bought">
            {t.couponBought}
          </p>
          <button type="button" class="primary" onClick={() => setState({ screen: 'coupons' })}>
            {t.couponsOpen}
          </button>
        </>
      )}
    </div>
  );
}

export function MerchantsScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { merchants } = useAppState();
  const [query, setQuery] = useState('');
  const list = merchants?.data.merchants ?? [];
  const found = searchMerchants(list, query);
  return (
    <section class="merchants">
      <h1>{t.merchantsTitle}</h1>
      <button
        type="button"
        class="secondary"
        data-testid="coupons-open"
        onClick={() => setState({ screen: 'coupons' })}
      >
        {t.couponsOpen}
      </button>
      <input
        type="search"
        class="search"
        placeholder={t.merchantsSearch}
        aria-label={t.merchantsSearch}
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {list.length === 0 && <p class="muted">{t.merchantsEmpty}</p>}
      {list.length > 0 && found.length === 0 && <p class="muted">{t.merchantsNone}</p>}
      <ul class="merchant-list" data-testid="merchant-list">
        {found.map((m) => (
          <li key={m.id} class="merchant">
            <h2>{m.name}</h2>
            {m.address && <p class="address">{m.address}</p>}
            <ul class="offers">
              {m.offers.map((o) => (
                <li key={o.code}>
                  <span class="price">{offerPrice(t, o)}</span>
                  <span>{lang === 'en' ? o.titleEn : o.titleZh}</span>
                  {offerRuleWords(o, lang).map((w) => (
                    <span key={w} class="rule">
                      {w}
                    </span>
                  ))}
                  {o.coupon && <BuyCoupon t={t} lang={lang} offer={o} />}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
