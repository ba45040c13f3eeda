/** @jsxImportSource preact */
/**
 * 我的积分卡 (issue #19), under 设置: a resident who also has the app sets their card's PIN
 * here (six digits typed twice on a keypad, only dots shown) or reports the card lost (asked
 * first, in words). Online only: the server keeps the PIN's hash and refuses a lost card at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { CardList, CardView } from '../../../shared/api/cards.ts';
import { formatCardNumber } from '../../../shared/card.ts';
import { ApiError, residentRequest } from '../api.ts';
import type { Words } from '../i18n.ts';

type Step =
  | { kind: 'view'; note: string | null }
  | { kind: 'pin'; first: string | null; problem: string | null }
  | { kind: 'lost' };

function Keypad(props: {
  t: Words;
  prompt: string;
  problem: string | null;
  onPin: (pin: string) => void;
  onCancel: () => void;
}) {
  const { t } = props;
  const [pin, setPin] = useState('');
  // A new prompt (the second entry, or a start over) begins empty.
  useEffect(() => setPin(''), [props.prompt, props.problem]);
  const press = (d: string) => {
    const next = pin.length < 6 ? pin + d : pin;
    setPin(next);
    if (next.length === 6) props.onPin(next);
  };
  return (
    <div class="card-keypad" id="card-keypad">
      <p class="card-prompt" id="card-prompt">
        {props.prompt}
      </p>
      <div class="pin-dots" role="status" aria-label={t.cardPinTyped(pin.length)}>
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <span key={i} class={`pin-dot ${i < pin.length ? 'full' : ''}`} aria-hidden="true" />
        ))}
      </div>
      {props.problem && (
        <p class="notice error" role="alert" id="card-pin-problem">
          {props.problem}
        </p>
      )}
      <div class="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" key={d} class="pin-key" data-key={d} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" class="pin-key small" onClick={() => setPin('')}>
          {t.cardPinClear}
        </button>
        <button type="button" class="pin-key" data-key="0" onClick={() => press('0')}>
          0
        </button>
        <button type="button" class="pin-key small" onClick={() => setPin((p) => p.slice(0, -1))}>
          {t.cardPinDelete}
        </button>
      </div>
      <button type="button" class="secondary" id="card-pin-cancel" onClick={props.onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}

export function CardSection({ t, online }: { t: Words; online: boolean }) {
  const [card, setCard] = useState<CardView | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'view', note: null });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!online) return;
    void residentRequest('GET', '/v1/me/cards', CardList)
      .then((list) => setCard(list.cards.find((c) => c.status === 'active') ?? list.cards[0] ?? null))
      .catch(() => {});
  }, [online]);
  if (!card) return null;

  const act = async (send: () => Promise<CardView>, note: string) => {
    setBusy(true);
    try {
      setCard(await send());
      setStep({ kind: 'view', note });
    } catch (e) {
      const problem = e instanceof ApiError ? t.problem(e.type) : t.cardNeedsNetwork;
      setStep(step.kind === 'pin' ? { kind: 'pin', first: null, problem } : { kind: 'view', note: problem });
    } finally {
      setBusy(false);
    }
  };
  const onPin = (pin: string) => {
    if (step.kind !== 'pin') return;
    if (step.first === null) return setStep({ kind: 'pin', first: pin, problem: null });
    if (step.first !== pin)
      return setStep({ kind: 'pin', first: null, problem: t.problem('card_pin_mismatch') });
    void act(
      () => residentRequest('PUT', `/v1/cards/${card.id}/pin`, CardView, { body: { pin } }),
      t.cardPinSaved,
    );
  };

  const status =
    card.status !== 'active'
      ? t.cardStatuses[card.status]
      : card.locked
        ? t.cardLocked
        : t.cardStatuses.active;
  return (
    <section class="card-section" id="my-card" data-status={card.status} data-locked={String(card.locked)}>
      <h2>{t.cardTitle}</h2>
      <p class="card-number" id="my-card-number">
        {formatCardNumber(card.number)}
      </p>
      <p>
        {status}
        {card.status === 'active' && ` · ${card.pinSet ? t.cardPinIsSet : t.cardPinNotSet}`}
      </p>
      {step.kind === 'view' && step.note && (
        <p class="notice" role="status" id="my-card-note">
          {step.note}
        </p>
      )}
      {step.kind === 'pin' && (
        <Keypad
          t={t}
          prompt={step.first === null ? t.cardPinFirst : t.cardPinAgain}
          problem={step.problem}
          onPin={onPin}
          onCancel={() => setStep({ kind: 'view', note: null })}
        />
      )}
      {step.kind === 'lost' && (
        <div class="notice warn" role="alertdialog" id="my-card-lost-ask">
          <p>{t.cardLostAsk}</p>
          <button
            type="button"
            class="danger"
            id="my-card-lost-yes"
            disabled={busy}
            onClick={() =>
              void act(() => residentRequest('POST', `/v1/cards/${card.id}/lost`, CardView), t.cardLostDone)
            }
          >
            {t.cardLostYes}
          </button>
          <button type="button" class="secondary" onClick={() => setStep({ kind: 'view', note: null })}>
            {t.cancel}
          </button>
        </div>
      )}
      {step.kind === 'view' && card.status === 'active' && online && (
        <>
          <button
            type="button"
            class="secondary"
            id="my-card-pin"
            onClick={() => setStep({ kind: 'pin', first: null, problem: null })}
          >
            {card.pinSet ? t.cardChangePin : t.cardSetPin}
          </button>
          <button type="button" class="secondary" id="my-card-lost" onClick={() => setStep({ kind: 'lost' })}>
            {t.cardReportLost}
          </button>
        </>
      )}
    </section>
  );
}
