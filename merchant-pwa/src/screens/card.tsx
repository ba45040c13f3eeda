/** @jsxImportSource preact */
/**
 * A household card at the counter (积分卡, issue #19), from the scan to "已使用 50 积分，余额 810".
 *
 * Online: the shopkeeper chooses the offer, types the points or rings up a basket of goods (the
 * scanner's barcodes go into it while the card's sale is open), then turns the phone to the
 * customer, who types the PIN on a large keypad; the server checks it and takes the points at once
 * (one request, one id per sale, so trying again never takes twice). Offline: no PIN, up to what
 * the card may still spend today (its floor less this phone's use of it) and the device's own
 * limits; the signed record waits in the outbox like a voucher's.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CardCaptureResponse } from '../../../shared/api/cards.ts';
import { problemWords } from '../../../shared/problems.ts';
import { addGood, type BasketLine, basketCharge, type Good, goodsOnSale, MAX_LINES } from '../basket.ts';
import {
  cardOfflineRoom,
  cardTail,
  DEFAULT_CARD_FLOOR,
  formatCardNumber,
  type ScannedCard,
} from '../card.ts';
import { describeOutcome, type Words, words } from '../i18n.ts';
import type { Charge } from '../offers.ts';
import { type CardCaptureAnswer, captureCardOnline, createCardRecord, type LocalRefusal } from '../outbox.ts';
import { type AppState, useAppState } from '../state.ts';
import { type BasketNotice, BasketReceipt, BasketStep } from './basket.tsx';
import { ConfirmStep, Money, OfferStep } from './charge.tsx';

/** The most one online card sale may take: the holder's balance is the real bound, checked by the API. */
const ONLINE_CARD_CAP = 1_000_000;

type Phase =
  | { kind: 'charge' }
  /** Goods of the points supermarket, paid with the card (by tile, name or barcode). */
  | { kind: 'basket'; lines: BasketLine[]; notice: BasketNotice }
  | { kind: 'confirm-offline'; charge: Charge }
  | { kind: 'pin'; charge: Charge; id: string; problem: string | null }
  | { kind: 'checking'; charge: Charge; id: string }
  | { kind: 'network'; charge: Charge; id: string }
  | { kind: 'captured'; charge: Charge; result: CardCaptureResponse }
  | { kind: 'saved'; charge: Charge; recordId: string }
  | { kind: 'refused'; words: string; problem: string };

function CardPanel({ card, t }: { card: ScannedCard; t: Words }) {
  if (card.refusal) {
    return (
      <section id="card" class="verdict bad" role="alert" data-card="refused" data-refusal={card.refusal}>
        <div class="verdict-icon" aria-hidden="true">
          ✕
        </div>
        <div class="verdict-text">
          <div class="verdict-title">{t.cardRefusedTitle}</div>
          <p class="verdict-reason">{t.cardRefusals[card.refusal]}</p>
          {card.number && <p class="verdict-reason">{t.cardNumber(formatCardNumber(card.number))}</p>}
        </div>
      </section>
    );
  }
  return (
    <section id="card" class="verdict good" role="status" data-card="valid" data-card-number={card.number}>
      <div class="verdict-icon" aria-hidden="true">
        ✓
      </div>
      <div class="verdict-text">
        <div class="verdict-title">{t.cardTail(cardTail(card.number))}</div>
        <p class="verdict-reason">{t.cardOk}</p>
      </div>
    </section>
  );
}

/** Six dots and a keypad big enough for an older thumb; the digits are never shown. */
function PinPad(props: {
  t: Words;
  points: number;
  problem: string | null;
  busy: boolean;
  onPin: (pin: string) => void;
  onCancel: () => void;
}) {
  const { t } = props;
  const [pin, setPin] = useState('');
  // A wrong PIN clears what was typed, so the next try starts empty.
  useEffect(() => setPin(''), [props.problem]);
  const press = (digit: string) => setPin((p) => (p.length < 6 ? p + digit : p));
  return (
    <section class="pin-pad" id="pin-pad" aria-labelledby="pin-title">
      <h2 id="pin-title" class="pin-title">
        {t.cardPinTitle}
      </h2>
      <p class="pin-points" id="pin-points">
        {t.cardPinPoints(props.points)}
      </p>
      <p class="hint">{t.cardPinTurn}</p>
      <div class="pin-dots" id="pin-dots" role="status" aria-label={t.cardPinTyped(pin.length)}>
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <span key={i} class={`pin-dot ${i < pin.length ? 'full' : ''}`} aria-hidden="true" />
        ))}
      </div>
      {props.problem && (
        <p class="problem" role="alert" id="pin-problem">
          {props.problem}
        </p>
      )}
      <div class="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button
            type="button"
            key={d}
            class="pin-key"
            data-key={d}
            disabled={props.busy}
            onClick={() => press(d)}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          class="pin-key small"
          id="pin-clear"
          disabled={props.busy}
          onClick={() => setPin('')}
        >
          {t.cardPinClear}
        </button>
        <button type="button" class="pin-key" data-key="0" disabled={props.busy} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          class="pin-key small"
          id="pin-delete"
          disabled={props.busy}
          onClick={() => setPin((p) => p.slice(0, -1))}
        >
          {t.cardPinDelete}
        </button>
      </div>
      <button
        type="button"
        class="primary wide"
        id="pin-ok"
        disabled={props.busy || pin.length !== 6}
        onClick={() => props.onPin(pin)}
      >
        {props.busy ? t.cardPinChecking : t.cardPinOk}
      </button>
      <button
        type="button"
        class="secondary wide"
        id="pin-cancel"
        disabled={props.busy}
        onClick={props.onCancel}
      >
        {t.cancel}
      </button>
    </section>
  );
}

