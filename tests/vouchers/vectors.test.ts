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
  signRedemptionRecord,
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

describe('JWKS parsing', () => {
  const [k1, k2] = vectors.jwks.keys;

  it('skips keys that are not Ed25519 signing keys', () => {
    const rsa = { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'other' };
    const enc = { ...k2, use: 'enc' };
    expect(parseJwks({ keys: [rsa, k1, enc] }).map((k) => k.kid)).toEqual([k1!.kid]);
  });

  it('refuses a key whose kid is not its thumbprint', () => {
    expect(() => parseJwks({ keys: [{ ...k1, kid: k2!.kid }] })).toThrow(/thumbprint/);
  });
});

describe('redemption record schema', () => {
  const { record } = vectors.records[0]!;

  it('refuses a line break in any text field, so signing texts stay unambiguous', () => {
    for (const field of ['voucher', 'offerId', 'deviceId'] as const) {
      expect(RedemptionRecord.safeParse({ ...record, [field]: 'a\nb' }).success, field).toBe(false);
    }
  });

  it('refuses fractional or negative numbers', () => {
    expect(RedemptionRecord.safeParse({ ...record, points: 1.5 }).success).toBe(false);
    expect(RedemptionRecord.safeParse({ ...record, billFen: -1 }).success).toBe(false);
    expect(RedemptionRecord.safeParse({ ...record, seq: 0 }).success).toBe(false);
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

  it.each(vectors.records.filter((r) => r.valid))(
    'signing record seq $record.seq reproduces its sig',
    ({ record }) => {
      const { sig, ...unsigned } = record;
      expect(signRedemptionRecord(unsigned, fromHex(vectors.device.seed), primitive).sig).toBe(sig);
    },
  );

  it.each(vectors.records)('record seq $record.seq verifies: $valid $why', ({ record, valid }) => {
    const parsed = RedemptionRecord.parse(record);
    expect(verifyRedemptionRecord(parsed, devicePublicKey, primitive)).toBe(valid);
  });
});
