/**
 * Screen links (一屏公示, issue #17): the link the coordinator makes to open the public screen on a
 * television without a sign-in. Its token is an HMAC of the link's id under a key derived from
 * the app's master key, so the console can show the same link again; only the token's SHA-256 is
 * stored, and a token is found by that hash. Revoking a link ends it for good: its token then
 * answers `screen_link_revoked`, an unknown one `screen_link_not_found` (both 404, so a screen
 * tells no more than "stopped").
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/client.ts';
import { screenLinks } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export type ScreenLink = typeof screenLinks.$inferSelect;

/** 32 bytes of HMAC-SHA256 in base64url. */
export const SCREEN_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The key screen tokens are made with, derived from the app's master key. */
export const screenKey = (masterKey: Uint8Array): Uint8Array =>
  new Uint8Array(createHmac('sha256', masterKey).update('screen-link-v1').digest());

export const screenToken = (key: Uint8Array, id: string): string =>
  createHmac('sha256', key).update(`screen-link-v1:${id}`).digest().toString('base64url');

export const screenTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The path the screen's page opens at: the token rides in the fragment, never in access logs. */
export const screenPath = (token: string) => `/screen/#${token}`;

export async function createScreenLink(
  tx: Tx,
  key: Uint8Array,
  input: { allianceId: string; name: string; community: string | null; createdBy: string; at: Date },
): Promise<{ link: ScreenLink; token: string }> {
  const id = randomUUID();
  const token = screenToken(key, id);
  const [link] = await tx
    .insert(screenLinks)
    .values({
      id,
      allianceId: input.allianceId,
      name: input.name,
      community: input.community,
      tokenHash: screenTokenHash(token),
      createdBy: input.createdBy,
      createdAt: input.at,
    })
    .returning();
  return { link: link!, token };
}

/** The alliance's links, the newest first, revoked ones too. */
export function screenLinksOf(db: Queryable, allianceId: string): Promise<ScreenLink[]> {
  return db
    .select()
    .from(screenLinks)
    .where(eq(screenLinks.allianceId, allianceId))
    .orderBy(desc(screenLinks.createdAt));
}

/** Ends a link; revoking a revoked link changes nothing and answers it as it is. */
export async function revokeScreenLink(
  tx: Tx,
  input: { allianceId: string; id: string; by: string; at: Date },
): Promise<ScreenLink> {
  const [revoked] = await tx
    .update(screenLinks)
    .set({ revokedAt: input.at, revokedBy: input.by })
    .where(
      and(
        eq(screenLinks.id, input.id),
        eq(screenLinks.allianceId, input.allianceId),
        isNull(screenLinks.revokedAt),
      ),
    )
    .returning();
  if (revoked) return revoked;
  const [found] = await tx
    .select()
    .from(screenLinks)
    .where(and(eq(screenLinks.id, input.id), eq(screenLinks.allianceId, input.allianceId)));
  if (!found)
    throw new AppError('screen_link_not_found', { detail: 'No such screen link in your alliance.' });
  return found;
}

/**
 * The live link a token opens, its last-seen time set to `at`; an unknown token or one of a
 * revoked link is refused.
 */
export async function resolveScreenToken(db: Queryable, token: string, at: Date): Promise<ScreenLink> {
  const [link] = SCREEN_TOKEN.test(token)
    ? await db
        .select()
        .from(screenLinks)
        .where(eq(screenLinks.tokenHash, screenTokenHash(token)))
    : [];
  if (!link) throw new AppError('screen_link_not_found', { detail: 'No screen link has this token.' });
  if (link.revokedAt) throw new AppError('screen_link_revoked', { detail: 'This screen link was revoked.' });
  await db.update(screenLinks).set({ lastSeenAt: at }).where(eq(screenLinks.id, link.id));
  return { ...link, lastSeenAt: at };
}
