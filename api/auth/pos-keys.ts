/**
 * POS API keys: `pos_` + 32 random bytes, shown once at creation, stored as SHA-256 (the key has
 * 256 bits of entropy, so a fast hash is enough and lookups stay one index probe).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { posKeys } from '../db/schema/index.ts';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createPosKey(
  db: Queryable,
  input: { allianceId: string; merchantId: string },
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `pos_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  const [row] = await db
    .insert(posKeys)
    .values({ ...input, prefix, keyHash: hashKey(key) })
    .returning({ id: posKeys.id });
  return { id: row!.id, key, prefix };
}

export async function findPosKey(db: Queryable, key: string) {
  const [row] = await db
    .select()
    .from(posKeys)
    .where(and(eq(posKeys.keyHash, hashKey(key)), isNull(posKeys.revokedAt)));
  return row;
}

export async function revokePosKey(db: Queryable, input: { id: string; merchantId: string }, clock: Clock) {
  const [row] = await db
    .update(posKeys)
    .set({ revokedAt: clock.now() })
    .where(and(eq(posKeys.id, input.id), eq(posKeys.merchantId, input.merchantId), isNull(posKeys.revokedAt)))
    .returning({ id: posKeys.id });
  return Boolean(row);
}
