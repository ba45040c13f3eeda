/**
 * Stored answers to requests sent with an Idempotency-Key (POS captures, grants): the same key
 * and body get the stored answer, the same key with another body is refused.
 */
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliances } from './directory.ts';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key it is: "<role>:<subject id>", so two POS systems may pick the same key. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /** SHA-256 of method, path and canonical body. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
