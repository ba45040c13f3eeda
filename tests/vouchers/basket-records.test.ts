/**
 * Basket records (v2, issue #18): the signing text with the lines as an eleventh field under
 * its own domain, the vector's signature reproduced and verified with both primitives, a v1
 * record unchanged, and a basket whose points are not its lines' total refused before signing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { fromBase64url } from '../../shared/bytes.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import {
  basketProblem,
  RedemptionRecord,
  redemptionSigningText,
  signRedemptionRecord,
  verifyRedemptionRecord,
} from '../../shared/redemption-record.ts';

const vectors = JSON.parse(readFileSync(new URL('./vectors/redemption-v2.json', import.meta.url), 'utf8'));
const seed = Uint8Array.from(Buffer.from(vectors.device.seed, 'hex'));
const publicKey = fromBase64url(vectors.device.publicKeyBase64url);
const [vector] = vectors.records;

describe.each([
  { name: 'node', primitive: ed25519Node },
  { name: 'noble', primitive: ed25519Noble },
])('basket records with the $name primitive', ({ primitive }) => {
  it('the signing text is v2 with the lines as the last field', () => {
    const text = redemptionSigningText(RedemptionRecord.parse(vector.record));
    expect(text).toBe(vector.signedText);
    expect(text.split('\n')[0]).toBe('alliance-redemption-v2');
  });

  it('signing reproduces the sig, and it verifies; a changed line does not', () => {
    const { sig, ...unsigned } = vector.record;
    expect(signRedemptionRecord(unsigned, seed, primitive).sig).toBe(sig);
    const record = RedemptionRecord.parse(vector.record);
    expect(verifyRedemptionRecord(record, publicKey, primitive)).toBe(true);
    const more = { ...record, lines: [{ ...record.lines![0]!, quantity: 4 }, record.lines![1]!] };
    expect(verifyRedemptionRecord(more, publicKey, primitive)).toBe(false);
    // Without its lines the same fields and signature are not a valid v1 record.
    const { lines: _lines, ...v1 } = record;
    expect(verifyRedemptionRecord(v1, publicKey, primitive)).toBe(false);
  });
});

describe('basket rules', () => {
  it("a v1 record's text has no lines and its domain is unchanged", () => {
    const { lines: _lines, sig: _sig, ...v1 } = vector.record;
    const text = redemptionSigningText({ ...v1, points: 110 });
    expect(text.split('\n')).toHaveLength(10);
    expect(text.startsWith('alliance-redemption-v1\n')).toBe(true);
  });

  it("a basket whose points are not its lines' total, or that names a good twice, is refused", () => {
    const { sig: _sig, ...unsigned } = vector.record;
    expect(basketProblem(unsigned)).toBeUndefined();
    expect(basketProblem({ ...unsigned, points: 111 })).toContain('total 110');
    expect(() => signRedemptionRecord({ ...unsigned, points: 111 }, seed, ed25519Node)).toThrow(/basket/);
    const twice = [unsigned.lines[0], { ...unsigned.lines[0], quantity: 1 }];
    expect(basketProblem({ points: 120, lines: twice })).toBe('each good once per basket');
    expect(RedemptionRecord.safeParse({ ...vector.record, lines: [] }).success).toBe(false);
  });
});
