/**
 * A household card at the counter (issue #19): what a scan or a typed number says about the card,
 * and how much it may still spend offline here today.
 *
 * The card carries identity only (shared/card.ts); its points are the holder's, on the server.
 * Online the PIN is checked by the server and nothing waits in the outbox. Offline there is no
 * PIN: the card is taken up to the alliance's daily floor, less what this phone already took from
 * it today (other shops' offline use is counted by the server at sync), and never when it is on
 * the list of lost, replaced and locked cards the device received with its configuration.
 */

import type { MerchantConfig } from '../../shared/api/merchant.ts';
import {
  cardNumberOf,
  formatCardNumber as formatNumber,
  isCardText,
  parseCardNumber,
  verifyCard,
} from '../../shared/card.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import type { KeyIndex } from '../../shared/jwks.ts';
import { allianceDay } from './session.ts';
import { type LogEntry, openStore } from './store.ts';

/** The card's floor when an older API sends none (the API's own default). */
export const DEFAULT_CARD_FLOOR = 50;

export type CardRefusal = 'card_invalid' | 'card_blocked';

export interface ScannedCard {
  /** The 16 digits, printed on the card. */
  number: string;
  /** The QR's signed digits; null when the number was typed (then the card works online only). */
  text: string | null;
  /** Known when the QR was scanned and verified. */
  cardId: string | null;
  /** Why it cannot be taken at all; null when it may be. */
  refusal: CardRefusal | null;
}

/** Whether a scanned or typed text is meant as a card: its QR ("96…", long) or its 16-digit number. */
export function looksLikeCard(text: string): boolean {
  const t = text.trim();
  return (isCardText(t) && t.length > 20) || parseCardNumber(t) !== null;
}

/** Reads a card from its QR or typed number; a card on the blocked list is refused with its number. */
export function readCard(text: string, keys: KeyIndex, config: MerchantConfig | undefined): ScannedCard {
  const t = text.trim();
  const typed = parseCardNumber(t);
  const blocked = config?.blockedCards ?? [];
  if (typed) {
    const refusal = blocked.some((b) => b.number === typed) ? 'card_blocked' : null;
    return { number: typed, text: null, cardId: null, refusal };
  }
  const verified = verifyCard(t, { keys, primitive: ed25519Noble });
  if (!verified.ok) return { number: '', text: t, cardId: null, refusal: 'card_invalid' };
  const { cardId } = verified.card;
  const number = cardNumberOf(cardId);
  const refusal = blocked.some((b) => b.id === cardId || b.number === number) ? 'card_blocked' : null;
  return { number, text: t, cardId, refusal };
}

/** `9612 3456 7890 1234` */
export const formatCardNumber = formatNumber;

/** The last four digits, how a shopkeeper tells cards apart on a list ("尾号 1234"). */
export const cardTail = (number: string): string => number.slice(-4);

/** Points this phone took offline from the card today, pending or accepted. */
export const cardOfflineUse = (entries: readonly LogEntry[], cardNumber: string): number =>
  entries
    .filter(
      (e) =>
        e.cardNumber === cardNumber &&
        e.path === 'offline' &&
        (e.status === 'pending' || e.outcome === 'accepted'),
    )
    .reduce((sum, e) => sum + e.points, 0);

/** Points the card may still spend offline here today: the floor less this phone's use of it. */
export async function cardOfflineRoom(cardNumber: string, floor: number): Promise<number> {
  const entries = await (await openStore()).getAllFromIndex('log', 'day', allianceDay());
  return Math.max(0, floor - cardOfflineUse(entries, cardNumber));
}