function Outcome(props: { good: boolean; title: string; line: string; outcome: string }) {
  return (
    <div class={`verdict ${props.good ? 'good' : 'bad'}`} id="card-result" data-outcome={props.outcome}>
      <div class="verdict-icon" aria-hidden="true">
        {props.good ? '✓' : '✕'}
      </div>
      <div class="verdict-text">
        <h2 class="verdict-title">{props.title}</h2>
        <p class="verdict-reason card-used" id="card-result-line">
          {props.line}
        </p>
      </div>
    </div>
  );
}

/** The offline record's outcome once synced, else that it waits on this phone. */
function SavedOutcome({
  state,
  t,
  recordId,
  charge,
}: {
  state: AppState;
  t: Words;
  recordId: string;
  charge: Charge;
}) {
  const answer = state.answers.get(recordId);
  if (answer?.outcome && answer.outcome !== 'accepted') {
    return (
      <Outcome
        good={false}
        title={t.notReceivedTitle}
        line={describeOutcome(state.lang, answer.outcome, answer.detail)}
        outcome={answer.outcome}
      />
    );
  }
  return (
    <Outcome
      good
      title={t.doneTitle}
      line={
        answer?.outcome === 'accepted' ? t.cardUsed(charge.points, null) : t.cardOfflineSaved(charge.points)
      }
      outcome={answer?.outcome ?? 'pending'}
    />
  );
}

