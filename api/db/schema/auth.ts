/**
 * Sessions and throttling. Refresh tokens are opaque, stored hashed, rotated on every use; a
 * reused (already rotated) token revokes its whole family, since only a thief would present it.
 * Attempt counters live in the database so every API instance shares them.
 */
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliances } from './directory.ts';

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    /** SHA-256 of the token, hex. */
    tokenHash: text('token_hash').primaryKey(),
    /** Every token descended from one login or enrollment shares a family. */
    familyId: uuid('family_id').notNull(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    role: text('role', { enum: ['coordinator', 'staff', 'resident', 'device'] }).notNull(),
    /** staff_users.id, residents.id or devices.id. */
    subjectId: text('subject_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_subject_idx').on(t.subjectId),
  ],
);

export const attemptCounters = pgTable(
  'attempt_counters',
  {
    /** What is throttled, e.g. "login:ip:1.2.3.4" or "login:account:a@b.cn". */
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
