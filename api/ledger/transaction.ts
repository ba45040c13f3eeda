/**
 * How every ledger write runs: one transaction with a lock timeout, retried with the same ids
 * when PostgreSQL picks it as a deadlock or serialization victim (or its lock wait timed out).
 * Ids are chosen before the first attempt, so a retry is a replay and can never double a point.
 */
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Queryable, Tx } from '../db/client.ts';
import { sqlState } from '../db/error-log.ts';

/** 40P01 deadlock, 40001 serialization failure, 55P03 lock_timeout expired. */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);
const SET_LOCK_TIMEOUT = sql.raw("set local lock_timeout = '2s'");

export const isRetryable = (e: unknown): boolean => RETRYABLE.has(sqlState(e) ?? '');

export async function withRetry<T>(fn: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isRetryable(e)) throw e;
      // Jittered backoff so the two victims of a deadlock do not meet again at once.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

/**
 * Runs `fn` in a transaction. Given a transaction already, runs inside it (the caller owns the
 * retry); given the database, opens one and retries it as a whole.
 */
export function ledgerTransaction<T>(db: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return fn(db as Tx);
  return withRetry(() =>
    (db as Db).transaction(async (tx) => {
      // Not awaited on its own: postgres.js pipelines it with the first query (one round trip less).
      const setting = tx.execute(SET_LOCK_TIMEOUT);
      const result = await fn(tx);
      await setting;
      return result;
    }),
  );
}

/** Thrown inside a transaction to roll it back and hand a value to the caller. */
export class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

export async function transactionOrRollback<T, R>(db: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T | R> {
  try {
    return await ledgerTransaction(db, fn);
  } catch (e) {
    if (e instanceof Rollback) return e.value as R;
    throw e;
  }
}
