/** @jsxImportSource preact */
/**
 * The basket at the points supermarket's counter: goods added by tile (the good's picture when it
 * has one), by the product's barcode with the scanner (app.tsx routes those scans here), or by
 * name; quantities with large − / +; the total in points, the cash co-pay, and a refusal in words
 * when the basket asks more than the code (or, offline, the phone's limits) allows. Also the
 * receipt's lines and the low-stock line.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  type BasketLine,
  changeQuantity,
  type Good,
  goodsOnSale,
  lowStockGoods,
  MAX_LINES,
  searchGoods,
  totalCopayFen,
  totalPoints,
} from '../basket.ts';
import { Field } from '../field.tsx';
import { goodPhoto } from '../good-photos.ts';
import { type Words, words, yuan } from '../i18n.ts';
import { offlineRoomToday } from '../outbox.ts';
import type { AppState } from '../state.ts';

/** What the scanner said about the last product code while the basket was open. */
export type BasketNotice = 'unknown_barcode' | 'full' | null;

function GoodPhoto({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    goodPhoto(url).then(
      (s) => live && setSrc(s),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img class="good-photo" src={src} alt="" /> : null;
}

/** The most this basket may take: the code's cap, and offline the phone's limits. */
function useMaxPoints(state: AppState, capPoints: number): { max: number; offline: boolean } {
  const [dayRoom, setDayRoom] = useState<number | null>(null);
  useEffect(() => {
    if (!state.online) void offlineRoomToday().then(setDayRoom);
    else setDayRoom(null);
  }, [state.online, state.pending]);
  const limits = state.config!.config.limits;
  if (state.online) return { max: capPoints, offline: false };
  const offlineMost = Math.min(
    limits.offlineMaxPointsPerCapture,
    dayRoom ?? limits.offlineMaxPointsPerCapture,
  );
  return { max: Math.min(capPoints, offlineMost), offline: offlineMost < capPoints };
}

export function BasketStep(props: {
  state: AppState;
  capPoints: number;
  /** Words for a basket over `capPoints` (default: over the code's cap). */
  capWords?: (have: number, cap: number) => string;
  lines: BasketLine[];
  notice: BasketNotice;
  onLines: (lines: BasketLine[]) => void;
  onAdd: (good: Good) => void;
  onNext: () => void;
  onOffers: () => void;
  onCancel: () => void;
}) {
  const { state, lines } = props;
  const t = words[state.lang];
  const goods = state.config?.config.goods ?? [];
  const [query, setQuery] = useState('');
  const { max, offline } = useMaxPoints(state, props.capPoints);
  const points = totalPoints(lines);
  const copay = totalCopayFen(lines);
  const shown = searchGoods(goods, query);
  const stockOf = new Map(goodsOnSale(goods).map((g) => [g.id, g]));
  const over = points > max;
  const overWords = !over
    ? null
    : points > props.capPoints
      ? (props.capWords ?? t.basketOverCap)(points, props.capPoints)
      : offline
        ? t.basketOverOffline(points, max)
        : t.basketOverCap(points, max);

  return (
    <section class="basket" id="basket" data-points={points} data-copay={copay}>
      <h2>{t.basketTitle}</h2>
      {props.notice && (
        <p class="problem" role="alert" id="basket-notice" data-notice={props.notice}>
          {props.notice === 'full' ? t.basketFull : t.basketUnknownBarcode}
        </p>
      )}
      {lines.length === 0 ? (
        <p class="hint">{t.basketEmpty}</p>
      ) : (
        <ul class="lines" id="basket-lines">
          {lines.map((line) => {
            const good = stockOf.get(line.goodsId);
            const short = good && line.quantity > good.stock ? good : null;
            return (
              <li key={line.goodsId} class="line" data-line={line.goodsId} data-quantity={line.quantity}>
                <div class="line-main">
                  <strong class="line-name">{t.lineName(line.name, line.quantity)}</strong>
                  <span class="line-points">{t.goodPoints(line.quantity * line.points)}</span>
                </div>
                {line.copayFen > 0 && (
                  <div class="line-copay">{t.copayCash(yuan(line.quantity * line.copayFen))}</div>
                )}
                {short && <div class="line-shelf">{t.lineShelf(short.stock, short.unit)}</div>}
                <div class="stepper">
                  <button
                    type="button"
                    class="secondary step-less"
                    aria-label={t.lineLess(line.name)}
                    onClick={() => props.onLines(changeQuantity(lines, line.goodsId, -1))}
                  >
                    −
                  </button>
                  <span class="step-count" aria-hidden="true">
                    {line.quantity}
                  </span>
                  <button
                    type="button"
                    class="secondary step-more"
                    aria-label={t.lineMore(line.name)}
                    onClick={() => props.onLines(changeQuantity(lines, line.goodsId, 1))}
                  >
                    +
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {lines.length > 0 && (
        <div class="basket-total">
          <p class="points-line" id="basket-points">
            {t.basketTotal(points)}
          </p>
          {copay > 0 && (
            <p class="copay-line" id="basket-copay">
              {t.copayCash(yuan(copay))}
            </p>
          )}
        </div>
      )}
      {overWords && (
        <p class="problem" role="alert" id="basket-over">
          {overWords}
        </p>
      )}
      <button
        type="button"
        class="primary wide"
        id="basket-next"
        disabled={lines.length === 0 || over}
        onClick={props.onNext}
      >
        {t.basketNext}
      </button>
      <p class="hint">{t.basketHint}</p>
      <Field label={t.goodsSearch} id="goods-search" enterKeyHint="search" value={query} onValue={setQuery} />
      {shown.length === 0 && query.trim() !== '' && <p class="hint">{t.goodsNoMatch(query.trim())}</p>}
      <ul class="tiles" id="goods">
        {shown.map((good) => {
          const chosen = lines.find((l) => l.goodsId === good.id)?.quantity ?? 0;
          const full = chosen === 0 && lines.length >= MAX_LINES;
          return (
            <li key={good.id}>
              <button
                type="button"
                class={`good-tile ${chosen > 0 ? 'chosen' : ''}`}
                data-good={good.id}
                disabled={full}
                onClick={() => props.onAdd(good)}
              >
                {good.photoUrl && <GoodPhoto url={good.photoUrl} />}
                <span class="good-name">{good.name}</span>
                <span class="good-price">
                  {t.goodPoints(good.points)}
                  {good.copayFen > 0 && ` ${t.goodCopay(yuan(good.copayFen))}`}
                </span>
                <span class="good-stock">{t.goodStock(good.stock, good.unit)}</span>
                {chosen > 0 && <span class="good-chosen">{t.goodInBasket(chosen)}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" class="secondary wide" id="basket-offers" onClick={props.onOffers}>
        {t.basketUseOffers}
      </button>
      <button type="button" class="secondary wide" id="basket-cancel" onClick={props.onCancel}>
        {t.cancel}
      </button>
    </section>
  );
}

/** The basket's lines, its points and the cash on top: the confirm step and the receipt. */
export function BasketReceipt(props: {
  t: Words;
  lines: readonly BasketLine[];
  id: string;
  /** The confirm step says the points itself (收取 N 积分). */
  total?: boolean;
}) {
  const { t, lines, id } = props;
  const copay = totalCopayFen(lines);
  return (
    <div class="receipt" id={id}>
      <ul class="receipt-lines">
        {lines.map((l) => (
          <li key={l.goodsId} class="receipt-line" data-line={l.goodsId}>
            <span class="receipt-name">{t.lineName(l.name, l.quantity)}</span>
            <span class="receipt-points">{t.goodPoints(l.quantity * l.points)}</span>
            {l.copayFen > 0 && <span class="receipt-cash">+ ¥{yuan(l.quantity * l.copayFen)}</span>}
          </li>
        ))}
      </ul>
      {props.total !== false && <p class="points-line receipt-total">{t.basketTotal(totalPoints(lines))}</p>}
      {copay > 0 && <p class="copay-line receipt-copay">{t.copayCash(yuan(copay))}</p>}
    </div>
  );
}

/** Goods at or below their low-stock mark, in words ("食用油 只剩 2 桶"); nothing when none are. */
export function LowStockLine({ state }: { state: AppState }) {
  const t = words[state.lang];
  const low = lowStockGoods(state.config?.config.goods);
  if (low.length === 0) return null;
  return (
    <section class="low-stock" id="low-stock" role="status">
      <strong>{t.lowStockTitle}</strong>
      <ul>
        {low.map((g) => (
          <li key={g.id} data-good={g.id}>
            {t.lowStockGood(g.name, g.stock, g.unit)}
          </li>
        ))}
      </ul>
    </section>
  );
}
