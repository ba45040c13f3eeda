import { createPublicKey, verify as cryptoVerify, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { signVoucher as issueVoucher } from '../../api/vouchers/issue.ts';
import { decodeBase10, encodeBase10 } from '../../shared/base10.ts';
import { fromHex } from '../../shared/bytes.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { isVoucherError } from '../../shared/errors.ts';
import { buildKeyIndex, keyIndexFromJwks, voucherKey } from '../../shared/jwks.ts';
import {
  decodeVoucher,
  encodeVoucher,
  signVoucher,
  VOUCHER_SIGNATURE_DOMAIN,
  verifyVoucher,
  voucherSigningMessage,
} from '../../shared/voucher.ts';
import { VOUCHER_QR_VERSION, voucherQrSegments } from '../../shared/voucher-qr.ts';
import { vectors } from './vectors.ts';

const primitives = [ed25519Noble, ed25519Node];
const jwksKeys = keyIndexFromJwks(vectors.jwks);
const valid0 = vectors.valid[0]!;

/** Throws whatever `f` throws, or returns undefined. */
function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

const fieldsArb = fc.record({
  voucherId: fc.uint8Array({ minLength: 12, maxLength: 12 }).map((b) => Buffer.from(b).toString('hex')),
  capPoints: fc.integer({ min: 1, max: 0xffffffff }),
  issuedAt: fc.integer({ min: 0, max: 0xffffffff - 0xffff - 120 }),
  ttlSeconds: fc.integer({ min: 1, max: 0xffff }),
  merchantScope: fc.integer({ min: 0, max: 0xffffffff }),
});

describe('Base10-56', () => {
  it('round-trips any byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        expect(decodeBase10(encodeBase10(bytes))).toEqual(bytes);
      }),
    );
  });

  it('random strings never make the decoder throw anything but VoucherError', () => {
    const texts = fc.oneof(fc.string({ maxLength: 300 }), fc.stringMatching(/^[0-9]{0,260}$/));
    fc.assert(
      fc.property(texts, (text) => {
        const e = thrownBy(() => decodeBase10(text));
        expect(e === undefined || (isVoucherError(e) && e.code === 'malformed')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a 17-digit group of exactly 2^56 and accepts 2^56 − 1', () => {
    expect(() => decodeBase10('72057594037927936')).toThrow(/Base10-56/);
    expect(decodeBase10('72057594037927935')).toEqual(new Uint8Array(7).fill(255));
  });
});

describe('voucher decoding', () => {
  it('random and digit-only texts never make decodeVoucher throw anything but VoucherError', () => {
    const digits = fc.stringMatching(/^95[0-9]{0,250}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), digits), (text) => {
        const e = thrownBy(() => decodeVoucher(text));
        expect(e === undefined || isVoucherError(e)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('verifyVoucher answers every random text with a result, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.stringMatching(/^95[0-9]{234}$/)), (text) => {
        const result = verifyVoucher(text, { keys: jwksKeys, primitive: ed25519Node, now: valid0.now });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe.each(primitives)('every single-bit flip of a valid voucher is refused ($name)', (primitive) => {
  const { bytes } = decodeVoucher(valid0.text);
  it(`all ${bytes.length * 8} flips`, () => {
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = bytes.slice();
      flipped[bit >> 3]! ^= 0x80 >> (bit & 7);
      const result = verifyVoucher(encodeVoucher(flipped), {
        keys: jwksKeys,
        primitive,
        now: valid0.now,
        skew: valid0.skew,
      });
      expect(result, `bit ${bit}`).toMatchObject({ ok: false });
    }
  });
});

describe.each(primitives)('sign → encode → decode → verify with $name', (primitive) => {
  const seed = fromHex(vectors.keys[0]!.seed);
  const key = voucherKey(primitive.publicKeyOf!(seed));
  const keys = buildKeyIndex([key]);

  it('round-trips every field', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const signed = signVoucher({ kid: key.kid, ...fields }, seed, primitive);
        expect(signed.text).toMatch(/^95[0-9]{234}$/);
        expect(decodeVoucher(signed.text).bytes).toEqual(signed.bytes);
        const result = verifyVoucher(signed.text, { keys, primitive, now: fields.issuedAt });
        expect(result).toEqual({
          ok: true,
          key,
          voucher: {
            version: 1,
            kid: vectors.keys[0]!.kid4,
            ...fields,
            expiresAt: fields.issuedAt + fields.ttlSeconds,
          },
        });
      }),
      { numRuns: primitive === ed25519Noble ? 50 : 300 },
    );
  });
});

describe('a second implementation agrees', () => {
  const seed = randomBytes(32);
  const publicKey = ed25519Node.publicKeyOf!(seed);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
  const nodeKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const fields = {
    voucherId: 'aabbccddeeff00112233445c',
    capPoints: 300,
    issuedAt: 1763884000,
    ttlSeconds: 180,
  };

  it('vouchers signed by the API verify with bare node:crypto over the spec message', () => {
    const key = { kid: voucherKey(publicKey).kid, seed, nbf: 0, exp: null };
    const { bytes } = issueVoucher({ key, merchantScope: 7, ...fields });
    const message = Buffer.concat([Buffer.from(VOUCHER_SIGNATURE_DOMAIN), bytes.subarray(0, 32)]);
    expect(cryptoVerify(null, message, nodeKey, bytes.subarray(32))).toBe(true);
    expect(voucherSigningMessage(bytes)).toEqual(new Uint8Array(message));
  });

  it('vouchers signed with noble in the browser verify with bare node:crypto', () => {
    const { bytes } = signVoucher(
      { kid: voucherKey(publicKey).kid, merchantScope: 0, ...fields },
      seed,
      ed25519Noble,
    );
    expect(cryptoVerify(null, voucherSigningMessage(bytes), nodeKey, bytes.subarray(32))).toBe(true);
  });

  it('the API refuses to sign outside its key window', () => {
    const key = { kid: voucherKey(publicKey).kid, seed, nbf: 1763884001, exp: null };
    expect(() => issueVoucher({ key, merchantScope: 0, ...fields })).toThrow(RangeError);
  });
});

describe('QR code', () => {
  it.each(vectors.valid)('$name renders as a numeric-mode QR of version 6 at level M', ({ text }) => {
    const qr = QRCode.create(voucherQrSegments(text), { errorCorrectionLevel: 'M' });
    expect(qr.version).toBe(VOUCHER_QR_VERSION);
    // The format information encodes M as the two bits 00 (L 01, Q 11, H 10).
    expect(qr.errorCorrectionLevel.bit).toBe(0);
    expect(qr.segments.map((s) => s.mode.id)).toEqual(['Numeric']);
    expect(qr.segments[0]!.data).toBe(text.trim());
  });

  it('the level matters: at L the same text fits version 5, as the spec says', () => {
    const qr = QRCode.create(voucherQrSegments(valid0.text), { errorCorrectionLevel: 'L' });
    expect([qr.version, qr.errorCorrectionLevel.bit]).toEqual([5, 1]);
  });
});
