/**
 * The directory: alliances, their staff, residents and households, merchants with their offers,
 * devices and POS keys, single-use enrollment codes. Every row carries alliance_id so an
 * operator can shard by alliance (DESIGN.md, Scale).
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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OfferLimit, OfferSeason } from '../../../shared/api/offer-rules.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const alliances = pgTable('alliances', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  /** Reimbursement paid to merchants per captured point, in fen; may be 0. */
  rateFenPerPoint: bigint('rate_fen_per_point', { mode: 'number' }).notNull().default(0),
  /** How long after a voucher expires its hold still waits for a capture. */
  captureWindowSeconds: integer('capture_window_seconds').notNull().default(7200),
  skewSeconds: integer('skew_seconds').notNull().default(120),
  voucherTtlSeconds: integer('voucher_ttl_seconds').notNull().default(180),
  /** Default and upper bound of a voucher's cap when the resident does not choose one. */
  defaultVoucherCap: integer('default_voucher_cap').notNull().default(500),
  periodMonths: integer('period_months').notNull().default(1),
  /** A claim for more points than this needs two approvals by two different reviewers. */
  fourEyesThreshold: integer('four_eyes_threshold').notNull().default(50),
  /** Days a resident has to appeal a deduction. */
  appealWindowDays: integer('appeal_window_days').notNull().default(7),
  /** Months the photos of decided claims are kept. */
  evidenceRetentionMonths: integer('evidence_retention_months').notNull().default(12),
  /** Points a household gets for each point of its monthly inspection score (issue #16). */
  pointsPerScorePoint: integer('points_per_score_point').notNull().default(10),
  /** Days after a scoring month closes that a household may object to its sheet. */
  objectionWindowDays: integer('objection_window_days').notNull().default(5),
  createdAt: createdAt(),
});

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /** How they sign in: an e-mail, a phone number, or both (at least one). */
    email: text('email'),
    name: text('name').notNull(),
    role: text('role', { enum: ['coordinator', 'staff'] }).notNull(),
    phone: text('phone'),
    /** What a staff member may do beyond the residents' desk: reviewer, inspector, organizer, cashier. */
    rights: jsonb('rights').$type<string[]>().notNull().default([]),
    /** Communities or grids the staff member works in; empty: all of them. */
    areas: jsonb('areas').$type<string[]>().notNull().default([]),
    passwordHash: text('password_hash').notNull(),
    /**
     * A one-time sign-in code (slow hash) the coordinator handed over instead of a password, and
     * when it stops working; the first sign-in with it sets the password and clears both.
     */
    signInCodeHash: text('sign_in_code_hash'),
    signInCodeExpiresAt: timestamp('sign_in_code_expires_at', { withTimezone: true }),
    /** The staff member's own resident record, if they live here: they never review their household. */
    residentId: uuid('resident_id'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('staff_users_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('staff_users_phone_key').on(t.phone),
    check('staff_users_signs_in', sql`${t.email} is not null or ${t.phone} is not null`),
  ],
);

export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    name: text('name').notNull(),
    /** 门牌号, e.g. "金卫村 5组 32号"; the community (社区/村) and grid (网格) are plain names for now. */
    doorNumber: text('door_number'),
    community: text('community'),
    grid: text('grid'),
    /**
     * The door plate: SHA-256 of the plate's token (an HMAC of the household and the plate's
     * generation, never the id); a reissue bumps the generation and the old token stops working.
     */
    plateHash: text('plate_hash'),
    plateGeneration: integer('plate_generation').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('households_plate_key').on(t.plateHash),
    uniqueIndex('households_door_key').on(t.allianceId, t.doorNumber),
  ],
);

export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    householdId: uuid('household_id').references(() => households.id),
    name: text('name').notNull(),
    phone: text('phone'),
    createdAt: createdAt(),
  },
  (t) => [
    index('residents_alliance_idx').on(t.allianceId),
    index('residents_household_idx').on(t.householdId),
  ],
);

export const merchants = pgTable(
  'merchants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /** The public u32 a voucher's merchantScope names (docs/voucher-spec.md). */
    number: bigint('number', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    address: text('address'),
    /** Most points one offline capture may take. */
    offlineMaxPointsPerCapture: integer('offline_max_points_per_capture').notNull().default(200),
    /** Most points one device may capture offline in a day. */
    offlineMaxPointsPerDeviceDay: integer('offline_max_points_per_device_day').notNull().default(2000),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('merchants_number_key').on(t.allianceId, t.number)],
);

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id),
    /** The short id a redemption record carries as offerId, e.g. "haircut-5". */
    code: text('code').notNull(),
    kind: text('kind', { enum: ['amount_off', 'percent_off', 'item', 'points_as_cash'] }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    /** Points the offer costs (amount_off, percent_off, item). */
    points: integer('points'),
    /** Money off in fen (amount_off) or the item's value (item). */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    /** Percent off (percent_off), 1..100, with at most capFen off. */
    percent: integer('percent'),
    capFen: bigint('cap_fen', { mode: 'number' }),
    /** Fen of discount per point (points_as_cash). */
    fenPerPoint: integer('fen_per_point'),
    /** Limits per person, e.g. [{ per: 'month', count: 1 }] (每人每月限一次); empty: none. */
    limits: jsonb('limits').$type<OfferLimit[]>().notNull().default([]),
    /** When the offer holds, in the alliance's time zone (dates, weekdays, hours); null: always. */
    season: jsonb('season').$type<OfferSeason>(),
    minBillFen: bigint('min_bill_fen', { mode: 'number' }),
    /** Who funds this offer's discounts, overriding the merchant's rule; null: the merchant's rule. */
    fundingRule: text('funding_rule', { enum: ['merchant', 'per_point', 'share'] }),
    fundingFenPerPoint: integer('funding_fen_per_point'),
    fundingSharePercent: integer('funding_share_percent'),
    /** A coupon bought with the offer's points in the resident app, valid this many days; null: not a coupon. */
    couponValidDays: integer('coupon_valid_days'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('offers_code_key').on(t.merchantId, t.code)],
);

export const devices = pgTable(
  'devices',
  {
    /** "dev_" + 12 hex: short enough to print, carried in every signed record. */
    id: text('id').primaryKey(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id),
    name: text('name').notNull(),
    /** Ed25519 public key, base64url, registered at enrollment. */
    publicKey: text('public_key').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('devices_merchant_idx').on(t.merchantId)],
);

export const enrollmentCodes = pgTable('enrollment_codes', {
  /** SHA-256 of the code, hex: the code itself is a bearer secret and never stored. */
  codeHash: text('code_hash').primaryKey(),
  allianceId: uuid('alliance_id')
    .notNull()
    .references(() => alliances.id),
  kind: text('kind', { enum: ['resident', 'device'] }).notNull(),
  /** The resident to enroll, or the merchant whose device enrolls. */
  subjectId: uuid('subject_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const posKeys = pgTable('pos_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  allianceId: uuid('alliance_id')
    .notNull()
    .references(() => alliances.id),
  merchantId: uuid('merchant_id')
    .notNull()
    .references(() => merchants.id),
  /** First characters of the key, shown in lists so a coordinator can tell keys apart. */
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_alliance_at_idx').on(t.allianceId, t.at)],
);
