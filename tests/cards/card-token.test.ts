/**
 * The household card token (shared/card.ts) against its vectors, with both Ed25519 primitives:
 * valid cards decode to their fields and number, every tampered or foreign text fails with the
 * documented error, a card is never a voucher and a voucher never a card, and the printed number
 * catches a mistyped digit.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { fromHex, toHex } from '../../shared/bytes.ts';
import {
  CARD_TEXT_DIGITS,
  cardNumberOf,
  decodeCard,
  encodeCard,
  isCardText,
  maskName,
  parseCardNumber,
  signCard,
  verifyCard,
} from '../../shared/card.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { isVoucherError } from '../../shared/errors.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import { vectors as voucherVectors } from '../vouchers/vectors.ts';
import { cardVectorsJson, cardVectorsUrl } from './make-card-vectors.ts';

const file = readFileSync(cardVectorsUrl, 'utf8');
const vectors = JSON.parse(file) as ReturnType<typeof import('./make-card-vectors.ts').makeCardVectors>;
const keys = keyIndexFromJwks(vectors.jwks);
const primitives = [ed25519Noble, ed25519Node];

describe('card vectors', () => {
  it('the file is what the vector script makes, byte for byte', () => {
    expect(file).toBe(cardVectorsJson());
  });

  describe.each(primitives)('with $name', (primitive) => {
    it.each(vectors.valid)('$name verifies to its fields', (v) => {
      const result = verifyCard(v.text, { keys, primitive });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.card).toEqual({
        version: v.expect.version,
        kid: v.expect.kid,
        cardId: v.expect.cardId,
        holderId: v.expect.holderId,
        issuedAt: v.expect.issuedAt,
      });
      expect(cardNumberOf(result.card.cardId)).toBe(v.expect.number);
      expect(v.text).toHaveLength(CARD_TEXT_DIGITS);
      expect(toHex(decodeCard(v.text).bytes)).toBe(v.bytes);
    });

    it.each(vectors.valid)('$name signs to the same text again', (v) => {
      const seed = fromHex(vectors.keys.find((k) => k.kid4 === v.expect.kid)!.seed);
      const { kid, cardId, holderId, issuedAt } = v.expect;
      expect(signCard({ kid, cardId, holderId, issuedAt }, seed, primitive).text).toBe(v.text);
    });

    it.each(vectors.invalid)('$name → $error', ({ text, error }) => {
      expect(verifyCard(text, { keys, primitive })).toEqual({ ok: false, error });
    });

    it.each(vectors.notVouchers)('a card given to the voucher reader is malformed', (text) => {
      expect(verifyVoucher(text, { keys, primitive, now: 1763884000 })).toEqual({
        ok: false,
        error: 'malformed',
      });
    });
  });

  it('every voucher of the voucher vectors is malformed to the card reader', () => {
    for (const v of voucherVectors.valid) {
      expect(verifyCard(v.text, { keys, primitive: ed25519Node })).toEqual({ ok: false, error: 'malformed' });
      expect(isCardText(v.text)).toBe(false);
    }
    expect(isCardText(vectors.valid[0]!.text)).toBe(true);
  });

  it('reads a scanned card with CR/LF around it, and nothing else altered', () => {
    expect(verifyCard(`\r\n${vectors.valid[0]!.text}\r\n`, { keys, primitive: ed25519Node }).ok).toBe(true);
    expect(() => decodeCard('96 123')).toThrow(expect.objectContaining({ code: 'malformed' }));
    try {
      decodeCard(voucherVectors.valid[0]!.text);
    } catch (e) {
      expect(isVoucherError(e)).toBe(true);
    }
  });

  it('any single bit flipped anywhere fails to verify', () => {
    const good = fromHex(vectors.valid[0]!.bytes);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length * 8 - 1 }), (bit) => {
        const b = good.slice();
        b[bit >> 3]! ^= 1 << (bit & 7);
        return !verifyCard(encodeCard(b), { keys, primitive: ed25519Node }).ok;
      }),
      { numRuns: 300 },
    );
  });
});

describe('the printed card number', () => {
  it.each(vectors.numbers)('$cardId → $printed', ({ cardId, number, printed }) => {
    expect(cardNumberOf(cardId)).toBe(number);
    expect(parseCardNumber(printed)).toBe(number);
    expect(parseCardNumber(number)).toBe(number);
  });

  it('catches any one mistyped digit and any swap of two different neighbours', () => {
    const number = vectors.numbers[0]!.number;
    for (let i = 2; i < 16; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === number[i]) continue;
        expect(parseCardNumber(number.slice(0, i) + d + number.slice(i + 1))).toBeNull();
      }
    }
    for (let i = 2; i < 15; i++) {
      if (number[i] === number[i + 1]) continue;
      // Luhn misses only 09 ⇄ 90.
      if ((number[i] === '0' && number[i + 1] === '9') || (number[i] === '9' && number[i + 1] === '0'))
        continue;
      const swapped = number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2);
      expect(parseCardNumber(swapped)).toBeNull();
    }
    expect(parseCardNumber('1234 5678 9012 3456')).toBeNull();
  });

  it('masks the holder’s name but the first character', () => {
    expect(maskName('王桂兰')).toBe('王**');
    expect(maskName('李娜')).toBe('李*');
    expect(maskName('欧阳建国英')).toBe('欧***');
  });
});
