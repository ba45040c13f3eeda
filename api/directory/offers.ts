/**
 * Merchant offers and what they are worth. An offer turns a bill into a discount and a points
 * price; the merchant PWA and the POS compute the same numbers from the same rules.
 */
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { OfferView } from '../../shared/api/merchant.ts';
import {
  OfferCoupon,
  OfferFunding,
  OfferLimit,
  type OfferRules,
  OfferSeason,
} from '../../shared/api/offer-rules.ts';
import { Name } from '../../shared/text.ts';
import type { Queryable } from '../db/client.ts';
import { offers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

const points = z.number().int().min(1).max(1_000_000);
const fen = z.number().int().min(1).max(100_000_000);

const base = {
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes, e.g. haircut-5'),
  titleZh: Name(60),
  titleEn: Name(80),
  ...rules(),
};

/** The rules an offer may carry (issue #18); each optional, all absent: an offer as before. */
function rules() {
  return {
    limits: z.array(OfferLimit).max(3).optional(),
    season: OfferSeason.nullable().optional(),
    minBillFen: fen.nullable().optional(),
    funding: OfferFunding.nullable().optional(),
    coupon: OfferCoupon.nullable().optional(),
  };
}

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
  .refine((o) => !o.coupon || o.kind !== 'points_as_cash', {
    message: 'a coupon has a price in points: points_as_cash cannot be one',
    path: ['coupon'],
  })
  .openapi('OfferInput');
export type OfferInput = z.infer<typeof OfferInput>;

/** An offer as the API shows it: what a device sees of it (OfferView), its id, and whether it is on. */
export const Offer = z
  .object({ id: z.string().uuid(), ...OfferView.shape, active: z.boolean() })
  .openapi('Offer');
export type Offer = z.infer<typeof Offer>;

/** What PATCH /v1/merchants/{id}/offers/{offerId} may change: the titles, whether it is on, its rules. */
export const OfferChanges = z
  .strictObject({
    titleZh: Name(60).optional(),
    titleEn: Name(80).optional(),
    active: z.boolean().optional(),
    ...rules(),
  })
  .openapi('OfferChanges');
export type OfferChanges = z.infer<typeof OfferChanges>;

type RuleInput = Pick<OfferChanges, 'limits' | 'season' | 'minBillFen' | 'funding' | 'coupon'>;

/** The rule columns the input sets (an absent field changes nothing; null clears it). */
export function ruleColumns(input: RuleInput) {
  const f = input.funding;
  return {
    ...(input.limits !== undefined ? { limits: input.limits } : {}),
    ...(input.season !== undefined ? { season: input.season } : {}),
    ...(input.minBillFen !== undefined ? { minBillFen: input.minBillFen } : {}),
    ...(f !== undefined
      ? {
          fundingRule: f?.rule ?? null,
          fundingFenPerPoint: f?.rule === 'per_point' ? f.fenPerPoint : null,
          fundingSharePercent: f?.rule === 'share' ? f.sharePercent : null,
        }
      : {}),
    ...(input.coupon !== undefined ? { couponValidDays: input.coupon?.validDays ?? null } : {}),
  };
}

interface RuleRow {
  limits: OfferLimit[] | null;
  season: OfferSeason | null;
  minBillFen: number | null;
  fundingRule: 'merchant' | 'per_point' | 'share' | null;
  fundingFenPerPoint: number | null;
  fundingSharePercent: number | null;
  couponValidDays: number | null;
}

/** An offer row's rules as the API and the device config show them. */
export function rulesOf(row: RuleRow) {
  const funding: OfferFunding | null =
    row.fundingRule === 'per_point'
      ? { rule: 'per_point', fenPerPoint: row.fundingFenPerPoint ?? 0 }
      : row.fundingRule === 'share'
        ? { rule: 'share', sharePercent: row.fundingSharePercent ?? 0 }
        : row.fundingRule === 'merchant'
          ? { rule: 'merchant' }
          : null;
  return {
    limits: row.limits ?? [],
    season: row.season ?? null,
    minBillFen: row.minBillFen ?? null,
    funding,
    coupon: row.couponValidDays ? { validDays: row.couponValidDays } : null,
  };
}

/** The offer's columns with the kinds' unused fields set to null. */
export function offerColumns(input: OfferInput) {
  return {
    ...ruleColumns(input),
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

export function toOffer(row: Omit<Offer, keyof OfferRules> & RuleRow & Record<string, unknown>): Offer {
  const { id, code, kind, titleZh, titleEn, points, amountFen, percent, capFen, fenPerPoint, active } = row;
  return {
    id,
    code,
    kind,
    titleZh,
    titleEn,
    points,
    amountFen,
    percent,
    capFen,
    fenPerPoint,
    ...rulesOf(row),
    active,
  };
}

/**
 * Changes an offer's titles, whether it is on, and its rules (an absent field stays as it is).
 * A change counts from now on: records already answered keep their outcome, and a closed
 * statement keeps the funding it was closed with.
 */
export async function changeOffer(
  db: Queryable,
  input: { allianceId: string; merchantId: string; offerId: string; changes: OfferChanges },
) {
  const where = and(
    eq(offers.id, input.offerId),
    eq(offers.merchantId, input.merchantId),
    eq(offers.allianceId, input.allianceId),
  );
  const [current] = await db.select({ kind: offers.kind }).from(offers).where(where);
  if (!current) throw new AppError('offer_not_found', { detail: 'No such offer at this merchant.' });
  const { titleZh, titleEn, active, ...rules } = input.changes;
  if (rules.coupon && current.kind === 'points_as_cash') {
    throw new AppError('invalid_request', {
      detail: 'coupon: a coupon has a price in points; a points_as_cash offer cannot be one.',
    });
  }
  const [row] = await db
    .update(offers)
    .set({
      ...(titleZh !== undefined ? { titleZh } : {}),
      ...(titleEn !== undefined ? { titleEn } : {}),
      ...(active !== undefined ? { active } : {}),
      ...ruleColumns(rules),
    })
    .where(where)
    .returning();
  return row!;
}
