/** @jsxImportSource preact */
/**
 * Choosing what a sale takes, for a voucher and a household card alike: the bill, the offers
 * (each with why it cannot be taken, when it cannot), points typed by hand, and the confirm step
 * with 原价, 优惠 and 应收 in large type.
 */
import { useEffect, useState } from 'preact/hooks';
import type { OfferView } from '../../../shared/api/merchant.ts';
import { Field } from '../field.tsx';
import { type Words, words, yuan } from '../i18n.ts';
import { offerPrice, offerTitle } from '../offer-label.ts';
import { type Charge, type ChargeResult, chargeByHand, chargeForOffer, parseYuan } from '../offers.ts';
import { offlineRoomToday } from '../outbox.ts';
import type { AppState } from '../state.ts';
import { BasketReceipt } from './basket.tsx';

/** Why an offer cannot be taken for this bill with this code, said beside the offer. */
function offerReason(
  t: Words,
  offer: OfferView,
  result: ChargeResult & { ok: false },
  limits: { capPoints: number; maxPoints: number },
): string {
  if (result.reason === 'needs_bill') return t.offerNeedsBill;
  if (offer.kind === 'points_as_cash' || offer.points === null) return t.offerNoPoints;
  if (offer.points > limits.capPoints) return t.offerNeeds(offer.points, limits.capPoints);
  return t.offerNeedsOffline(offer.points, limits.maxPoints);
}

/**
 * The bill, the offers and points by hand. `capPoints` is the most the code (or card) allows;
 * offline the device's limits and `offlineCap` (a card's floor left today) lower it.
 */
export function OfferStep(props: {
  state: AppState;
  capPoints: number;
  offlineCap?: number;
  /** What to say when the points typed are over the most allowed (else the plain words). */
  tooMany?: string;
  /** A coupon's code: this offer only, and no points typed by hand. */
  only?: string;
  onCharge: (charge: Charge) => void;
  onCancel: () => void;
}) {
  const { state, capPoints } = props;
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
    ? capPoints
    : Math.min(
        capPoints,
        props.offlineCap ?? capPoints,
        limits.offlineMaxPointsPerCapture,
        dayRoom ?? limits.offlineMaxPointsPerCapture,
      );
  const billFen = parseYuan(bill);

  const byHand = () => {
    const result = chargeByHand(Number(hand.trim() || 'x'), billFen ?? 0, maxPoints);
    if (result.ok) return props.onCharge(result.charge);
    setProblem(result.reason === 'too_few' ? t.localRefusals.too_few : (props.tooMany ?? t.offerTooMany));
  };

  return (
    <section class="offer-step">
      <Field label={t.billAmount} id="bill" inputMode="decimal" value={bill} onValue={setBill} />
      {billFen === null && (
        <p class="problem" role="alert" id="bill-problem">
          {t.billInvalid}
        </p>
      )}
      {!state.online && (
        <p class="limit-note">
          {t.offerLimit(limits.offlineMaxPointsPerCapture)}
          {dayRoom !== null && ` · ${t.offerDayLimit(dayRoom)}`}
        </p>
      )}
      <h2>{t.chooseOffer}</h2>
      <ul class="offers">
        {config.offers
          .filter((offer) => props.only === undefined || offer.code === props.only)
          .map((offer) => {
            const result = chargeForOffer(offer, billFen ?? 0, maxPoints);
            const price = offerPrice(offer, state.lang);
            const why = result.ok ? null : offerReason(t, offer, result, { capPoints, maxPoints });
            return (
              <li key={offer.code} class={`offer-row ${result.ok ? '' : 'off'}`}>
                <button
                  type="button"
                  class="offer"
                  data-offer={offer.code}
                  disabled={!result.ok}
                  aria-describedby={why ? `why-${offer.code}` : undefined}
                  onClick={() => result.ok && props.onCharge(result.charge)}
                >
                  <span class="offer-title">{offerTitle(offer, state.lang)}</span>
                  {price && <span class="offer-price"> · {price}</span>}
                </button>
                {why && (
                  <p class="offer-why" id={`why-${offer.code}`} data-why-offer={offer.code}>
                    {why}
                  </p>
                )}
              </li>
            );
          })}
      </ul>
      {props.only === undefined && (
        <div class="hand">
          <Field
            label={t.handPoints}
            id="hand-points"
            inputMode="numeric"
            value={hand}
            onValue={(value) => {
              setHand(value);
              setProblem('');
            }}
          />
          <button type="button" class="secondary" id="hand-next" onClick={byHand}>
            {t.next}
          </button>
        </div>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class="secondary wide" id="offer-cancel" onClick={props.onCancel}>
        {t.cancel}
      </button>
    </section>
  );
}

/** 原价, 优惠 and 应收 in large type: what the shopkeeper actually charges. */
export function Money({ t, charge }: { t: Words; charge: Charge }) {
  // Points typed by hand with no bill: there is no money to show.
  if (charge.billFen === 0 && charge.discountFen === 0) return null;
  const due = Math.max(0, charge.billFen - charge.discountFen);
  return (
    <dl class="money" id="money">
      {charge.billFen > 0 && (
        <div class="money-row">
          <dt>{t.moneyBill}</dt>
          <dd id="money-bill">¥{yuan(charge.billFen)}</dd>
        </div>
      )}
      <div class="money-row">
        <dt>{t.moneyDiscount}</dt>
        <dd id="money-discount">−¥{yuan(charge.discountFen)}</dd>
      </div>
      {charge.billFen > 0 ? (
        <div class="money-row due">
          <dt>{t.moneyDue}</dt>
          <dd id="money-due">¥{yuan(due)}</dd>
        </div>
      ) : (
        <p class="money-note">{t.moneyNoBill}</p>
      )}
    </dl>
  );
}

export function ConfirmStep(props: {
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
      {charge.lines ? (
        <BasketReceipt t={t} lines={charge.lines} id="confirm-lines" total={false} />
      ) : (
        <Money t={t} charge={charge} />
      )}
      <p class="points-line" id="confirm-points">
        {t.confirmPoints(charge.points)}
      </p>
      <button type="button" class="primary wide" id="confirm" disabled={props.busy} onClick={props.onConfirm}>
        {t.confirm}
      </button>
      <button type="button" class="secondary wide" id="confirm-back" onClick={props.onBack}>
        {t.back}
      </button>
    </section>
  );
}
