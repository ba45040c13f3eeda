/**
 * The public screen (一屏公示), as both front doors ask for it: the coordinator (the `screens`
 * right) makes, lists and revokes screen links, each change in one transaction with its audit
 * entry; the television reads the screen's data and the photos of the deeds it shows with the
 * link's token alone (no sign-in), which also records when the screen was last seen.
 */

import type { ScreenData, ScreenLinkView } from '../../shared/api/screen.ts';
import type { Principal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { screenData, screenPhoto } from '../screen/data.ts';
import {
  createScreenLink,
  resolveScreenToken,
  revokeScreenLink,
  type ScreenLink,
  screenKey,
  screenLinksOf,
  screenPath,
  screenToken,
} from '../screen/links.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import type { ScreenLinkBody } from './inputs.ts';

function view(ctx: AppContext, link: ScreenLink, origin: string): ScreenLinkView {
  const token = link.revokedAt ? null : screenToken(screenKey(ctx.masterKey), link.id);
  return {
    id: link.id,
    name: link.name,
    community: link.community,
    createdAt: link.createdAt.toISOString(),
    lastSeenAt: link.lastSeenAt?.toISOString() ?? null,
    revokedAt: link.revokedAt?.toISOString() ?? null,
    url: token ? `${origin}${screenPath(token)}` : null,
    token,
  };
}

export async function createScreen(
  ctx: AppContext,
  actor: Principal,
  input: ScreenLinkBody,
  origin: string,
): Promise<ScreenLinkView> {
  requireRight(actor, 'screens');
  const { link } = await inTransaction(ctx, async (tx) => {
    const made = await createScreenLink(tx, screenKey(ctx.masterKey), {
      allianceId: actor.allianceId,
      name: input.name,
      community: input.community ?? null,
      createdBy: actor.subjectId,
      at: ctx.clock.now(),
    });
    await audit(tx, actor, 'screen.create', made.link.id, {
      name: input.name,
      community: input.community ?? null,
    });
    return made;
  });
  return view(ctx, link, origin);
}

export async function listScreens(ctx: AppContext, actor: Principal, origin: string) {
  requireRight(actor, 'screens');
  return (await screenLinksOf(ctx.db, actor.allianceId)).map((l) => view(ctx, l, origin));
}

export async function revokeScreen(
  ctx: AppContext,
  actor: Principal,
  id: string,
  origin: string,
): Promise<ScreenLinkView> {
  requireRight(actor, 'screens');
  const link = await inTransaction(ctx, async (tx) => {
    const revoked = await revokeScreenLink(tx, {
      allianceId: actor.allianceId,
      id,
      by: actor.subjectId,
      at: ctx.clock.now(),
    });
    await audit(tx, actor, 'screen.revoke', id, { name: revoked.name });
    return revoked;
  });
  return view(ctx, link, origin);
}

/** The screen's data, for whoever holds a live link's token. */
export async function readScreen(ctx: AppContext, token: string): Promise<ScreenData> {
  const now = ctx.clock.now();
  const link = await resolveScreenToken(ctx.db, token, now);
  return screenData(ctx.db, { link, token, now });
}

/** One photo of a deed the screen shows, for whoever holds a live link's token. */
export async function readScreenPhoto(ctx: AppContext, token: string, photoId: string) {
  const link = await resolveScreenToken(ctx.db, token, ctx.clock.now());
  return screenPhoto(ctx.db, link, photoId);
}