export function CardFlow(props: {
  card: ScannedCard;
  /** A product barcode read while this sale is open: the good goes into the card's basket. */
  scannedGood?: { goodsId: string; n: number } | undefined;
  onDone: () => void;
}) {
  const { card, onDone } = props;
  const state = useAppState();
  const t = words[state.lang];
  const [phase, setPhase] = useState<Phase>({ kind: 'charge' });
  const floor = state.config?.config.cardOfflineFloorPoints ?? DEFAULT_CARD_FLOOR;
  const [room, setRoom] = useState<number | null>(null);
  useEffect(() => {
    if (!state.online) void cardOfflineRoom(card.number, floor).then(setRoom);
  }, [state.online, card.number, floor]);
  const goods = state.config?.config.goods ?? [];
  const hasGoods = goodsOnSale(goods).length > 0;
  const addToBasket = (good: Good) =>
    setPhase((p) => {
      if (p.kind !== 'charge' && p.kind !== 'basket') return p;
      const lines = p.kind === 'basket' ? p.lines : [];
      const full = lines.length >= MAX_LINES && !lines.some((l) => l.goodsId === good.id);
      return { kind: 'basket', lines: addGood(lines, good), notice: full ? 'full' : null };
    });
  // A barcode read by the scanner while the sale is being rung up adds its good.
  const scanned = props.scannedGood;
  useEffect(() => {
    const good = scanned && goods.find((g) => g.id === scanned.goodsId);
    if (good) addToBasket(good);
  }, [scanned?.n]);
  const toPinOrConfirm = (charge: Charge) =>
    setPhase(
      state.online
        ? { kind: 'pin', charge, id: crypto.randomUUID(), problem: null }
        : { kind: 'confirm-offline', charge },
    );

  const answered = (charge: Charge, id: string, answer: CardCaptureAnswer) => {
    if (answer.kind === 'captured') return setPhase({ kind: 'captured', charge, result: answer.result });
    if (answer.kind === 'network') return setPhase({ kind: 'network', charge, id });
    if (answer.type === 'card_pin_wrong') {
      const problem =
        answer.attemptsLeft === null
          ? problemWords(answer.type, state.lang)
          : t.cardPinWrong(answer.attemptsLeft);
      return setPhase({ kind: 'pin', charge, id, problem });
    }
    setPhase({ kind: 'refused', words: problemWords(answer.type, state.lang), problem: answer.type });
  };
  const sendPin = async (charge: Charge, id: string, pin: string) => {
    setPhase({ kind: 'checking', charge, id });
    answered(charge, id, await captureCardOnline(id, card, pin, charge));
  };
  const saveOffline = async (charge: Charge) => {
    if (!card.text) return;
    const created = await createCardRecord({ text: card.text, number: card.number }, charge, floor);
    if (created.ok) return setPhase({ kind: 'saved', charge, recordId: created.record.id });
    setPhase({
      kind: 'refused',
      words: t.localRefusals[created.refusal as LocalRefusal],
      problem: created.refusal,
    });
  };

  if (card.refusal) {
    return (
      <div class="card-flow">
        <CardPanel card={card} t={t} />
        <button type="button" class="primary wide" id="next-scan" onClick={onDone}>
          {t.scanAgain}
        </button>
      </div>
    );
  }
  if (phase.kind === 'pin' || phase.kind === 'checking') {
    return (
      <PinPad
        t={t}
        points={phase.charge.points}
        problem={phase.kind === 'pin' ? phase.problem : null}
        busy={phase.kind === 'checking'}
        onPin={(pin) => void sendPin(phase.charge, phase.id, pin)}
        onCancel={onDone}
      />
    );
  }
  const offlineTyped = !state.online && !card.text;
  const ended = phase.kind === 'captured' || phase.kind === 'saved' || phase.kind === 'refused';
  return (
    <div class="card-flow">
      {!ended && <CardPanel card={card} t={t} />}
      {phase.kind === 'charge' &&
        (offlineTyped ? (
          <>
            <p class="problem" role="alert" id="card-typed-offline">
              {t.cardTypedOffline}
            </p>
            <button type="button" class="secondary wide" id="offer-cancel" onClick={onDone}>
              {t.cancel}
            </button>
          </>
        ) : (
          <>
            {!state.online && room !== null && (
              <p class="limit-note" id="card-floor">
                {t.cardOfflineNote(room)}
              </p>
            )}
            <OfferStep
              state={state}
              capPoints={ONLINE_CARD_CAP}
              offlineCap={room ?? 0}
              tooMany={state.online ? undefined : t.cardOverFloor(room ?? 0)}
              onCancel={onDone}
              onCharge={toPinOrConfirm}
            />
            {hasGoods && (
              <button
                type="button"
                class="secondary wide"
                id="use-goods"
                onClick={() => setPhase({ kind: 'basket', lines: [], notice: null })}
              >
                {t.basketUseGoods}
              </button>
            )}
          </>
        ))}
      {phase.kind === 'basket' && (
        <BasketStep
          state={state}
          capPoints={state.online ? ONLINE_CARD_CAP : (room ?? 0)}
          capWords={(_have, cap) => t.cardOverFloor(cap)}
          lines={phase.lines}
          notice={phase.notice}
          onLines={(lines) => setPhase({ kind: 'basket', lines, notice: null })}
          onAdd={addToBasket}
          onNext={() => toPinOrConfirm(basketCharge(phase.lines))}
          onOffers={() => setPhase({ kind: 'charge' })}
          onCancel={onDone}
        />
      )}
      {phase.kind === 'confirm-offline' && (
        <ConfirmStep
          t={t}
          charge={phase.charge}
          busy={false}
          onBack={() =>
            setPhase(
              phase.charge.lines
                ? { kind: 'basket', lines: phase.charge.lines, notice: null }
                : { kind: 'charge' },
            )
          }
          onConfirm={() => void saveOffline(phase.charge)}
        />
      )}
      {phase.kind === 'network' && (
        <section class="done" id="card-network">
          <Outcome good={false} title={t.cardNotTaken} line={t.cardNetwork} outcome="network" />
          <button
            type="button"
            class="primary wide"
            id="card-retry"
            onClick={() => setPhase({ kind: 'pin', charge: phase.charge, id: phase.id, problem: null })}
          >
            {t.cardRetry}
          </button>
          {card.text && (
            <button
              type="button"
              class="secondary wide"
              id="card-offline"
              onClick={() => setPhase({ kind: 'confirm-offline', charge: phase.charge })}
            >
              {t.cardUseOffline}
            </button>
          )}
        </section>
      )}
      {ended && (
        <section class="done" id="done">
          {phase.kind === 'captured' &&
            (phase.result.outcome === 'accepted' ? (
              <Outcome
                good
                title={t.doneTitle}
                line={t.cardUsed(phase.result.points, phase.result.balance)}
                outcome="accepted"
              />
            ) : (
              <Outcome
                good={false}
                title={t.cardNotTaken}
                line={describeOutcome(state.lang, phase.result.outcome, phase.result.detail)}
                outcome={phase.result.outcome}
              />
            ))}
          {phase.kind === 'saved' && (
            <SavedOutcome state={state} t={t} recordId={phase.recordId} charge={phase.charge} />
          )}
          {phase.kind === 'refused' && (
            <Outcome good={false} title={t.cardNotTaken} line={phase.words} outcome={phase.problem} />
          )}
          {phase.kind !== 'refused' &&
            (phase.charge.lines ? (
              <BasketReceipt
                t={t}
                lines={(phase.kind === 'captured' ? phase.result.lines : undefined) ?? phase.charge.lines}
                id="receipt"
              />
            ) : (
              <Money t={t} charge={phase.charge} />
            ))}
          <button type="button" class="primary wide" id="next-scan" onClick={onDone}>
            {t.scanAgain}
          </button>
        </section>
      )}
    </div>
  );
}
