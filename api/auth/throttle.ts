/**
 * Attempt throttling for sign-in and enrollment: a fixed window per key, counted in the database
 * so that every API instance shares the count. One upsert per attempt; no read-then-write race.
 * Every refusal says when to come back (`retryAfter`, sent as the Retry-After header).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { attemptCounters } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

/** Wrong passwords from one client address. */
export const LOGIN_RULE: ThrottleRule = { limit: 10, windowSeconds: 15 * 60 };
/** Wrong passwords for one account, from anywhere: past this, each attempt is slowed, never refused. */
export const ACCOUNT_SLOWDOWN_RULE: ThrottleRule = { limit: 10, windowSeconds: 15 * 60 };
export const ENROLL_RULE: ThrottleRule = { limit: 20, windowSeconds: 15 * 60 };

function windowOf(rule: ThrottleRule, clock: Clock) {
  const nowMs = clock.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  const start = new Date(Math.floor(nowMs / windowMs) * windowMs);
  return { start, retryAfter: Math.ceil((start.getTime() + windowMs - nowMs) / 1000) };
}

function tooMany(key: string, retryAfter: number): AppError {
  return new AppError('too_many_attempts', {
    message: `throttled: ${key}`,
    detail: `Too many attempts. Wait ${Math.ceil(retryAfter / 60)} minutes and try again.`,
    details: { retryAfter },
  });
}

/** Counts one attempt under each key; refuses with 429 when any is over its limit. */
export async function consumeAttempt(
  db: Queryable,
  keys: string[],
  rule: ThrottleRule,
  clock: Clock,
): Promise<void> {
  const counts = await countAttempts(db, keys, rule, clock);
  const over = counts.findIndex((n) => n > rule.limit);
  if (over >= 0) throw tooMany(keys[over]!, windowOf(rule, clock).retryAfter);
}

/** Adds one to each key's count in the current window; returns the new counts. */
export async function countAttempts(
  db: Queryable,
  keys: string[],
  rule: ThrottleRule,
  clock: Clock,
): Promise<number[]> {
  const { start } = windowOf(rule, clock);
  const counts: number[] = [];
  for (const key of keys) {
    const [row] = await db
      .insert(attemptCounters)
      .values({ key, windowStart: start, count: 1 })
      .onConflictDoUpdate({
        target: [attemptCounters.key, attemptCounters.windowStart],
        set: { count: sql`${attemptCounters.count} + 1` },
      })
      .returning({ count: attemptCounters.count });
    counts.push(row?.count ?? 1);
  }
  return counts;
}

/** How many attempts a key has in the current window, without counting one. */
export async function attemptsSoFar(
  db: Queryable,
  key: string,
  rule: ThrottleRule,
  clock: Clock,
): Promise<number> {
  const { start } = windowOf(rule, clock);
  const [row] = await db
    .select({ count: attemptCounters.count })
    .from(attemptCounters)
    .where(and(eq(attemptCounters.key, key), eq(attemptCounters.windowStart, start)));
  return row?.count ?? 0;
}

/** Refuses with 429 (and when to retry) when the key is already at its limit. */
export async function refuseWhenOver(
  db: Queryable,
  key: string,
  rule: ThrottleRule,
  clock: Clock,
): Promise<void> {
  if ((await attemptsSoFar(db, key, rule, clock)) >= rule.limit)
    throw tooMany(key, windowOf(rule, clock).retryAfter);
}
