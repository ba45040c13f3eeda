/**
 * Awards and public screens (issue #17). An award is what the coordinator gave a resident or a
 * household for their place in a month's or a year's ranking (雄安容东: each community's monthly
 * top 10 get goods, the yearly top 50 a 文明之家 plaque), kept with the rank and points it was
 * given for. A screen link opens the read-only public screen (一屏公示) on a television without a
 * sign-in; the link's token is an HMAC of the screen's id (so it can be shown again), kept here
 * only as its SHA-256; revoking the link ends it.
 */
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliances } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const AWARD_PERIODS = ['month', 'year'] as const;
export type AwardPeriod = (typeof AWARD_PERIODS)[number];
export const AWARD_SCOPES = ['residents', 'households'] as const;
export type AwardScope = (typeof AWARD_SCOPES)[number];

export const awards = pgTable(
  'awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    period: text('period', { enum: AWARD_PERIODS }).notNull(),
    /** The period's first local day, YYYY-MM-DD (a month's 1st, a year's 1 January). */
    periodStart: text('period_start').notNull(),
    scope: text('scope', { enum: AWARD_SCOPES }).notNull(),
    /** The community whose ranking it was; null: the whole alliance. */
    community: text('community'),
    /** The resident or the household awarded. */
    holderId: uuid('holder_id').notNull(),
    /** The name as it stood when the award was given (full: staff and printouts only). */
    holderName: text('holder_name').notNull(),
    rank: integer('rank').notNull(),
    points: integer('points').notNull(),
    /** What was given, in words ("食用油两桶", "文明之家牌匾"), and its worth in fen if known. */
    gift: text('gift').notNull(),
    valueFen: integer('value_fen'),
    givenBy: uuid('given_by').notNull(),
    givenAt: at('given_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('awards_holder_key').on(t.allianceId, t.period, t.periodStart, t.scope, t.holderId),
    index('awards_period_idx').on(t.allianceId, t.period, t.periodStart),
  ],
);

export const screenLinks = pgTable(
  'screen_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /** Where the screen hangs ("服务中心大厅"). */
    name: text('name').notNull(),
    /** The community the screen shows first; null: the whole alliance. */
    community: text('community'),
    /** SHA-256 of the link's token, hex. */
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by'),
    /** The last time the screen fetched its data. */
    lastSeenAt: at('last_seen_at'),
  },
  (t) => [
    uniqueIndex('screen_links_token_key').on(t.tokenHash),
    index('screen_links_alliance_idx').on(t.allianceId),
  ],
);
