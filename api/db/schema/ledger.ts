/**
 * The alliance ledger (DESIGN.md, "The ledger"): accounts, immutable transfers, voucher holds,
 * redemption records with their one outcome, conflicts, settlement periods, statements and the
 * lines that tie each settled transfer to exactly one statement.
 *
 * Only resident and household accounts store a balance (CHECK >= 0); the alliance's shared
 * accounts (issuance, escrow, merchant, settlement, loss fund) are sums of transfers.
 *
 * The high-volume tables (transfers, holds, redemptions, statement lines) carry no foreign keys:
 * each key check share-locks the referenced row, and every capture references the same escrow
 * account and alliance, so the keys would turn them back into hot rows. The ledger writes only
 * ids it has just read, and `alliance ledger check` verifies every reference.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliances } from './directory.ts';

/** One offer's part of a statement, under the offer's own funding rule. */
export interface OfferFundingLine {
  offerId: string;
  code: string;
  rule: 'merchant' | 'per_point' | 'share';
  fenPerPoint: number;
  sharePercent: number | null;
  points: number;
  discountFen: number;
  dueFen: number;
}

import {
  ACCOUNT_KINDS,
  CONFLICT_KINDS,
  FUNDING_RULES,
  HOLD_STATES,
  LOSS_BEARERS,
  REDEMPTION_OUTCOMES,
  TRANSFER_KINDS,
} from './kinds.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const amount = (name: string) => bigint(name, { mode: 'number' });

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    /** The resident, household or merchant; the alliance id for the alliance's own accounts. */
    ownerId: uuid('owner_id').notNull(),
    /** Stored (and locked) only for resident and household accounts. */
    balance: amount('balance'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_owner_key').on(t.allianceId, t.kind, t.ownerId),
    check('ledger_accounts_balance_nonnegative', sql`${t.balance} >= 0`),
    check(
      'ledger_accounts_balance_stored_for_holders',
      sql`(${t.kind} in ('resident', 'household')) = (${t.balance} is not null)`,
    ),
  ],
);

export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id').notNull(),
    debitAccountId: uuid('debit_account_id').notNull(),
    creditAccountId: uuid('credit_account_id').notNull(),
    amount: amount('amount').notNull(),
    kind: text('kind', { enum: TRANSFER_KINDS }).notNull(),
    /** The hold this transfer resolves. */
    pendingId: uuid('pending_id'),
    recordId: uuid('record_id'),
    reversesId: uuid('reverses_id'),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    check('transfers_amount_positive', sql`${t.amount} > 0`),
    check('transfers_two_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    index('transfers_debit_idx').on(t.debitAccountId, t.createdAt),
    index('transfers_credit_idx').on(t.creditAccountId, t.createdAt),
    index('transfers_alliance_idx').on(t.allianceId, t.createdAt),
    uniqueIndex('transfers_one_capture_per_hold').on(t.pendingId).where(sql`${t.kind} = 'capture'`),
    uniqueIndex('transfers_one_reversal_per_capture').on(t.reversesId),
  ],
);

export const holds = pgTable(
  'holds',
  {
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id').notNull(),
    voucherId: text('voucher_id').notNull(),
    accountId: uuid('account_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    capPoints: amount('cap_points').notNull(),
    issuedAt: at('issued_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    captureDeadline: at('capture_deadline').notNull(),
    merchantScope: amount('merchant_scope').notNull().default(0),
    state: text('state', { enum: HOLD_STATES }).notNull().default('open'),
    resolvedAt: at('resolved_at'),
    capturedPoints: amount('captured_points'),
    claimedByRecordId: uuid('claimed_by_record_id'),
    createdAt: at('created_at').notNull(),
    /** The key that signed the voucher, so the server can show the same voucher again (a 码号 lookup). */
    kid: text('kid'),
    /** The 8 digits a resident reads out when the QR will not scan (shared/short-code.ts). */
    shortCode: text('short_code'),
    /**
     * 'voucher': a points code (one open per person, minutes long); 'coupon': a coupon bought
     * with points (coupons table), held for weeks, never replaced by a new code.
     */
    kind: text('kind', { enum: ['voucher', 'coupon'] })
      .notNull()
      .default('voucher'),
  },
  (t) => [
    check('holds_cap_positive', sql`${t.capPoints} > 0`),
    uniqueIndex('holds_voucher_key').on(t.allianceId, t.voucherId),
    index('holds_open_deadline_idx').on(t.captureDeadline).where(sql`${t.state} = 'open'`),
    index('holds_account_open_idx').on(t.accountId).where(sql`${t.state} = 'open'`),
    index('holds_open_short_code_idx').on(t.allianceId, t.shortCode).where(sql`${t.state} = 'open'`),
    index('holds_resident_open_idx').on(t.residentId).where(sql`${t.state} = 'open'`),
  ],
);

export const redemptions = pgTable(
  'redemptions',
  {
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id').notNull(),
    deviceId: text('device_id'),
    merchantId: uuid('merchant_id').notNull(),
    seq: amount('seq'),
    voucherId: text('voucher_id'),
    points: amount('points').notNull(),
    offerId: text('offer_id'),
    billFen: amount('bill_fen').notNull().default(0),
    discountFen: amount('discount_fen').notNull().default(0),
    scannedAt: at('scanned_at'),
    receivedAt: at('received_at').notNull(),
    outcome: text('outcome', { enum: REDEMPTION_OUTCOMES }).notNull(),
    outcomeDetail: text('outcome_detail'),
    transferId: uuid('transfer_id'),
    offline: boolean('offline').notNull().default(false),
    limitBreach: text('limit_breach'),
  },
  (t) => [
    uniqueIndex('redemptions_device_seq_key')
      .on(t.deviceId, t.seq)
      .where(sql`${t.outcome} not in ('sequence_conflict', 'bad_device_signature')`),
    uniqueIndex('redemptions_one_accepted_per_voucher')
      .on(t.allianceId, t.voucherId)
      .where(sql`${t.outcome} = 'accepted'`),
    index('redemptions_device_scanned_idx').on(t.deviceId, t.scannedAt),
    index('redemptions_merchant_idx').on(t.merchantId, t.receivedAt),
  ],
);

/**
 * Records refused before they could claim an id: unreadable ones (`bad_record`), ones whose
 * device signature fails, and ones whose id another device already holds. They never reach the
 * ledger and never take a record id, so a forged or broken record cannot shadow a genuine one;
 * a replay of the same content finds its row and gets the same answer.
 */
export const rejectedRecords = pgTable(
  'rejected_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id').notNull(),
    deviceId: text('device_id').notNull(),
    merchantId: uuid('merchant_id').notNull(),
    /** The id as the record gave it (any text, shortened), for the shopkeeper and the coordinator. */
    recordId: text('record_id').notNull(),
    /** SHA-256 of the record's canonical JSON: the identity of a refusal. */
    contentHash: text('content_hash').notNull(),
    outcome: text('outcome', { enum: ['bad_record', 'bad_device_signature'] }).notNull(),
    detail: text('detail').notNull(),
    /** The record as received (JSON text, shortened), as evidence. */
    evidence: text('evidence').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('rejected_records_content_key').on(t.deviceId, t.contentHash),
    index('rejected_records_merchant_idx').on(t.merchantId, t.receivedAt),
  ],
);

