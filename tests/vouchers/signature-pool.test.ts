/**
 * A sync batch's signatures checked on other cores (issue #20) give exactly the verdicts of the
 * one-by-one verifier: the pool against node:crypto check by check, and the batch verifier
 * against `recordVerifier` record by record, with every kind of fault mixed in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../api/clock.ts';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { batchRecordVerifier, recordVerifier } from '../../api/vouchers/record-verifier.ts';
import { POOL_MIN_CHECKS, verifySignatures } from '../../api/vouchers/signature-pool.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { buildKeyIndex, voucherKey } from '../../shared/jwks.ts';
import { signRedemptionRecord } from '../../shared/redemption-record.ts';
import { signVoucher } from '../../shared/voucher.ts';

const seed = () => new Uint8Array(randomBytes(32));
const flip = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at % copy.length]! ^= 1;
  return copy;
};

describe('the signature pool', () => {
  it('answers every check as node:crypto does, in order, for a batch large enough to leave this thread', async () => {
    const seeds = [seed(), seed(), seed()];
    const keys = seeds.map((s) => ed25519Node.publicKeyOf!(s));
    const checks = Array.from({ length: 3 * POOL_MIN_CHECKS }, (_, i) => {
      const message = new Uint8Array(randomBytes(20 + (i % 200)));
      const signature = ed25519Node.sign!(message, seeds[i % 3]!);
      const kind = i % 6;
      if (kind === 1) return { signature: flip(signature, i), message, publicKey: keys[i % 3]! };
      if (kind === 2) return { signature, message: flip(message, i), publicKey: keys[i % 3]! };
      if (kind === 3) return { signature, message, publicKey: keys[(i + 1) % 3]! };
      // 32 bytes that are no point on the curve.
      if (kind === 4) return { signature, message, publicKey: new Uint8Array(32).fill(0xff) };
      return { signature, message, publicKey: keys[i % 3]! };
    });
    const answers = await verifySignatures(checks);
    expect(answers).toEqual(checks.map((c) => ed25519Node.verify(c.signature, c.message, c.publicKey)));
    expect(answers.filter(Boolean).length).toBe(checks.length / 3);
  });

  it('the batch verifier gives each record the verdict the one-by-one verifier gives it', async () => {
    const allianceSeed = seed();
    const key = voucherKey(ed25519Node.publicKeyOf!(allianceSeed));
    const keys = buildKeyIndex([key]);
    const strangerSeed = seed();
    const stranger = voucherKey(ed25519Node.publicKeyOf!(strangerSeed));
    const deviceSeed = seed();
    const device = { id: 'dev_pool', publicKey: toBase64url(ed25519Node.publicKeyOf!(deviceSeed)) };
    const clock = systemClock;
    const now = Math.floor(Date.now() / 1000);
    const voucher = (_i: number, signer = allianceSeed, kid = key.kid, issuedAt = now - 30) =>
      signVoucher(
        {
          kid,
          voucherId: randomBytes(12).toString('hex'),
          capPoints: 100,
          issuedAt,
          ttlSeconds: 120,
          merchantScope: 0,
        },
        signer,
        ed25519Node,
      ).text;
    const records = Array.from({ length: 240 }, (_, i) => {
      const kind = i % 8;
      const text =
        kind === 2
          ? voucher(i, strangerSeed) // signed by someone else under the alliance's kid
          : kind === 3
            ? voucher(i, strangerSeed, stranger.kid) // a key the alliance never published
            : kind === 4
              ? voucher(i, allianceSeed, key.kid, now - 7200) // long expired
              : kind === 5
                ? `${voucher(i).slice(0, -3)}000` // its signature's last digits altered
                : voucher(i);
      const record = signRedemptionRecord(
        {
          id: randomUUID(),
          voucher: text,
          points: 5,
          offerId: null,
          billFen: 0,
          discountFen: 0,
          scannedAt: Date.now() - 1000,
          deviceId: device.id,
          seq: i + 1,
        },
        deviceSeed,
        ed25519Node,
      );
      // The device's signature broken, or the record changed after it was signed.
      if (kind === 6) return { ...record, sig: toBase64url(flip(new Uint8Array(64), i)) };
      if (kind === 7) return { ...record, points: 6 };
      return record;
    });
    const one = recordVerifier(keys, 120, clock);
    const expected = await Promise.all(records.map((r) => one(r, device)));
    const batch = await batchRecordVerifier(keys, 120, clock)(records, device);
    expect(batch).toEqual(expected);
    const outcomes = new Set(expected.map((v) => (v.ok ? 'ok' : `${v.outcome}:${v.detail}`)));
    expect([...outcomes].sort()).toEqual(
      [
        'ok',
        'bad_voucher:bad_signature',
        'bad_voucher:unknown_key',
        'bad_voucher:expired',
        'bad_device_signature:signature does not verify',
      ].sort(),
    );
  });
});
