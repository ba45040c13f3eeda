/**
 * How an offer is named on a button or in the day's list: the shop's own title, then its price
 * (N 积分, or the rate for points as cash) unless the title already says it, so nothing is said
 * twice ("积分抵现（1 积分 = 0.1 元）· 1 积分 = ¥0.10" was).
 */
import type { OfferView } from '../../shared/api/merchant.ts';
import { type Lang, words, yuan } from './i18n.ts';

/** A rate in brackets at the end of a title ("（1 积分 = 0.1 元）"): the price line says it. */
const BRACKETED_RATE = /\s*[（(][^（()）]*=[^（()）]*[）)]\s*$/;

export function offerTitle(offer: OfferView, lang: Lang): string {
  const title = lang === 'zh' ? offer.titleZh : offer.titleEn;
  if (offer.kind !== 'points_as_cash') return title;
  return title.replace(BRACKETED_RATE, '') || title;
}

export function offerPrice(offer: OfferView, lang: Lang): string | null {
  const t = words[lang];
  const title = lang === 'zh' ? offer.titleZh : offer.titleEn;
  if (offer.kind === 'points_as_cash') return t.offerRate(yuan(offer.fenPerPoint ?? 0));
  const price = t.offerPoints(offer.points ?? 0);
  return title.replace(/\s/g, '').includes(price.replace(/\s/g, '')) ? null : price;
}

/** "积分抵现 · 1 积分 = ¥0.10": the title and the price, once each. */
export function offerLabel(offer: OfferView, lang: Lang): string {
  const price = offerPrice(offer, lang);
  return price ? `${offerTitle(offer, lang)} · ${price}` : offerTitle(offer, lang);
}
