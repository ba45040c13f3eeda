/**
 * Sessions: an access token plus a refresh token. Refresh tokens rotate on every use. Within a
 * short grace window a just-rotated token gets the very same new pair again (two tabs refreshing
 * together, or an answer lost on a bad line, must not end a resident's session); after it,
 * presenting a rotated token revokes its family (it was copied). A subject that is gone (device
 * revoked, staff disabled) gets no new access token.
 *
 * The successor of a refresh token is derived from it with a server-held key, not drawn at
 * random, so the grace answer can be given again without storing any token in the clear.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db, Queryable } from '../db/client.ts';
import { devices, refreshTokens, residents, staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, type TokenKeys } from './tokens.ts';

const DAY = 24 * 3600;
/**
 * Residents and devices stay signed in for months; staff (an inspector's phone at the door plates)
 * for 30 days; the coordinator signs in again weekly. Disabling an account still ends it at once.
 */
const REFRESH_TTL_SECONDS: Record<Exclude<Principal['role'], 'pos'>, number> = {
  coordinator: 7 * DAY,
  staff: 30 * DAY,
  resident: 180 * DAY,
  device: 365 * DAY,
};

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a rotated refresh token still gets its successor pair instead of revoking the family. */
export const REFRESH_GRACE_SECONDS = 30;

const successorOf = (keys: TokenKeys, token: string) =>
  `rt_${createHmac('sha256', keys.rotationKey).update(token).digest('base64url')}`;

export async function issueSession(
  db: Queryable,
  keys: TokenKeys,
  principal: Principal,
  clock: Clock,
  familyId: string = randomUUID(),
  refreshToken: string = `rt_${randomBytes(32).toString('base64url')}`,
): Promise<SessionTokens> {
  if (principal.role === 'pos') throw new Error('POS keys have no sessions');
  await db.insert(refreshTokens).values({
    tokenHash: hashToken(refreshToken),
    familyId,
    allianceId: principal.allianceId,
    role: principal.role,
    subjectId: principal.subjectId,
    expiresAt: new Date(clock.now().getTime() + REFRESH_TTL_SECONDS[principal.role] * 1000),
  });
  return {
    accessToken: await signAccessToken(keys, principal, clock),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  };
}

const refreshRefused = (why: string) =>
  new AppError('invalid_refresh_token', {
    message: why,
    detail: 'This sign-in has ended. Sign in or enroll again.',
  });

/** Re-reads the subject so a revoked device or disabled account cannot refresh. */
async function currentPrincipal(
  db: Queryable,
  row: typeof refreshTokens.$inferSelect,
): Promise<Principal | undefined> {
  const base = { allianceId: row.allianceId, subjectId: row.subjectId };
  if (row.role === 'device') {
    const [d] = await db.select().from(devices).where(eq(devices.id, row.subjectId));
    return d && !d.revokedAt ? { ...base, role: 'device', merchantId: d.merchantId } : undefined;
  }
  if (row.role === 'resident') {
    const [r] = await db.select({ id: residents.id }).from(residents).where(eq(residents.id, row.subjectId));
    return r ? { ...base, role: 'resident' } : undefined;
  }
  const [s] = await db.select().from(staffUsers).where(eq(staffUsers.id, row.subjectId));
  return s && !s.disabledAt ? { ...base, role: s.role } : undefined;
}

