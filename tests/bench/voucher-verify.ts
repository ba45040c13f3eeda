/**
 * Full voucher verification (decode, key lookup, signature, time) against the bare Ed25519
 * check, with noble and with node:crypto. Budget: with node:crypto, what the codec adds must stay
 * under 10% of the bare signature time, so a sync batch is bound by cryptography alone.
 */
import { readFileSync } from 'node:fs';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import type { Ed25519Primitive } from '../../shared/signature-primitive.ts';
import { decodeVoucher, verifyVoucher, voucherSigningMessage } from '../../shared/voucher.ts';
import { type Measurement, measureEach, table } from './measure.ts';
import type { Bench } from './run.ts';

const OVERHEAD_BUDGET_PERCENT = 10;

const vectors = JSON.parse(
  readFileSync(new URL('../vouchers/vectors/voucher-v1.json', import.meta.url), 'utf8'),
);
const sample: { text: string; now: number; skew: number } = vectors.valid[0];
const keys = keyIndexFromJwks(vectors.jwks);

/** Always says yes: what is left of a full verification (decode, key lookup, time) is the codec's own cost. */
const noSignature: Ed25519Primitive = { name: 'none', verify: () => true };

function fullVerify(primitive: Ed25519Primitive): () => void {
  const options = { keys, primitive, now: sample.now, skew: sample.skew };
  return () => {
    if (!verifyVoucher(sample.text, options).ok) throw new Error('the sample voucher must verify');
  };
}

function bareSignature(primitive: Ed25519Primitive): () => void {
  const { bytes, voucher } = decodeVoucher(sample.text);
  const key = keys.keys.find((k) => k.kid4 === Number.parseInt(voucher.kid, 16))!;
  const message = voucherSigningMessage(bytes);
  const signature = bytes.slice(32);
  return () => {
    if (!primitive.verify(signature, message, key.publicKey)) throw new Error('the signature must verify');
  };
}

const row = (name: string, what: string, m: Measurement) => [
  name,
  what,
  Math.round(m.opsPerSecond).toLocaleString('en'),
  m.microsPerOp.toFixed(2),
];

export const voucherVerifyBench: Bench = {
  name: 'voucher verify',
  run(log) {
    const rows: string[][] = [];
    const results = new Map<string, { full: Measurement; bare: Measurement }>();
    for (const primitive of [ed25519Noble, ed25519Node]) {
      const [full, bare] = measureEach([fullVerify(primitive), bareSignature(primitive)]) as [
        Measurement,
        Measurement,
      ];
      results.set(primitive.name, { full, bare });
      rows.push(row(primitive.name, 'full verify', full), row(primitive.name, 'bare signature', bare));
    }
    const [codec] = measureEach([fullVerify(noSignature)]) as [Measurement];
    rows.push(row('(none)', 'codec alone', codec));
    log(table(['primitive', 'measure', 'ops/s', 'µs/op'], rows));

    const node = results.get(ed25519Node.name)!;
    const noble = results.get(ed25519Noble.name)!;
    const overhead = ((node.full.microsPerOp - node.bare.microsPerOp) / node.bare.microsPerOp) * 100;
    const codecShare = (codec.microsPerOp / node.bare.microsPerOp) * 100;
    log('');
    log(`node:crypto is ${(noble.full.microsPerOp / node.full.microsPerOp).toFixed(1)}× faster than noble.`);
    // Judged on the codec measured alone: full − bare subtracts two ~150 µs figures that each
    // wander by several percent on a busy machine, so it is shown only as a cross-check.
    log(
      `Codec overhead with node:crypto: ${codecShare.toFixed(1)}% of the bare signature time ` +
        `(budget ${OVERHEAD_BUDGET_PERCENT}%); full − bare: ${overhead.toFixed(1)}%.`,
    );
    const pass = codecShare < OVERHEAD_BUDGET_PERCENT;
    log(pass ? 'PASS' : 'FAIL');
    return pass;
  },
};
