/**
 * Household cards (issue #19): a printed, alliance-signed identity card with a PIN, for residents
 * without a smartphone; and which redemption records were made with a card. The PIN is kept only
 * as a slow hash; the card's points are the holder's (their household's) balance, never stored here.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliances, residents } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const CARD_STATUSES = ['active', 'lost', 'replaced'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const cards = pgTable(
  'cards',
  {
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    /** The printed 16 digits (shared/card.ts cardNumberOf). */
    number: text('number').notNull(),
    issuedAt: at('issued_at').notNull(),
    /** The signing key's full thumbprint, so the card's QR can be printed again exactly. */
    kid: text('kid').notNull(),
    status: text('status', { enum: CARD_STATUSES }).notNull().default('active'),
    /** scrypt of the 6-digit PIN (auth/passwords.ts); null until the holder chooses one. */
    pinHash: text('pin_hash'),
    pinSetAt: at('pin_set_at'),
    /** Wrong PINs since the last right one or unlock; five lock the card. */
    failedPinAttempts: integer('failed_pin_attempts').notNull().default(0),
    lockedAt: at('locked_at'),
    /** Who (staff id) unlocked it last, and when. */
    unlockedAt: at('unlocked_at'),
    unlockedBy: uuid('unlocked_by'),
    lostAt: at('lost_at'),
    replacedAt: at('replaced_at'),
    replacedBy: uuid('replaced_by'),
    issuedBy: uuid('issued_by'),
  },
  (t) => [
    uniqueIndex('cards_number_key').on(t.allianceId, t.number),
    uniqueIndex('cards_one_active_per_resident').on(t.residentId).where(sql`${t.status} = 'active'`),
    index('cards_resident_idx').on(t.residentId, t.issuedAt),
    check('cards_failed_pin_attempts_nonnegative', sql`${t.failedPinAttempts} >= 0`),
  ],
);

/**
 * One row per redemption record made with a card (any outcome): the card's history, and what
 * its offline floor counts (accepted offline records joined to redemptions for their points).
 */
export const cardUses = pgTable(
  'card_uses',
  {
    recordId: uuid('record_id').primaryKey(),
    allianceId: uuid('alliance_id').notNull(),
    cardId: uuid('card_id').notNull(),
    merchantId: uuid('merchant_id').notNull(),
    offline: boolean('offline').notNull(),
    /** True when the holder's PIN was checked (online); offline records have none. */
    pinChecked: boolean('pin_checked').notNull(),
    /** The offline floor this record broke, if any. */
    floorBreach: text('floor_breach'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('card_uses_card_idx').on(t.cardId, t.createdAt)],
);