export async function refreshSession(
  db: Db,
  keys: TokenKeys,
  refreshToken: string,
  clock: Clock,
): Promise<SessionTokens> {
  const now = clock.now();
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashToken(refreshToken)))
      .for('update');
    if (!row) return { error: 'unknown refresh token' } as const;
    if (row.revokedAt) return { error: 'refresh token revoked' } as const;
    if (row.usedAt && now.getTime() - row.usedAt.getTime() <= REFRESH_GRACE_SECONDS * 1000) {
      const again = await sameSuccessor(tx, keys, refreshToken, row, clock);
      if (again) return { tokens: again } as const;
    }
    if (row.usedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
      return { error: 'refresh token reused: family revoked' } as const;
    }
    if (row.expiresAt <= now) return { error: 'refresh token expired' } as const;
    const principal = await currentPrincipal(tx, row);
    if (!principal) return { error: 'subject revoked or gone' } as const;
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.tokenHash, row.tokenHash));
    const successor = successorOf(keys, refreshToken);
    return { tokens: await issueSession(tx, keys, principal, clock, row.familyId, successor) } as const;
  });
  // The family revocation must commit even though the caller is refused, so throw outside.
  if ('error' in outcome) throw refreshRefused(outcome.error ?? 'refused');
  return outcome.tokens;
}

/**
 * The pair a rotation within the grace window already gave: the derived successor, still live,
 * and the access token signed at the moment of that rotation (so the very same token).
 */
async function sameSuccessor(
  tx: Queryable,
  keys: TokenKeys,
  refreshToken: string,
  row: typeof refreshTokens.$inferSelect,
  clock: Clock,
): Promise<SessionTokens | undefined> {
  const successor = successorOf(keys, refreshToken);
  const [next] = await tx
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(successor)));
  if (!next || next.revokedAt || next.familyId !== row.familyId) return undefined;
  const principal = await currentPrincipal(tx, row);
  if (!principal) return undefined;
  return {
    accessToken: await signAccessToken(keys, principal, clock, row.usedAt!),
    refreshToken: successor,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS - Math.floor((clock.now().getTime() - row.usedAt!.getTime()) / 1000),
  };
}

/** Ends every session of a subject (sign-out everywhere, device revoked). */
export async function revokeSessions(db: Queryable, subjectId: string, clock: Clock): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(refreshTokens.subjectId, subjectId), isNull(refreshTokens.revokedAt)));
}

/** Ends the session a refresh token belongs to (sign out on this phone). */
export async function revokeSessionFamily(db: Queryable, refreshToken: string, clock: Clock): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(refreshToken)));
  if (!row) return;
  await db
    .update(refreshTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
}

/**
 * A person's signed-in phones: one per session family still alive (not revoked, not expired),
 * with when it was enrolled and when it last renewed its sign-in. Oldest first.
 */
export async function signedInPhones(
  db: Queryable,
  input: { allianceId: string; subjectId: string },
  clock: Clock,
): Promise<{ familyId: string; enrolledAt: Date; lastUsedAt: Date }[]> {
  const rows = await db
    .select({
      familyId: refreshTokens.familyId,
      enrolledAt: sql<string>`min(${refreshTokens.createdAt})`,
      lastUsedAt: sql<string>`max(${refreshTokens.createdAt})`,
      alive: sql<boolean>`bool_or(${refreshTokens.revokedAt} is null and ${refreshTokens.usedAt} is null and ${refreshTokens.expiresAt} > ${clock.now().toISOString()}::timestamptz)`,
    })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.allianceId, input.allianceId), eq(refreshTokens.subjectId, input.subjectId)))
    .groupBy(refreshTokens.familyId);
  return rows
    .filter((r) => r.alive)
    .map((r) => ({
      familyId: r.familyId,
      enrolledAt: new Date(r.enrolledAt),
      lastUsedAt: new Date(r.lastUsedAt),
    }))
    .sort((a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime());
}

/** Signs one phone out (a lost one): its session family ends; the person's other phones stay in. */
export async function revokePhone(
  db: Queryable,
  input: { allianceId: string; subjectId: string; familyId: string },
  clock: Clock,
): Promise<boolean> {
  const ended = await db
    .update(refreshTokens)
    .set({ revokedAt: clock.now() })
    .where(
      and(
        eq(refreshTokens.allianceId, input.allianceId),
        eq(refreshTokens.subjectId, input.subjectId),
        eq(refreshTokens.familyId, input.familyId),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .returning({ hash: refreshTokens.tokenHash });
  return ended.length > 0;
}
