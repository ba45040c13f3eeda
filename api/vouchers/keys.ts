/**
 * The alliance's voucher signing keys: creating the first, rotating, choosing the one that signs
 * now, and publishing the public halves.
 *
 * Promises: exactly one key signs at any instant; a new key is published `leadSeconds` before it
 * signs, so merchant devices (which verify offline with a cached JWKS) have fetched it first; a
 * replaced key stops signing when its successor starts (its JWK `exp`) and stays published until
 * every voucher it signed is past its capture window (exp + ttl + skew + capture window). Key
 * times are whole seconds so the JWK windows and the vouchers' issuedAt agree exactly.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { fromBase64url, toBase64url } from '../../shared/bytes.ts';
import {
  buildKeyIndex,
  type KeyIndex,
  type PublishedJwk,
  toPublishedJwk,
  type VoucherKey,
  voucherKey,
} from '../../shared/jwks.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { alliances, signingKeys } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { ed25519Node } from './ed25519-node.ts';
import { openSigningSeed, sealSigningSeed } from './master-key.ts';

/** Default time between publishing a key and signing with it: a day of offline devices. */
export const DEFAULT_PUBLISH_LEAD_SECONDS = 24 * 3600;

type SigningKeyRow = typeof signingKeys.$inferSelect;

/** A key that can sign: its secret seed decrypted, for the issuing code only. */
export interface AllianceSigningKey {
  id: string;
  kid: string;
  kid4: string;
  publicKey: Uint8Array;
  seed: Uint8Array;
  /** Unix seconds: the issuedAt range it may sign, [nbf, exp). */
  nbf: number;
  exp: number | null;
}

export type KeyState = 'pending' | 'active' | 'retiring' | 'retired';

export interface KeySummary {
  kid: string;
  kid4: string;
  state: KeyState;
  activatesAt: Date;
  exp: Date | null;
  retiredAt: Date | null;
  createdAt: Date;
}

const wholeSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

function stateAt(row: SigningKeyRow, now: Date): KeyState {
  if (row.retiredAt && row.retiredAt <= now) return 'retired';
  if (row.exp && row.exp <= now) return 'retiring';
  return row.activatesAt <= now ? 'active' : 'pending';
}

export function summarize(row: SigningKeyRow, now: Date): KeySummary {
  const { kid, kid4, activatesAt, exp, retiredAt, createdAt } = row;
  return { kid, kid4, state: stateAt(row, now), activatesAt, exp, retiredAt, createdAt };
}

/** Serialises key changes per alliance across API instances (a no-op wait on PGlite). */
async function lockAllianceKeys(tx: Queryable, allianceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signing_keys:${allianceId}`}))`);
}

function activeCondition(allianceId: string, now: Date) {
  return and(
    eq(signingKeys.allianceId, allianceId),
    lte(signingKeys.activatesAt, now),
    or(isNull(signingKeys.exp), gt(signingKeys.exp, now)),
  );
}

async function activeRow(db: Queryable, allianceId: string, now: Date): Promise<SigningKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(activeCondition(allianceId, now))
    .orderBy(desc(signingKeys.activatesAt))
    .limit(1);
  return row;
}

function unlock(row: SigningKeyRow, masterKey: Uint8Array): AllianceSigningKey {
  return {
    id: row.id,
    kid: row.kid,
    kid4: row.kid4,
    publicKey: fromBase64url(row.publicKey),
    seed: openSigningSeed(masterKey, row.kid, row.privateKeyEncrypted),
    nbf: unix(row.nbf),
    exp: row.exp ? unix(row.exp) : null,
  };
}

/** A fresh key whose 4 kid bytes differ from every key still in use, so lookups stay single. */
async function newKeyRow(db: Queryable, allianceId: string, masterKey: Uint8Array, activatesAt: Date) {
  const taken = new Set(
    (
      await db
        .select({ kid4: signingKeys.kid4 })
        .from(signingKeys)
        .where(eq(signingKeys.allianceId, allianceId))
    ).map((r) => r.kid4),
  );
  for (;;) {
    const seed = randomBytes(32);
    const key = voucherKey(ed25519Node.publicKeyOf!(seed));
    const kid4 = key.kid4.toString(16).padStart(8, '0');
    if (taken.has(kid4)) continue;
    const [row] = await db
      .insert(signingKeys)
      .values({
        allianceId,
        kid: key.kid,
        kid4,
        publicKey: toBase64url(key.publicKey),
        privateKeyEncrypted: sealSigningSeed(masterKey, key.kid, seed),
        nbf: activatesAt,
        activatesAt,
      })
      .returning();
    return row!;
  }
}

/** The key that signs now, creating the alliance's first key (active at once) if none does. */
export async function ensureSigningKey(
  db: Queryable,
  allianceId: string,
  masterKey: Uint8Array,
  clock: Clock,
): Promise<AllianceSigningKey> {
  const row = await db.transaction(async (tx) => {
    await lockAllianceKeys(tx, allianceId);
    const now = clock.now();
    return (
      (await activeRow(tx, allianceId, now)) ?? (await newKeyRow(tx, allianceId, masterKey, wholeSecond(now)))
    );
  });
  return unlock(row, masterKey);
}