export const conflicts = pgTable(
  'conflicts',
  {
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    kind: text('kind', { enum: CONFLICT_KINDS }).notNull(),
    recordId: uuid('record_id').notNull().unique(),
    voucherId: text('voucher_id').notNull(),
    merchantId: uuid('merchant_id').notNull(),
    deviceId: text('device_id'),
    points: amount('points').notNull(),
    createdAt: at('created_at').notNull(),
    bears: text('bears', { enum: LOSS_BEARERS }),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    note: text('note'),
    transferId: uuid('transfer_id'),
  },
  (t) => [index('conflicts_alliance_idx').on(t.allianceId, t.createdAt)],
);

export const settlementPeriods = pgTable(
  'settlement_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    label: text('label').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: at('closed_at'),
    closedBy: uuid('closed_by'),
    rateFenPerPoint: amount('rate_fen_per_point'),
  },
  (t) => [uniqueIndex('settlement_periods_start_key').on(t.allianceId, t.startsAt)],
);

/**
 * How a merchant's discounts are funded from a month on (the latest rule whose month is not
 * after the period's); a merchant with no rule is reimbursed at the alliance's rate per point.
 */
export const merchantFunding = pgTable(
  'merchant_funding',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    merchantId: uuid('merchant_id').notNull(),
    /** "YYYY-MM": the first settlement month the rule applies to. */
    fromMonth: text('from_month').notNull(),
    rule: text('rule', { enum: FUNDING_RULES }).notNull(),
    /** per_point: fen the alliance pays per point. */
    fenPerPoint: integer('fen_per_point'),
    /** share: percent (1..100) of the discount the alliance pays. */
    sharePercent: integer('share_percent'),
    createdAt: at('created_at').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('merchant_funding_month_key').on(t.merchantId, t.fromMonth)],
);

export const settlementStatements = pgTable(
  'settlement_statements',
  {
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => settlementPeriods.id),
    merchantId: uuid('merchant_id').notNull(),
    /** The merchant's name and number as they were at close: a later rename changes no statement. */
    merchantName: text('merchant_name').notNull(),
    merchantNumber: integer('merchant_number').notNull(),
    redemptions: integer('redemptions').notNull(),
    pointsCaptured: amount('points_captured').notNull(),
    pointsReversed: amount('points_reversed').notNull(),
    pointsAdjusted: amount('points_adjusted').notNull(),
    netPoints: amount('net_points').notNull(),
    billFen: amount('bill_fen').notNull(),
    discountFen: amount('discount_fen').notNull(),
    rateFenPerPoint: amount('rate_fen_per_point').notNull(),
    /** Who funded the discounts this month (see merchantFunding); per_point uses rateFenPerPoint. */
    fundingRule: text('funding_rule', { enum: FUNDING_RULES }).notNull().default('per_point'),
    fundingSharePercent: integer('funding_share_percent'),
    reimbursementFen: amount('reimbursement_fen').notNull(),
    /**
     * Captures of offers with their own funding rule (offers.funding_rule): their net points,
     * discount and amount due, by offer in `offerFunding`. The merchant's rule funds the rest:
     * reimbursement = offerDueFen + rule(netPoints − offerPoints, discountFen − offerDiscountFen).
     */
    offerPoints: amount('offer_points').notNull().default(0),
    offerDiscountFen: amount('offer_discount_fen').notNull().default(0),
    offerDueFen: amount('offer_due_fen').notNull().default(0),
    offerFunding: jsonb('offer_funding').$type<OfferFundingLine[]>().notNull().default([]),
    conflicts: integer('conflicts').notNull(),
    limitBreaches: integer('limit_breaches').notNull(),
    createdAt: at('created_at').notNull(),
    paidAt: at('paid_at'),
    paidReference: text('paid_reference'),
    paidBy: uuid('paid_by'),
  },
  (t) => [uniqueIndex('settlement_statements_merchant_key').on(t.periodId, t.merchantId)],
);

export const statementLines = pgTable(
  'statement_lines',
  {
    transferId: uuid('transfer_id').notNull(),
    statementId: uuid('statement_id').notNull(),
    allianceId: uuid('alliance_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.transferId] }), index('statement_lines_statement_idx').on(t.statementId)],
);
