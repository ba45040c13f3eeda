/**
 * The voucher test vectors, typed for the tests. tests/vouchers/vectors/voucher-v1.json is a copy,
 * byte for byte, of the design folder's vectors/voucher-v1.json (made by an independent
 * implementation); the repository keeps its own so that a clone anywhere passes `npm test`.
 */
import { readFileSync } from 'node:fs';
import type { PublishedJwk } from '../../shared/jwks.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import type { Voucher } from '../../shared/voucher.ts';

export interface VoucherVectors {
  keys: { seed: string; publicKey: string; jwk: PublishedJwk; kid: string; kid4: string }[];
  jwks: { keys: PublishedJwk[] };
  base10: { bytes: string; digits: string }[];
  valid: { name: string; text: string; now: number; skew: number; expect: Voucher }[];
  invalid: { name: string; text: string; now: number; skew: number; error: string }[];
  device: { seed: string; publicKey: string };
  records: { record: RedemptionRecord; signedText?: string; valid: boolean; why?: string }[];
}

export const vectorsUrl = new URL('./vectors/voucher-v1.json', import.meta.url);
export const vectors: VoucherVectors = JSON.parse(readFileSync(vectorsUrl, 'utf8'));
