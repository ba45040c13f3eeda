/**
 * Evidence: the photos behind a claim or a deduction, kept in the database (one backup holds
 * everything; every API instance sees the same files) and served only to the person who
 * uploaded them, the claimant, and staff with the right. The type is sniffed from the bytes —
 * JPEG, PNG or WebP — never taken from the name or the header; at most 1 MiB (the apps scale
 * photos to about 300 KB first). Photos of decided claims are pruned after the retention period,
 * leaving the row and a note that the photo was removed.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { claims, deductions, evidence } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export const MAX_EVIDENCE_BYTES = 1024 * 1024;

/** The image type its first bytes say, or undefined when it is none of the three. */
export function sniffImage(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | undefined {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP')
    return 'image/webp';
  return undefined;
}

export interface Uploader {
  allianceId: string;
  id: string;
  /** `goods`: a good's photo, `id` the good's (goods photos are stored here too). */
  role: 'resident' | 'coordinator' | 'staff' | 'goods';
}

export async function storeEvidence(db: Queryable, uploader: Uploader, bytes: Uint8Array, clock: Clock) {
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    throw new AppError('evidence_too_large', {
      detail: `A photo may be at most ${MAX_EVIDENCE_BYTES} bytes; this one is ${bytes.length}.`,
    });
  }
  const contentType = sniffImage(bytes);
  if (!contentType) throw new AppError('unsupported_image', { detail: 'Send a JPEG, PNG or WebP photo.' });
  const [row] = await db
    .insert(evidence)
    .values({
      allianceId: uploader.allianceId,
      uploadedBy: uploader.id,
      uploaderRole: uploader.role,
      contentType,
      bytes,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: clock.now(),
    })
    .returning({ id: evidence.id });
  return { id: row!.id };
}

/**
 * Attaches uploaded photos to a claim or a deduction: each must be this uploader's, in this
 * alliance, and not attached to anything yet. Refused whole otherwise (nothing attached).
 */
export async function attachEvidence(
  db: Queryable,
  input: { allianceId: string; uploaderId: string; ids: string[]; claimId?: string; deductionId?: string },
): Promise<void> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return;
  const attached = await db
    .update(evidence)
    .set(input.claimId ? { claimId: input.claimId } : { deductionId: input.deductionId! })
    .where(
      and(
        inArray(evidence.id, ids),
        eq(evidence.allianceId, input.allianceId),
        eq(evidence.uploadedBy, input.uploaderId),
        isNull(evidence.claimId),
        isNull(evidence.deductionId),
      ),
    )
    .returning({ id: evidence.id });
  if (attached.length !== ids.length) {
    throw new AppError('evidence_not_found', {
      detail: 'A photo id is unknown, not yours, or already used.',
    });
  }
}

/** The photos of claims and deductions, by what they belong to, in upload order. */
export async function evidenceOf(db: Queryable, input: { claimIds?: string[]; deductionIds?: string[] }) {
  const conditions = [
    input.claimIds?.length ? inArray(evidence.claimId, input.claimIds) : undefined,
    input.deductionIds?.length ? inArray(evidence.deductionId, input.deductionIds) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  return db
    .select({
      id: evidence.id,
      claimId: evidence.claimId,
      deductionId: evidence.deductionId,
      removedAt: evidence.removedAt,
    })
    .from(evidence)
    .where(or(...conditions))
    .orderBy(evidence.createdAt);
}

/** One photo's bytes with what is needed to decide who may see it. */
export async function evidenceFile(db: Queryable, allianceId: string, id: string) {
  const [row] = await db
    .select({
      id: evidence.id,
      contentType: evidence.contentType,
      bytes: evidence.bytes,
      uploadedBy: evidence.uploadedBy,
      removedAt: evidence.removedAt,
      claimResidentId: claims.residentId,
      claimPublic: sql<boolean>`${claims.public} and ${claims.status} = 'approved' and ${claims.hiddenAt} is null`,
      deductionResidentId: deductions.residentId,
      deductionHouseholdId: deductions.householdId,
    })
    .from(evidence)
    .leftJoin(claims, eq(claims.id, evidence.claimId))
    .leftJoin(deductions, eq(deductions.id, evidence.deductionId))
    .where(and(eq(evidence.id, id), eq(evidence.allianceId, allianceId)));
  return row;
}

/** Drops one file's bytes (a good's photo that was replaced), leaving the row and when. */
export async function removeEvidenceFile(db: Queryable, allianceId: string, id: string, clock: Clock) {
  await db
    .update(evidence)
    .set({ bytes: null, removedAt: clock.now() })
    .where(and(eq(evidence.id, id), eq(evidence.allianceId, allianceId)));
}

/**
 * Removes the photos of claims decided (and deductions recorded) before `before`: the bytes go,
 * the row stays with `removedAt`. Answers how many were removed.
 */
export async function pruneEvidence(
  db: Queryable,
  input: { allianceId: string; before: Date },
  clock: Clock,
) {
  const decidedClaims = db
    .select({ id: claims.id })
    .from(claims)
    .where(
      and(
        eq(claims.allianceId, input.allianceId),
        inArray(claims.status, ['approved', 'refused']),
        isNotNull(claims.decidedAt),
        lt(claims.decidedAt, input.before),
      ),
    );
  const oldDeductions = db
    .select({ id: deductions.id })
    .from(deductions)
    .where(
      and(
        eq(deductions.allianceId, input.allianceId),
        lt(deductions.createdAt, input.before),
        inArray(deductions.appeal, ['none', 'upheld', 'rejected']),
      ),
    );
  const removed = await db
    .update(evidence)
    .set({ bytes: null, removedAt: clock.now() })
    .where(
      and(
        eq(evidence.allianceId, input.allianceId),
        isNull(evidence.removedAt),
        or(inArray(evidence.claimId, decidedClaims), inArray(evidence.deductionId, oldDeductions)),
      ),
    )
    .returning({ id: evidence.id });
  return { removed: removed.length };
}
