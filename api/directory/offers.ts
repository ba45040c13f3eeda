/**
 * Merchant offers and what they are worth. An offer turns a bill into a discount and a points
 * price; the merchant PWA and the POS compute the same numbers from the same rules.
 */
import { z } from '@hono/zod-openapi';
import { OfferView } from '../../shared/api/merchant.ts';
import { Name } from '../../shared/text.ts';

const points = z.number().int().min(1).max(1_000_000);
const fen = z.number().int().min(1).max(100_000_000);

const base = {
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes, e.g. haircut-5'),
  titleZh: Name(60),
  titleEn: Name(80),
};

export const OfferInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...base, kind: z.literal('amount_off'), points, amountFen: fen }),
    z.strictObject({
      ...base,
      kind: z.literal('percent_off'),
      points,
      percent: z.number().int().min(1).max(100),
      capFen: fen.optional(),
    }),
    z.strictObject({ ...base, kind: z.literal('item'), points, amountFen: fen }),
    z.strictObject({
      ...base,
      kind: z.literal('points_as_cash'),
      fenPerPoint: z.number().int().min(1).max(10_000),
    }),
  ])
  .openapi('OfferInput');
export type OfferInput = z.infer<typeof OfferInput>;

/** An offer as the API shows it: what a device sees of it (OfferView), its id, and whether it is on. */
export const Offer = z
  .object({ id: z.string().uuid(), ...OfferView.shape, active: z.boolean() })
  .openapi('Offer');
export type Offer = z.infer<typeof Offer>;

/** The offer's columns with the kinds' unused fields set to null. */
export function offerColumns(input: OfferInput) {
  return {
    code: input.code,
    kind: input.kind,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    points: 'points' in input ? input.points : null,
    amountFen: 'amountFen' in input ? input.amountFen : null,
    percent: 'percent' in input ? input.percent : null,
    capFen: 'capFen' in input ? (input.capFen ?? null) : null,
    fenPerPoint: 'fenPerPoint' in input ? input.fenPerPoint : null,
  };
}

export function toOffer(row: Offer & Record<string, unknown>): Offer {
  const { id, code, kind, titleZh, titleEn, points, amountFen, percent, capFen, fenPerPoint, active } = row;
  return { id, code, kind, titleZh, titleEn, points, amountFen, percent, capFen, fenPerPoint, active };
}
