/**
 * Household cards (issue #19): issuing (a new card replaces the holder's active one), the PIN
 * (a slow hash, never kept or logged in clear), five wrong PINs lock the card, loss and unlock,
 * and what devices must refuse offline. The points a card spends are the holder's balance; the
 * capture itself is cards/capture.ts.
 *
 * Promises: at most one active card per resident; a PIN guess first takes one of the card's five
 * attempts (a conditional update), then is checked, so guesses sent side by side from many
 * shops still get five tries in all; a right PIN gives them back.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import { cardNumberOf, signCard } from '../../shared/card.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { cards, cardUses, conflicts, merchants, redemptions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { ed25519Node } from '../vouchers/ed25519-node.ts';
import type { AllianceSigningKey } from '../vouchers/keys.ts';

export type CardRow = typeof cards.$inferSelect;

/** Wrong PINs that lock a card until staff unlock it. */
export const MAX_PIN_ATTEMPTS = 5;
/**
 * Points one card may spend offline (no PIN) per local day, summed over every shop: the card's
 * floor limit. Small on purpose: it is what a found card can cost its holder per day until the
 * loss is reported and the shops' devices have synced (docs/cards.md).
 */
export const CARD_OFFLINE_FLOOR_POINTS = 50;

/** The card's QR digits, signed again exactly as issued (Ed25519 is deterministic). */
export function cardText(
  card: Pick<CardRow, 'id' | 'residentId' | 'issuedAt'>,
  key: Pick<AllianceSigningKey, 'kid' | 'seed'>,
) {
  return signCard(
    {
      kid: key.kid,
      cardId: card.id,
      holderId: card.residentId,
      issuedAt: Math.floor(card.issuedAt.getTime() / 1000),
    },
    key.seed,
    ed25519Node,
  ).text;
}

/**
 * A new card for the resident; their active card, if any, becomes `replaced` by it. Runs in the
 * caller's transaction; the resident's row must exist in the alliance (the caller checked).
 */
export async function issueCard(
  tx: Tx,
  input: { allianceId: string; residentId: string; kid: string; issuedBy: string | null },
  clock: Clock,
): Promise<{ card: CardRow; replaced: CardRow | undefined }> {
  // Whole seconds: the token carries issuedAt in seconds, and printing again must sign the same bytes.
  const now = new Date(Math.floor(clock.now().getTime() / 1000) * 1000);
  const [active] = await tx
    .select()
    .from(cards)
    .where(and(eq(cards.residentId, input.residentId), eq(cards.status, 'active')))
    .for('update');
  for (;;) {
    const id = randomUUID();
    const number = cardNumberOf(id);
    const [clash] = await tx
      .select({ id: cards.id })
      .from(cards)
      .where(and(eq(cards.allianceId, input.allianceId), eq(cards.number, number)));
    if (clash) continue;
    let replaced: CardRow | undefined;
    if (active) {
      [replaced] = await tx
        .update(cards)
        .set({ status: 'replaced', replacedAt: now, replacedBy: id })
        .where(eq(cards.id, active.id))
        .returning();
    }
    const [card] = await tx
      .insert(cards)
      .values({
        id,
        allianceId: input.allianceId,
        residentId: input.residentId,
        number,
        issuedAt: now,
        kid: input.kid,
        issuedBy: input.issuedBy,
      })
      .returning();
    return { card: card!, replaced };
  }
}

export async function findCard(
  q: Queryable,
  allianceId: string,
  cardId: string,
): Promise<CardRow | undefined> {
  const [card] = await q
    .select()
    .from(cards)
    .where(and(eq(cards.allianceId, allianceId), eq(cards.id, cardId)));
  return card;
}

export async function findCardByNumber(q: Queryable, allianceId: string, number: string) {
  const [card] = await q
    .select()
    .from(cards)
    .where(and(eq(cards.allianceId, allianceId), eq(cards.number, number)));
  return card;
}

export async function requireCard(q: Queryable, allianceId: string, cardId: string): Promise<CardRow> {
  const card = await findCard(q, allianceId, cardId);
  if (!card) throw new AppError('card_not_found');
  return card;
}

/** A resident's cards, newest first. */
export async function cardsOfResident(
  q: Queryable,
  allianceId: string,
  residentId: string,
): Promise<CardRow[]> {
  return q
    .select()
    .from(cards)
    .where(and(eq(cards.allianceId, allianceId), eq(cards.residentId, residentId)))
    .orderBy(desc(cards.issuedAt));
}

/** Refuses a card that cannot be used now: lost, replaced by a newer card, or locked. */
export function requireUsable(card: CardRow): void {
  if (card.status === 'lost') throw new AppError('card_lost');
  if (card.status === 'replaced') throw new AppError('card_replaced');
  if (card.lockedAt) throw new AppError('card_locked');
}

/** PINs anyone would try first: one digit six times, or a run up or down (123456, 654321). */
export function isWeakPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => (x - d[i]! + 10) % 10));
  return steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9));
}

/** Sets the card's PIN (6 digits, not a trivial one); the old PIN stops working at once. */
export async function setPin(tx: Tx, card: CardRow, pin: string, clock: Clock): Promise<void> {
  if (!/^\d{6}$/.test(pin)) throw new AppError('invalid_request', { detail: 'A PIN is 6 digits.' });
  if (isWeakPin(pin)) throw new AppError('card_pin_weak');
  if (card.status !== 'active') throw new AppError(card.status === 'lost' ? 'card_lost' : 'card_replaced');
  const pinHash = await hashPassword(pin);
  await tx.update(cards).set({ pinHash, pinSetAt: clock.now() }).where(eq(cards.id, card.id));
}

