/**
 * What each use case takes, as zod schemas: the JSON API validates request bodies with them and
 * the console parses its forms with the very same ones (console/form.ts), so a rule written here
 * holds at both doors. Every string follows shared/text.ts's rule.
 */
import { z } from '@hono/zod-openapi';
import { Month } from '../../shared/calendar.ts';
import { Name, Text } from '../../shared/text.ts';
import { OfferInput } from '../directory/offers.ts';
import { MAX_POINTS_PER_TRANSFER } from '../ledger/mint.ts';

export { OfferInput };

const Uuid = (what: string) => z.string().uuid(`must be ${what} (a UUID)`);

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d -]{5,20}$/, 'must be a phone number');

const Address = Text(120).transform((s) => s.trim());

export const NewResident = z
  .strictObject({
    name: Name(60),
    phone: Phone.optional(),
    householdId: Uuid('a household id').optional(),
  })
  .openapi('NewResident');
export type NewResident = z.infer<typeof NewResident>;

export const ResidentChanges = z
  .strictObject({
    name: Name(60).optional(),
    phone: Phone.nullable().optional(),
    householdId: Uuid('a household id').nullable().optional(),
  })
  .openapi('ResidentChanges');

export const NewHousehold = z.strictObject({ name: Name(60) }).openapi('NewHousehold');

export const NewMerchant = z
  .strictObject({
    name: Name(60),
    address: Address.optional(),
    offers: z.array(OfferInput).max(50).optional(),
  })
  .openapi('NewMerchant');

export const MerchantChanges = z
  .strictObject({
    name: Name(60).optional(),
    address: Address.nullable().optional(),
  })
  .openapi('MerchantChanges');

/** Offline floor limits: points one offline capture, and one device in a day, may take. */
export const OfflineLimits = z
  .strictObject({
    perCapture: z.number().int('must be a whole number').min(0).max(100_000),
    perDeviceDay: z.number().int('must be a whole number').min(0).max(1_000_000),
  })
  .openapi('OfflineLimits');

export const Grant = z
  .strictObject({
    residentId: Uuid('the resident id'),
    points: z.number().int('must be a whole number').min(1).max(MAX_POINTS_PER_TRANSFER),
    reason: Name(200),
  })
  .openapi('GrantRequest');

export const CloseMonth = z.strictObject({ month: Month });

/** Who funds a merchant's discounts from a month on (api/settlement/funding.ts). */
export const FundingRuleInput = z
  .strictObject({
    fromMonth: Month,
    rule: z.enum(['merchant', 'per_point', 'share']),
    fenPerPoint: z.number().int('must be a whole number of fen').min(0).max(10_000).optional(),
    sharePercent: z.number().int('must be a whole percent').min(1).max(100).optional(),
  })
  .openapi('FundingRuleInput');
export type FundingRuleInput = z.infer<typeof FundingRuleInput>;

export const Paid = z.strictObject({ reference: Name(120) });

export const Decision = z.strictObject({
  bears: z.enum(['alliance', 'merchant']),
  note: Text(500)
    .transform((s) => s.trim())
    .optional(),
});

export const Login = z.strictObject({
  email: Name(254),
  password: Text(1024).min(1),
});
