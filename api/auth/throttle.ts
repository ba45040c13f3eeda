/**
 * Attempt throttling for login and enrollment: a fixed window per key, counted in the database
 * so that every API instance shares the count. One upsert per attempt; no read-then-write race.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { attemptCounters } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

export const LOGIN_RULE: ThrottleRule = { limit: 10, windowSeconds: 15 * 60 };
export const ENROLL_RULE: ThrottleRule = { limit: 20, windowSeconds: 15 * 60 };

/** Counts one attempt under each key; refuses with 429 when any is over its limit. */
export async function consumeAttempt(
  db: Queryable,
  keys: string[],
  rule: ThrottleRule,
  clock: Clock,
): Promise<void> {
  const nowMs = clock.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(nowMs / windowMs) * windowMs);
  for (const key of keys) {
    const [row] = await db
      .insert(attemptCounters)
      .values({ key, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [attemptCounters.key, attemptCounters.windowStart],
        set: { count: sql`${attemptCounters.count} + 1` },
      })
      .returning({ count: attemptCounters.count });
    if (row && row.count > rule.limit) {
      const retryAfter = Math.ceil((windowStart.getTime() + windowMs - nowMs) / 1000);
      throw new AppError('too_many_attempts', {
        message: `throttled: ${key}`,
        detail: `Too many attempts. Wait ${Math.ceil(retryAfter / 60)} minutes and try again.`,
        details: { retryAfter },
      });
    }
  }
}