/**
 * Checks a PIN against the card, spending one of its attempts first. A wrong PIN that uses the
 * last attempt locks the card; every wrong one is `card_pin_wrong` with the attempts left, or
 * `card_locked`. A right one returns; the capture gives the attempts back in its transaction.
 * Not in a transaction: the spent attempt must stay spent whatever happens next.
 */
export async function checkPin(db: Queryable, card: CardRow, pin: string, clock: Clock): Promise<void> {
  requireUsable(card);
  if (!card.pinHash) throw new AppError('card_pin_not_set');
  const [spent] = await db
    .update(cards)
    .set({ failedPinAttempts: sql`${cards.failedPinAttempts} + 1` })
    .where(
      and(
        eq(cards.id, card.id),
        eq(cards.status, 'active'),
        sql`${cards.lockedAt} is null`,
        sql`${cards.failedPinAttempts} < ${MAX_PIN_ATTEMPTS}`,
      ),
    )
    .returning({ attempts: cards.failedPinAttempts });
  if (!spent) throw new AppError('card_locked');
  if (/^\d{6}$/.test(pin) && (await verifyPassword(pin, card.pinHash))) return;
  const left = MAX_PIN_ATTEMPTS - spent.attempts;
  if (left <= 0) {
    await db
      .update(cards)
      .set({ lockedAt: clock.now() })
      .where(and(eq(cards.id, card.id), sql`${cards.lockedAt} is null`));
    throw new AppError('card_locked', {
      detail: 'Five wrong PINs: the card is locked until staff unlock it.',
    });
  }
  throw new AppError('card_pin_wrong', {
    detail: `Wrong PIN: ${left} attempts left before the card locks.`,
    details: { attemptsLeft: left },
  });
}

/** Gives the card its five attempts back after a right PIN (in the capture's transaction). */
export async function pinAccepted(tx: Tx, cardId: string): Promise<void> {
  await tx
    .update(cards)
    .set({ failedPinAttempts: 0 })
    .where(and(eq(cards.id, cardId), ne(cards.failedPinAttempts, 0)));
}

/** Reports the card lost: refused everywhere (online at once, offline from each device's next sync). */
export async function markLost(tx: Tx, card: CardRow, clock: Clock): Promise<CardRow> {
  if (card.status === 'lost') return card;
  if (card.status === 'replaced') throw new AppError('card_replaced');
  const [row] = await tx
    .update(cards)
    .set({ status: 'lost', lostAt: clock.now() })
    .where(eq(cards.id, card.id))
    .returning();
  return row!;
}

/** Unlocks a card locked by wrong PINs and gives back its attempts. */
export async function unlockCard(tx: Tx, card: CardRow, actorId: string, clock: Clock): Promise<CardRow> {
  if (card.status !== 'active') throw new AppError(card.status === 'lost' ? 'card_lost' : 'card_replaced');
  const [row] = await tx
    .update(cards)
    .set({ lockedAt: null, failedPinAttempts: 0, unlockedAt: clock.now(), unlockedBy: actorId })
    .where(eq(cards.id, card.id))
    .returning();
  return row!;
}

/** Cards devices must refuse offline: lost, or locked by wrong PINs (replaced cards are lost to the shop too). */
export async function blockedCards(
  q: Queryable,
  allianceId: string,
): Promise<{ id: string; number: string }[]> {
  return q
    .select({ id: cards.id, number: cards.number })
    .from(cards)
    .where(and(eq(cards.allianceId, allianceId), or(ne(cards.status, 'active'), isNotNull(cards.lockedAt))))
    .orderBy(cards.number);
}

export interface CardUse {
  recordId: string;
  cardNumber: string;
  merchantName: string;
  points: number;
  outcome: string;
  detail: string | null;
  offline: boolean;
  pinChecked: boolean;
  conflictId: string | null;
  at: Date;
}

/** What a resident's cards were used for, newest first: the coordinator reads it beside a conflict. */
export async function cardHistory(
  q: Queryable,
  input: { allianceId: string; residentId: string; limit?: number },
): Promise<CardUse[]> {
  const found = await q
    .select({
      recordId: cardUses.recordId,
      cardNumber: cards.number,
      merchantName: merchants.name,
      points: redemptions.points,
      outcome: redemptions.outcome,
      detail: redemptions.outcomeDetail,
      offline: cardUses.offline,
      pinChecked: cardUses.pinChecked,
      conflictId: conflicts.id,
      scannedAt: redemptions.scannedAt,
      receivedAt: redemptions.receivedAt,
    })
    .from(cardUses)
    .innerJoin(cards, eq(cards.id, cardUses.cardId))
    .innerJoin(redemptions, eq(redemptions.id, cardUses.recordId))
    .innerJoin(merchants, eq(merchants.id, cardUses.merchantId))
    .leftJoin(conflicts, eq(conflicts.recordId, cardUses.recordId))
    .where(and(eq(cardUses.allianceId, input.allianceId), eq(cards.residentId, input.residentId)))
    .orderBy(desc(cardUses.createdAt))
    .limit(input.limit ?? 50);
  return found.map(({ scannedAt, receivedAt, ...u }) => ({ ...u, at: scannedAt ?? receivedAt }));
}
