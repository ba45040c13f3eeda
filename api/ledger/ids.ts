/**
 * Ids of the transfers the ledger makes on its own (hold, capture, release, expire, settle…),
 * derived from what they belong to. Two attempts at the same step derive the same id, so the
 * transfers' primary key turns any replay or race into a refusal instead of a second posting.
 */
import { createHash } from 'node:crypto';

export function derivedId(...parts: string[]): string {
  const h = createHash('sha256')
    .update(['alliance-ledger-v1', ...parts].join('\n'))
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50; // version 5-style (name-based)
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
