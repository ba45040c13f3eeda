/**
 * Idempotency keys for use cases whose retries must not act twice (POS captures, grants): the
 * caller's key names one operation. The stored answer is written in the same transaction as the
 * work it describes, so either both exist or neither does; a concurrent duplicate loses the
 * primary-key race, rolls back, and on retry finds the winner's answer. The same key with a
 * different request is refused.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { canonicalJson } from '../../shared/canonical-json.ts';
import type { Principal } from '../auth/principal.ts';
import type { Tx } from '../db/client.ts';
import { sqlState } from '../db/error-log.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from './context.ts';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

export function requireIdempotencyKey(header: string | undefined): string {
  if (!header || !IDEMPOTENCY_KEY_PATTERN.test(header)) throw new AppError('idempotency_key_required');
  return header;
}

/**
 * What the key stands for: the operation (as the API names it, e.g. "POST /v1/grants") and its
 * input, whatever the order of the input's keys.
 */
export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest('hex');
}

export interface Idempotent<T> {
  result: T;
  /** True when this is the stored answer of an earlier request. */
  replayed: boolean;
}

export async function idempotent<T>(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  request: { key: string; hash: string },
  work: (tx: Tx) => Promise<T>,
): Promise<Idempotent<T>> {
  const scope = `${principal.role}:${principal.subjectId}`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction(async (tx) => {
        const [stored] = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, request.key)));
        if (stored) {
          if (stored.requestHash !== request.hash) throw new AppError('idempotency_key_reused');
          return { result: stored.response as T, replayed: true };
        }
        const result = await work(tx);
        await tx.insert(idempotencyKeys).values({
          scope,
          key: request.key,
          allianceId: principal.allianceId,
          requestHash: request.hash,
          status: 200,
          response: result as object,
        });
        return { result, replayed: false };
      });
    } catch (e) {
      if (sqlState(e) === '23505' && attempt < 3) continue;
      throw e;
    }
  }
}