/** The key that signs now; `no_signing_key` if there is none (run ensureSigningKey at start-up). */
export async function currentSigningKey(
  db: Queryable,
  allianceId: string,
  masterKey: Uint8Array,
  clock: Clock,
): Promise<AllianceSigningKey> {
  const row = await activeRow(db, allianceId, clock.now());
  if (!row) {
    throw new AppError('no_signing_key', {
      message: `alliance ${allianceId} has no active voucher signing key`,
      detail: 'Vouchers cannot be issued right now. Ask the coordinator to check the signing keys.',
    });
  }
  return unlock(row, masterKey);
}

/** A key of the alliance by its kid (to sign an open voucher again exactly as it was), or undefined. */
export async function signingKeyByKid(
  db: Queryable,
  allianceId: string,
  kid: string,
  masterKey: Uint8Array,
): Promise<AllianceSigningKey | undefined> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.allianceId, allianceId), eq(signingKeys.kid, kid)));
  return row ? unlock(row, masterKey) : undefined;
}

async function retentionSeconds(db: Queryable, allianceId: string): Promise<number> {
  const [alliance] = await db
    .select({
      ttl: alliances.voucherTtlSeconds,
      skew: alliances.skewSeconds,
      window: alliances.captureWindowSeconds,
    })
    .from(alliances)
    .where(eq(alliances.id, allianceId));
  if (!alliance) {
    throw new AppError('not_found', { detail: 'No such alliance.', message: allianceId });
  }
  return alliance.ttl + alliance.skew + alliance.window;
}

export interface RotationResult {
  /** The key that will sign from `activatesAt`. */
  next: KeySummary;
  /** Keys that stop signing then, with the time they leave the JWKS. */
  replaced: KeySummary[];
  /** False when a rotation was already scheduled and is returned unchanged. */
  created: boolean;
}

/**
 * Publishes a new key now that signs from now + leadSeconds (at once when no key signs yet),
 * and schedules the end of every key signing before it. A second call while a rotation is
 * pending changes nothing.
 */
export async function rotateKeys(
  db: Queryable,
  allianceId: string,
  masterKey: Uint8Array,
  clock: Clock,
  options: { leadSeconds?: number } = {},
): Promise<RotationResult> {
  const lead = options.leadSeconds ?? DEFAULT_PUBLISH_LEAD_SECONDS;
  if (!Number.isInteger(lead) || lead < 0) throw new RangeError('leadSeconds must be a whole number ≥ 0');
  return db.transaction(async (tx) => {
    await lockAllianceKeys(tx, allianceId);
    const now = clock.now();
    const retention = await retentionSeconds(tx, allianceId);
    const [pending] = await tx
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.allianceId, allianceId), gt(signingKeys.activatesAt, now)));
    if (pending) return { next: summarize(pending, now), replaced: [], created: false };
    // With no key signing yet, no verifier can be caught out: the first key starts at once.
    const effectiveLead = (await activeRow(tx, allianceId, now)) ? lead : 0;
    const activatesAt = new Date(wholeSecond(now).getTime() + effectiveLead * 1000);
    const next = await newKeyRow(tx, allianceId, masterKey, activatesAt);
    const replaced = await tx
      .update(signingKeys)
      .set({ exp: activatesAt, retiredAt: new Date(activatesAt.getTime() + retention * 1000) })
      .where(
        and(
          eq(signingKeys.allianceId, allianceId),
          isNull(signingKeys.exp),
          sql`${signingKeys.id} <> ${next.id}`,
        ),
      )
      .returning();
    return { next: summarize(next, now), replaced: replaced.map((r) => summarize(r, now)), created: true };
  });
}

export async function listKeys(db: Queryable, allianceId: string, clock: Clock): Promise<KeySummary[]> {
  const now = clock.now();
  const all = await db
    .select()
    .from(signingKeys)
    .where(eq(signingKeys.allianceId, allianceId))
    .orderBy(asc(signingKeys.activatesAt));
  return all.map((r) => summarize(r, now));
}

function toVoucherKey(row: SigningKeyRow): VoucherKey {
  return voucherKey(fromBase64url(row.publicKey), {
    nbf: unix(row.nbf),
    ...(row.exp && { exp: unix(row.exp) }),
  });
}

/** What /.well-known/jwks.json serves: every key not yet retired, pending ones included. */
export async function publishedJwks(
  db: Queryable,
  allianceId: string,
  clock: Clock,
): Promise<{ keys: PublishedJwk[] }> {
  const now = clock.now();
  const published = await db
    .select()
    .from(signingKeys)
    .where(
      and(
        eq(signingKeys.allianceId, allianceId),
        or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, now)),
      ),
    )
    .orderBy(asc(signingKeys.activatesAt));
  return { keys: published.map((r) => toPublishedJwk(toVoucherKey(r))) };
}

/**
 * Every key the alliance ever had, retired ones included: the API honours records that sync
 * after a key left the JWKS (a late capture may still be covered by the free balance).
 */
export async function verificationKeyIndex(db: Queryable, allianceId: string): Promise<KeyIndex> {
  const all = await db.select().from(signingKeys).where(eq(signingKeys.allianceId, allianceId));
  return buildKeyIndex(all.map(toVoucherKey));
}
