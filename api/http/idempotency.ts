/**
 * Idempotency-Key handling for routes whose retries must not act twice (POS captures, grants).
 * The stored answer is written in the same transaction as the work it describes, so either both
 * exist or neither does; a concurrent duplicate loses the primary-key race, rolls back, and on
 * retry finds the winner's answer.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { canonicalJson } from '../../shared/canonical-json.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db, Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

export function requireIdempotencyKey(header: string | undefined): string {
  if (!header || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new AppError('idempotency_key_required', {
      detail:
        'Send an Idempotency-Key header (8–100 letters, digits, "-", "_", ".", ":"), new for each operation and the same on its retries.',
    });
  }
  return header;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string })?.code === '23505' || (e as { cause?: { code?: string } })?.cause?.code === '23505';

export interface Idempotent<T> {
  status: number;
  body: T;
  /** True when this is the stored answer of an earlier request. */
  replayed: boolean;
}

export async function idempotent<T>(
  db: Db,
  principal: Principal,
  key: string,
  hash: string,
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<Idempotent<T>> {
  const scope = `${principal.role}:${principal.subjectId}`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [stored] = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
        if (stored) {
          if (stored.requestHash !== hash) {
            throw new AppError('idempotency_key_reused', {
              detail:
                'This Idempotency-Key was already used for a different request. Use a new key for a new operation.',
            });
          }
          return { status: stored.status, body: stored.response as T, replayed: true };
        }
        const result = await work(tx);
        await tx.insert(idempotencyKeys).values({
          scope,
          key,
          allianceId: principal.allianceId,
          requestHash: hash,
          status: result.status,
          response: result.body as object,
        });
        return { ...result, replayed: false };
      });
    } catch (e) {
      if (isUniqueViolation(e) && attempt < 3) continue;
      throw e;
    }
  }
}
