/**
 * The public good-deeds feed (好人好事): approved claims the resident chose to show, newest
 * first, names masked (王*兰), with their photos; one 点赞 per resident per deed; staff may hide an
 * item. No comments.
 */
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { maskName } from '../../shared/text.ts';
import type { Queryable } from '../db/client.ts';
import { claims, goodDeedLikes, residents, ruleVersions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

const shown = (allianceId: string) =>
  and(
    eq(claims.allianceId, allianceId),
    eq(claims.public, true),
    eq(claims.status, 'approved'),
    isNull(claims.hiddenAt),
  );

export async function publicFeed(
  db: Queryable,
  input: { allianceId: string; viewerId?: string; before?: Date; limit: number },
) {
  const rows = await db
    .select({
      claim: claims,
      name: residents.name,
      titleZh: ruleVersions.titleZh,
      titleEn: ruleVersions.titleEn,
      likes: sql<number>`(select count(*) from ${goodDeedLikes} l where l.claim_id = ${claims.id})`,
      likedByMe: input.viewerId
        ? sql<boolean>`exists (select 1 from ${goodDeedLikes} l where l.claim_id = ${claims.id} and l.resident_id = ${input.viewerId})`
        : sql<boolean>`false`,
    })
    .from(claims)
    .innerJoin(residents, eq(residents.id, claims.residentId))
    .innerJoin(ruleVersions, eq(ruleVersions.id, claims.ruleVersionId))
    .where(and(shown(input.allianceId), input.before ? lt(claims.decidedAt, input.before) : undefined))
    .orderBy(desc(claims.decidedAt))
    .limit(input.limit);
  return rows.map((r) => ({
    ...r,
    name: maskName(r.name),
    likes: Number(r.likes),
    likedByMe: Boolean(r.likedByMe),
  }));
}

/** One 点赞 per resident per deed; liking again changes nothing. */
export async function likeDeed(
  db: Queryable,
  input: { allianceId: string; claimId: string; residentId: string },
) {
  const [deed] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.id, input.claimId), shown(input.allianceId)));
  if (!deed) throw new AppError('claim_not_found', { detail: 'No such good deed in the feed.' });
  await db
    .insert(goodDeedLikes)
    .values({ claimId: input.claimId, residentId: input.residentId })
    .onConflictDoNothing();
}

/** Staff take an item out of the feed (the claim and its points stay). */
export async function hideDeed(db: Queryable, input: { allianceId: string; claimId: string; at: Date }) {
  const [hidden] = await db
    .update(claims)
    .set({ hiddenAt: input.at })
    .where(and(eq(claims.id, input.claimId), eq(claims.allianceId, input.allianceId)))
    .returning({ id: claims.id });
  if (!hidden) throw new AppError('claim_not_found');
}
