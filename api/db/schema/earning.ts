/**
 * Earning points: the rules (each edit a new version; a claim keeps the version it was made
 * under), claims with their photos and review decisions, deductions with their appeal, and the
 * likes of the public good-deeds feed. Photos live in the database (one backup holds
 * everything; every API instance sees the same files).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
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

const at = (name: string) => timestamp(name, { withTimezone: true });

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const RULE_KINDS = ['fixed', 'per_hour', 'range', 'deduction'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const EVIDENCE_NEEDS = ['required', 'optional', 'none'] as const;
export type EvidenceNeed = (typeof EVIDENCE_NEEDS)[number];
export const CLAIM_STATUSES = ['submitted', 'awaiting_second', 'approved', 'refused', 'needs_more'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const DECISIONS = ['approve', 'refuse', 'ask_more'] as const;
export type Decision = (typeof DECISIONS)[number];
export const APPEAL_STATES = ['none', 'appealed', 'upheld', 'rejected'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export interface RuleLimits {
  perDay?: number | undefined;
  perWeek?: number | undefined;
  perMonth?: number | undefined;
  pointsPerMonth?: number | undefined;
}

/** A rule's stable identity: its code names it in CSVs and claims, across every version. */
export const rules = pgTable(
  'rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    code: text('code').notNull(),
    /** The version claims are made under now. */
    currentVersionId: uuid('current_version_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rules_code_key').on(t.allianceId, t.code)],
);

/** One version of a rule; never changed once written. */
export const ruleVersions = pgTable(
  'rule_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => rules.id),
    version: integer('version').notNull(),
    category: text('category').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    kind: text('kind', { enum: RULE_KINDS }).notNull(),
    /** fixed: the points; deduction: the points taken (positive). */
    points: integer('points'),
    /** per_hour: points an hour, counted in steps of 30 minutes. */
    pointsPerHour: integer('points_per_hour'),
    /** range: the reviewer picks within min..max. */
    min: integer('min'),
    max: integer('max'),
    evidence: text('evidence', { enum: EVIDENCE_NEEDS }).notNull(),
    /** Residents may claim it themselves; false: staff only (e.g. 表彰奖励). */
    selfClaim: boolean('self_claim').notNull(),
    /** Two approvals by two reviewers, whatever the points. */
    fourEyes: boolean('four_eyes').notNull().default(false),
    limits: jsonb('limits').$type<RuleLimits>().notNull().default({}),
    /** Days in the alliance's calendar ("YYYY-MM-DD"), inclusive; null: open. */
    activeFrom: text('active_from'),
    activeTo: text('active_to'),
    createdAt: at('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('rule_versions_version_key').on(t.ruleId, t.version)],
);

/** A photo or scan backing a claim or a deduction, kept private in the database. */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /**
     * Who uploaded it: a resident's or a staff member's id, with the role; for a good's photo
     * (积分超市) the good's id and `goods`, so no person can attach it to a claim.
     */
    uploadedBy: uuid('uploaded_by').notNull(),
    uploaderRole: text('uploader_role', { enum: ['resident', 'coordinator', 'staff', 'goods'] }).notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes'),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    claimId: uuid('claim_id'),
    deductionId: uuid('deduction_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Pruned past the retention period: the bytes are gone, the row says so. */
    removedAt: at('removed_at'),
  },
  (t) => [
    index('evidence_claim_idx').on(t.claimId),
    index('evidence_deduction_idx').on(t.deductionId),
    index('evidence_uploader_idx').on(t.uploadedBy, t.createdAt),
  ],
);

export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    residentId: uuid('resident_id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    ruleVersionId: uuid('rule_version_id').notNull(),
    /** The day it happened, in the alliance's calendar ("YYYY-MM-DD"). */
    occurredOn: text('occurred_on').notNull(),
    /** per_hour rules: half-hour steps (3 = 1.5 hours). */
    halfHours: integer('half_hours'),
    note: text('note'),
    public: boolean('public').notNull().default(false),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('submitted'),
    /** The points the claim is for when the rule fixes them (fixed, per_hour); null for a range. */
    points: integer('points'),
    /** The points awarded when approved. */
    awardedPoints: integer('awarded_points'),
    /** The staff member who filed it at the counter for a resident without a phone. */
    filedBy: uuid('filed_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    decidedAt: at('decided_at'),
    /** The reviewers' last words to the resident: why refused, what more is needed. */
    reason: text('reason'),
    transferId: uuid('transfer_id'),
    /** Staff hid it from the public feed. */
    hiddenAt: at('hidden_at'),
  },
  (t) => [
    index('claims_queue_idx')
      .on(t.allianceId, t.createdAt)
      .where(sql`${t.status} in ('submitted', 'awaiting_second')`),
    index('claims_resident_idx').on(t.residentId, t.createdAt),
    index('claims_rule_day_idx').on(t.residentId, t.ruleId, t.occurredOn),
    // Rankings name the member a household's transfer paid (api/rankings/).
    index('claims_transfer_idx').on(t.transferId),
    index('claims_feed_idx')
      .on(t.allianceId, t.decidedAt)
      .where(sql`${t.public} and ${t.status} = 'approved'`),
  ],
);

/** Every reviewer's decision on a claim, in order: the audit of who saw what and when. */
export const claimDecisions = pgTable(
  'claim_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    decision: text('decision', { enum: DECISIONS }).notNull(),
    points: integer('points'),
    reason: text('reason'),
    /** The claim's status before this decision, and the evidence ids the reviewer was shown. */
    statusBefore: text('status_before', { enum: CLAIM_STATUSES }).notNull(),
    evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull().default([]),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('claim_decisions_claim_idx').on(t.claimId, t.createdAt),
    // One approval per reviewer per claim: a second approval must come from someone else.
    uniqueIndex('claim_decisions_one_approval_key')
      .on(t.claimId, t.reviewerId)
      .where(sql`${t.decision} = 'approve'`),
  ],
);

export const deductions = pgTable(
  'deductions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /** The resident it was recorded against (for a household: any member, see householdId). */
    residentId: uuid('resident_id'),
    householdId: uuid('household_id'),
    ruleId: uuid('rule_id').notNull(),
    ruleVersionId: uuid('rule_version_id').notNull(),
    /** The points the rule (or the inspector) deducted: the month's score counts all of them. */
    points: integer('points').notNull(),
    /** What the free balance could give: at most `points`, never below zero. */
    takenPoints: integer('taken_points').notNull(),
    note: text('note'),
    transferId: uuid('transfer_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    appeal: text('appeal', { enum: APPEAL_STATES }).notNull().default('none'),
    appealNote: text('appeal_note'),
    appealedAt: at('appealed_at'),
    appealDecidedBy: uuid('appeal_decided_by'),
    appealDecidedAt: at('appeal_decided_at'),
    appealReason: text('appeal_reason'),
    appealTransferId: uuid('appeal_transfer_id'),
  },
  (t) => [
    index('deductions_resident_idx').on(t.residentId, t.createdAt),
    index('deductions_household_idx').on(t.householdId, t.createdAt),
    index('deductions_transfer_idx').on(t.transferId),
    index('deductions_appeal_transfer_idx').on(t.appealTransferId),
    index('deductions_appeals_idx').on(t.allianceId, t.appealedAt).where(sql`${t.appeal} = 'appealed'`),
  ],
);

/** One 点赞 per resident per public good deed. */
export const goodDeedLikes = pgTable(
  'good_deed_likes',
  {
    claimId: uuid('claim_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.residentId] })],
);
