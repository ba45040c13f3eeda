/**
 * Households as places that are inspected and scored (issue #16): inspection templates, the
 * checks inspectors record, the scoring months a coordinator closes, each household's frozen
 * monthly sheet (一户一档) with the transfer that paid it, and objections (异议) to a sheet.
 * Days and months are in the alliance's calendar ("YYYY-MM-DD", "YYYY-MM"); instants are UTC.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliances, households } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const MONTH_RULES = ['every_check', 'last_check'] as const;
export type MonthRule = (typeof MONTH_RULES)[number];
export const CHECK_FREQUENCIES = ['weekly', 'monthly'] as const;
export type CheckFrequency = (typeof CHECK_FREQUENCIES)[number];
export const OBJECTION_STATES = ['open', 'upheld', 'rejected'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

/** One item of a template: the points it gives when kept and when lost (lost may be negative). */
export interface TemplateItem {
  code: string;
  title: string;
  kept: number;
  lost: number;
}

/** A bonus item: its points when a check marks it done, or per approved claim of `claimCategory`. */
export interface BonusItem {
  code: string;
  title: string;
  points: number;
  claimCategory?: string | undefined;
}

export interface BonusSection {
  cap: number;
  items: BonusItem[];
}

/** What a check found for one item. */
export interface CheckItem {
  code: string;
  ok: boolean;
  note?: string | undefined;
  evidenceId?: string | undefined;
}

/** One line of a sheet: how the month's checks made the item's score. */
export interface SheetLine {
  code: string;
  title: string;
  checks: number;
  failed: number;
  kept: boolean;
  points: number;
}

/** A template; never changed once written (a new one is made instead), so sheets keep theirs. */
export const inspectionTemplates = pgTable(
  'inspection_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    name: text('name').notNull(),
    items: jsonb('items').$type<TemplateItem[]>().notNull(),
    bonus: jsonb('bonus').$type<BonusSection>(),
    monthRule: text('month_rule', { enum: MONTH_RULES }).notNull().default('every_check'),
    frequency: text('frequency', { enum: CHECK_FREQUENCIES }).notNull().default('weekly'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('inspection_templates_alliance_idx').on(t.allianceId, t.createdAt)],
);

/** One check of a household under a template, on a day. */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => inspectionTemplates.id),
    inspectorId: uuid('inspector_id').notNull(),
    checkedOn: text('checked_on').notNull(),
    /** "YYYY-MM" of checkedOn: the scoring month it counts in. */
    month: text('month').notNull(),
    /** ISO week of checkedOn, "2026-W47": one check a week unless the inspector confirms a second. */
    week: text('week').notNull(),
    items: jsonb('items').$type<CheckItem[]>().notNull(),
    note: text('note'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('inspections_household_month_idx').on(t.householdId, t.month),
    index('inspections_alliance_month_idx').on(t.allianceId, t.month),
  ],
);

/**
 * A scoring month of the alliance: the row closes lock (one close at a time), which communities
 * were closed, and when the whole alliance was.
 */
export const scoringMonths = pgTable(
  'scoring_months',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    month: text('month').notNull(),
    /** Communities closed one by one before the whole alliance was. */
    communities: jsonb('communities').$type<string[]>().notNull().default([]),
    closedAt: at('closed_at'),
    closedBy: uuid('closed_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scoring_months_key').on(t.allianceId, t.month)],
);

/** A household's frozen monthly sheet (一月一评分、一月一记录). */
export const scoringSheets = pgTable(
  'scoring_sheets',
  {
    /** Derived from the household and the month: a second close can never make a second sheet. */
    id: uuid('id').primaryKey(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    month: text('month').notNull(),
    templateId: uuid('template_id'),
    householdName: text('household_name').notNull(),
    doorNumber: text('door_number'),
    community: text('community'),
    grid: text('grid'),
    lines: jsonb('lines').$type<SheetLine[]>().notNull().default([]),
    checks: integer('checks').notNull(),
    base: integer('base').notNull(),
    bonus: integer('bonus').notNull(),
    deductions: integer('deductions').notNull(),
    /** The score now: a decided objection may have corrected it. */
    score: integer('score').notNull(),
    /** The score as the month closed it. */
    closedScore: integer('closed_score').notNull(),
    /** Points per score point at close. */
    rate: integer('rate').notNull(),
    /** Points the close posted (0 for a score of 0 or less), and its transfer. */
    points: integer('points').notNull(),
    transferId: uuid('transfer_id'),
    closedAt: at('closed_at').notNull(),
    closedBy: uuid('closed_by').notNull(),
  },
  (t) => [
    uniqueIndex('scoring_sheets_household_month_key').on(t.householdId, t.month),
    index('scoring_sheets_alliance_month_idx').on(t.allianceId, t.month),
  ],
);

/** A household's objection to its sheet, and the coordinator's decision. */
export const sheetObjections = pgTable(
  'sheet_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    sheetId: uuid('sheet_id')
      .notNull()
      .references(() => scoringSheets.id),
    residentId: uuid('resident_id').notNull(),
    note: text('note').notNull(),
    state: text('state', { enum: OBJECTION_STATES }).notNull().default('open'),
    createdAt: at('created_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    reason: text('reason'),
    scoreBefore: integer('score_before'),
    scoreAfter: integer('score_after'),
    /** The correction's transfer and the points it moved (negative: taken back). */
    transferId: uuid('transfer_id'),
    correctionPoints: integer('correction_points'),
  },
  (t) => [
    index('sheet_objections_sheet_idx').on(t.sheetId, t.createdAt),
    uniqueIndex('sheet_objections_one_open_key').on(t.sheetId).where(sql`${t.state} = 'open'`),
    index('sheet_objections_open_idx').on(t.allianceId, t.createdAt).where(sql`${t.state} = 'open'`),
  ],
);
