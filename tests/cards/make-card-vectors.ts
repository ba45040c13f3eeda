/**
 * Writes tests/vouchers/vectors/card-v1.json: household card test vectors (docs/voucher.md,
 * "Household cards (96…)"), signed with the voucher vectors' own keys (cards and vouchers share
 * the alliance's keys) so the two files agree on the JWKS. Deterministic: run it again and the
 * file does not change. `npx tsx tests/cards/make-card-vectors.ts`; card-vectors.test.ts checks
 * the file with both Ed25519 primitives and that this script still makes it byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHex, toHex } from '../../shared/bytes.ts';
import {
  CARD_SIGNATURE_DOMAIN,
  cardBody,
  cardNumberOf,
  cardSigningMessage,
  encodeCard,
  formatCardNumber,
  signCard,
} from '../../shared/card.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { vectors as voucherVectors } from '../vouchers/vectors.ts';

export const cardVectorsUrl = new URL('../vouchers/vectors/card-v1.json', import.meta.url);

export function makeCardVectors() {
  const [k1, k2] = voucherVectors.keys;
  const seed1 = fromHex(k1!.seed);
  const seed2 = fromHex(k2!.seed);
  const base = {
    kid: k1!.kid4,
    cardId: '0b8f4c2e-6a1d-4e59-9c3b-7d2f1a6e8b40',
    holderId: '5d1c9e7a-3b2f-4a86-8e0d-c4b7a9f2e613',
    issuedAt: 1763884000,
  };
  const valid = [
    { name: 'a card signed with key 1', input: base, seed: seed1 },
    {
      name: 'a card signed with key 2 inside its window',
      input: {
        kid: k2!.kid4,
        cardId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
        holderId: '00000000-0000-4000-8000-000000000000',
        issuedAt: 1763800000,
      },
      seed: seed2,
    },
  ].map(({ name, input, seed }) => {
    const signed = signCard(input, seed, ed25519Noble);
    return {
      name,
      text: signed.text,
      bytes: toHex(signed.bytes),
      signedMessage: toHex(cardSigningMessage(signed.bytes)),
      expect: { ...signed.card, number: cardNumberOf(signed.card.cardId) },
    };
  });
  const good = signCard(base, seed1, ed25519Noble);
  const flip = (byte: number, bit: number) => {
    const b = good.bytes.slice();
    b[byte]! ^= 1 << bit;
    return b;
  };
  const unsigned = (mutate: (b: Uint8Array) => void) => {
    const b = good.bytes.slice();
    mutate(b);
    return encodeCard(b);
  };
  const voucherText = voucherVectors.valid[0]!.text;
  const invalid = [
    { name: 'a bit flipped in the card id', text: encodeCard(flip(10, 0)), error: 'bad_signature' },
    { name: 'a bit flipped in the holder', text: encodeCard(flip(30, 7)), error: 'bad_signature' },
    { name: 'a bit flipped in issuedAt', text: encodeCard(flip(41, 3)), error: 'bad_signature' },
    { name: 'a bit flipped in the signature', text: encodeCard(flip(70, 1)), error: 'bad_signature' },
    { name: 'a kid no key has', text: unsigned((b) => b.set([1, 2, 3, 4], 2)), error: 'unknown_key' },
    {
      name: 'key 2 outside its window',
      text: signCard({ ...base, kid: k2!.kid4, issuedAt: 1764000000 }, seed2, ed25519Noble).text,
      error: 'unknown_key',
    },
    { name: 'version 2', text: unsigned((b) => (b[0] = 2)), error: 'unsupported_version' },
    { name: 'flags set', text: unsigned((b) => (b[1] = 1)), error: 'malformed' },
    { name: 'one byte short', text: encodeCard(good.bytes.subarray(0, 105)), error: 'malformed' },
    { name: 'a digit too many', text: `${good.text}0`, error: 'malformed' },
    { name: 'a non-digit', text: `${good.text.slice(0, 40)}a${good.text.slice(41)}`, error: 'malformed' },
    { name: 'the voucher prefix on a card', text: `95${good.text.slice(2)}`, error: 'malformed' },
    { name: 'a voucher given to the card reader', text: voucherText, error: 'malformed' },
    {
      name: 'a card body signed under the voucher domain',
      text: (() => {
        const body = cardBody(base);
        const message = new Uint8Array([...new TextEncoder().encode('alliance-voucher-v1'), ...body]);
        const b = new Uint8Array(106);
        b.set(body);
        b.set(ed25519Noble.sign!(message, seed1), 42);
        return encodeCard(b);
      })(),
      error: 'bad_signature',
    },
  ];
  const numbers = [
    '0b8f4c2e-6a1d-4e59-9c3b-7d2f1a6e8b40',
    '00000000-0000-4000-8000-000000000000',
    'ffffffff-ffff-4fff-bfff-ffffffffffff',
    '3f0a2d9c-1b7e-4c55-a2d8-90e6f4b1c7a3',
  ].map((cardId) => ({
    cardId,
    number: cardNumberOf(cardId),
    printed: formatCardNumber(cardNumberOf(cardId)),
  }));
  return {
    spec: 'docs/voucher.md, "Household cards (96…)"',
    label: CARD_SIGNATURE_DOMAIN,
    keys: voucherVectors.keys,
    jwks: voucherVectors.jwks,
    valid,
    invalid,
    /** Given to the voucher reader: every one is `malformed`. */
    notVouchers: [good.text, valid[1]!.text],
    numbers,
  };
}

export const cardVectorsJson = () => `${JSON.stringify(makeCardVectors(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(cardVectorsUrl, cardVectorsJson());
  console.log(`wrote ${fileURLToPath(cardVectorsUrl)}`);
}
