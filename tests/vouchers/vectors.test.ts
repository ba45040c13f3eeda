import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { decodeBase10, encodeBase10 } from '../../shared/base10.ts';
import { fromBase64url, fromHex, toHex } from '../../shared/bytes.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { isVoucherError } from '../../shared/errors.ts';
import { jwkThumbprint, keyIndexFromJwks, parseJwks } from '../../shared/jwks.ts';
import {
  RedemptionRecord,
  redemptionSigningText,
  verifyRedemptionRecord,
} from '../../shared/redemption-record.ts';
import { decodeVoucher, verifyVoucher } from '../../shared/voucher.ts';
import { vectors } from './vectors.ts';

const primitives = [ed25519Noble, ed25519Node];
const keys = keyIndexFromJwks(vectors.jwks);

describe('Base10-56 samples', () => {
  it.each(vectors.base10)('$bytes ⇄ "$digits"', ({ bytes, digits }) => {
    expect(encodeBase10(fromHex(bytes))).toBe(digits);
    expect(toHex(decodeBase10(digits))).toBe(bytes);
  });
});

describe('keys', () => {
  it.each(vectors.keys)('kid $kid is the RFC 7638 thumbprint of its public key', async (k) => {
    expect(jwkThumbprint(fromHex(k.publicKey))).toBe(k.kid);
    expect(await calculateJwkThumbprint(k.jwk, 'sha256')).toBe(k.kid);
    expect(toHex(fromBase64url(k.kid).subarray(0, 4))).toBe(k.kid4);
    expect(toHex(fromBase64url(k.jwk.x))).toBe(k.publicKey);
  });

  it.each(primitives)('$name derives each public key from its seed', (primitive) => {
    for (const k of vectors.keys) expect(toHex(primitive.publicKeyOf!(fromHex(k.seed)))).toBe(k.publicKey);
  });

  it('the JWKS parses with each key window', () => {
    const parsed = parseJwks(vectors.jwks);
    expect(parsed.map((k) => [k.kid, k.nbf, k.exp])).toEqual(
      vectors.jwks.keys.map((k) => [k.kid, k.nbf, k.exp]),
    );
  });
});

describe.each(primitives)('vouchers with the $name primitive', (primitive) => {
  it.each(vectors.valid)('$name verifies to its fields', ({ text, now, skew, expect: fields }) => {
    const result = verifyVoucher(text, { keys, primitive, now, skew });
    expect(result).toMatchObject({ ok: true, voucher: fields });
  });

  it.each(vectors.invalid)('$name is refused as $error', ({ text, now, skew, error }) => {
    expect(verifyVoucher(text, { keys, primitive, now, skew })).toEqual({ ok: false, error });
  });
});

describe('decodeVoucher', () => {
  it.each(vectors.valid)('$name decodes to its fields', ({ text, expect: fields }) => {
    expect(decodeVoucher(text).voucher).toEqual(fields);
  });

  const codecErrors = ['malformed', 'unsupported_version'];
  it.each(vectors.invalid.filter((c) => codecErrors.includes(c.error)))(
    '$name throws VoucherError $error',
    ({ text, error }) => {
      let thrown: unknown;
      try {
        decodeVoucher(text);
      } catch (e) {
        thrown = e;
      }
      expect(isVoucherError(thrown) && thrown.code).toBe(error);
    },
  );
});

describe.each(primitives)('redemption records with the $name primitive', (primitive) => {
  const devicePublicKey = fromHex(vectors.device.publicKey);

  const signed = vectors.records.filter((r) => r.signedText !== undefined);
  it.each(signed)('record seq $record.seq has the exact signing text', ({ record, signedText }) => {
    expect(redemptionSigningText(RedemptionRecord.parse(record))).toBe(signedText);
  });

  it.each(vectors.records)('record seq $record.seq verifies: $valid $why', ({ record, valid }) => {
    const parsed = RedemptionRecord.parse(record);
    expect(verifyRedemptionRecord(parsed, devicePublicKey, primitive)).toBe(valid);
  });
});
