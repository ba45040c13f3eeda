/**
 * Photos a console form carries with what it files (a claim at the counter, a deduction, a check
 * at the door): their fingerprints for the request's idempotency hash, and storing them as the
 * staff member's evidence inside the use case's transaction, so a refused action keeps none.
 */
import { createHash } from 'node:crypto';
import type { StaffPrincipal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import { storeEvidence } from '../earning/evidence.ts';

export const photoFingerprint = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Stores one photo as the actor's upload; answers its evidence id. */
export async function storeFormPhoto(
  tx: Tx,
  actor: StaffPrincipal,
  bytes: Uint8Array,
  clock: Clock,
): Promise<string> {
  const uploader = { allianceId: actor.allianceId, id: actor.subjectId, role: actor.role };
  return (await storeEvidence(tx, uploader, bytes, clock)).id;
}

/** Stores every photo, in order; answers their evidence ids. */
export async function storeFormPhotos(
  tx: Tx,
  actor: StaffPrincipal,
  photos: Uint8Array[],
  clock: Clock,
): Promise<string[]> {
  const ids: string[] = [];
  for (const bytes of photos) ids.push(await storeFormPhoto(tx, actor, bytes, clock));
  return ids;
}
