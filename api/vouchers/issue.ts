/**
 * Signing vouchers with the alliance key (the hold and the ledger around it live elsewhere).
 * Promises: a voucher this returns verifies against the published JWKS, since its issuedAt
 * lies inside the key's window, and its id is 96 bits from the CSPRNG.
 */
import { randomBytes } from 'node:crypto';
import { toHex } from '../../shared/bytes.ts';
import { signVoucher as signVoucherWith, type Voucher } from '../../shared/voucher.ts';
import { ed25519Node } from './ed25519-node.ts';
import type { AllianceSigningKey } from './keys.ts';

export const newVoucherId = (): string => toHex(randomBytes(12));

export interface VoucherToSign {
  key: Pick<AllianceSigningKey, 'kid' | 'seed' | 'nbf' | 'exp'>;
  /** 24 lowercase hex; a fresh random id when omitted. */
  voucherId?: string;
  capPoints: number;
  /** Unix seconds, from the server clock. */
  issuedAt: number;
  ttlSeconds: number;
  /** 0 for any merchant of the alliance, else the one merchant number. */
  merchantScope: number;
}

export interface IssuedVoucher {
  /** The "95…" digits the QR code carries. */
  text: string;
  bytes: Uint8Array;
  fields: Voucher;
}

export function signVoucher(input: VoucherToSign): IssuedVoucher {
  const { key } = input;
  if (input.issuedAt < key.nbf || (key.exp !== null && input.issuedAt >= key.exp)) {
    throw new RangeError(`key ${key.kid} does not sign vouchers issued at ${input.issuedAt}`);
  }
  const signed = signVoucherWith(
    {
      kid: key.kid,
      voucherId: input.voucherId ?? newVoucherId(),
      capPoints: input.capPoints,
      issuedAt: input.issuedAt,
      ttlSeconds: input.ttlSeconds,
      merchantScope: input.merchantScope,
    },
    key.seed,
    ed25519Node,
  );
  return { text: signed.text, bytes: signed.bytes, fields: signed.voucher };
}
