/** @jsxImportSource preact */
/** The partner merchants and their offers, searchable as the resident types; cached for offline. */
import { useState } from 'preact/hooks';
import type { OfferView } from '../../../shared/api/merchant.ts';
import type { Lang, Words } from '../i18n.ts';
import { searchMerchants } from '../merchants.ts';
import { useAppState } from '../state.ts';

function offerPrice(t: Words, offer: OfferView): string {
  if (offer.kind === 'points_as_cash' && offer.fenPerPoint) return t.offerCash(offer.fenPerPoint);
  return offer.points ? t.offerPoints(offer.points) : '';
}

export function MerchantsScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { merchants } = useAppState();
  const [query, setQuery] = useState('');
  const list = merchants?.data.merchants ?? [];
  const found = searchMerchants(list, query);
  return (
    <section class="merchants">
      <h1>{t.merchantsTitle}</h1>
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
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
