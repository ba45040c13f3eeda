/**
 * What each use case takes, as zod schemas: the JSON API validates request bodies with them and
 * the console parses its forms with the very same ones (console/form.ts), so a rule written here
 * holds at both doors. Every string follows shared/text.ts's rule.
 */
import { z } from '@hono/zod-openapi';
import { Day as CalendarDay, Month } from '../../shared/calendar.ts';
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

/** Sign-in: the e-mail or the phone number the account was invited with (either field takes either). */
export const Login = z
  .strictObject({
    email: Name(254).optional(),
    phone: Name(254).optional(),
    password: Text(1024).min(1),
  })
  .refine((b) => b.email !== undefined || b.phone !== undefined, {
    message: 'give the e-mail or the phone number you were invited with',
    path: ['email'],
  });

const NewPassword = Text(200).min(10, 'must be at least 10 characters');

/** The first sign-in with the one-time code the coordinator handed over; sets the password. */
export const FirstSignIn = z
  .strictObject({
    email: Name(254).optional(),
    phone: Name(254).optional(),
    code: z
      .string()
      .trim()
      .regex(/^[\d ]{8,12}$/, 'must be the 8 digits of the sign-in code'),
    newPassword: NewPassword,
  })
  .refine((b) => b.email !== undefined || b.phone !== undefined, {
    message: 'give the e-mail or the phone number you were invited with',
    path: ['email'],
  });

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-22');
const RuleCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be 1–40 letters, digits, - or _');
const Points = z.number().int('must be a whole number').min(1).max(10_000);

/** A rule's body (POST /v1/rules): what each kind needs is checked by the domain (earning/rules.ts). */
export const RuleBody = z
  .strictObject({
    code: RuleCode,
    category: Name(40),
    titleZh: Name(80),
    titleEn: Name(120).optional(),
    kind: z.enum(['fixed', 'per_hour', 'range', 'deduction']),
    points: Points.optional(),
    pointsPerHour: Points.optional(),
    min: Points.optional(),
    max: Points.optional(),
    evidence: z.enum(['required', 'optional', 'none']),
    selfClaim: z.boolean(),
    fourEyes: z.boolean().optional(),
    limits: z
      .strictObject({
        perDay: z.number().int().min(1).max(1000).optional(),
        perWeek: z.number().int().min(1).max(1000).optional(),
        perMonth: z.number().int().min(1).max(1000).optional(),
        pointsPerMonth: z.number().int().min(1).max(1_000_000).optional(),
      })
      .optional(),
    activeFrom: Day.optional(),
    activeTo: Day.optional(),
  })
  .openapi('RuleInput');
export type RuleBody = z.infer<typeof RuleBody>;

/** PATCH /v1/rules/{id}: a new version with these fields changed. */
export const RuleChanges = RuleBody.omit({ code: true }).partial().openapi('RuleChanges');

export const StaffBody = z
  .strictObject({
    name: Name(60),
    email: Name(254).pipe(z.string().email('must be an e-mail address')).optional(),
    phone: Phone.optional(),
    /** The initial password; without one, the answer carries a one-time sign-in code instead. */
    password: NewPassword.optional(),
    rights: z.array(z.enum(['reviewer', 'inspector', 'organizer', 'cashier'])).max(4),
    areas: z.array(Name(60)).max(50).optional(),
    /** The staff member's own resident record: they never review their household's claims. */
    residentId: z.string().uuid().optional(),
  })
  .refine((b) => b.email !== undefined || b.phone !== undefined, {
    message: 'give an e-mail or a phone number to sign in with',
    path: ['email'],
  })
  .openapi('StaffInput');

export const StaffChanges = z
  .strictObject({
    name: Name(60).optional(),
    phone: Phone.nullable().optional(),
    password: NewPassword.optional(),
    /** A new one-time sign-in code (a forgotten password): the answer carries it, once. */
    newSignInCode: z.literal(true).optional(),
    rights: z
      .array(z.enum(['reviewer', 'inspector', 'organizer', 'cashier']))
      .max(4)
      .optional(),
    areas: z.array(Name(60)).max(50).optional(),
    residentId: z.string().uuid().nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .openapi('StaffChanges');

export const ClaimDecision = z
  .strictObject({
    decision: z.enum(['approve', 'refuse', 'ask_more']),
    points: Points.optional(),
    reason: Text(500).optional(),
  })
  .openapi('ClaimDecision');

export const DeductionBody = z
  .strictObject({
    residentId: Uuid('a resident id').optional(),
    householdId: Uuid('a household id').optional(),
    ruleCode: RuleCode,
    points: Points.optional(),
    note: Text(500).optional(),
    evidenceIds: z.array(Uuid('a photo id')).max(3).optional(),
  })
  .openapi('DeductionInput');

export const AppealBody = z.strictObject({ note: Text(500).optional() }).openapi('AppealInput');

export const AppealDecision = z
  .strictObject({ uphold: z.boolean(), reason: Name(500) })
  .openapi('AppealDecision');

/** POST /v1/households: a household as a place (issue #16); doorNumber, community and grid are plain names. */
export const HouseholdBody = z
  .strictObject({
    name: Name(60),
    doorNumber: Name(80).optional(),
    community: Name(60).optional(),
    grid: Name(60).optional(),
    memberIds: z.array(Uuid('a resident id')).max(30).optional(),
  })
  .openapi('HouseholdInput');
export type HouseholdBody = z.infer<typeof HouseholdBody>;

const ScorePoints = z.number().int('must be a whole number').min(-100).max(100);

/** POST /v1/inspection-templates. */
export const TemplateBody = z
  .strictObject({
    name: Name(60),
    items: z
      .array(z.strictObject({ code: RuleCode, title: Name(60), kept: ScorePoints, lost: ScorePoints }))
      .min(1)
      .max(50),
    bonus: z
      .strictObject({
        cap: z.number().int('must be a whole number').min(0).max(1000),
        items: z
          .array(
            z.strictObject({
              code: RuleCode,
              title: Name(60),
              points: z.number().int('must be a whole number').min(1).max(100),
              /** Each approved claim under a rule of this category by a member adds the points. */
              claimCategory: Name(40).optional(),
            }),
          )
          .max(50),
      })
      .optional(),
    monthRule: z.enum(['every_check', 'last_check']).optional(),
    frequency: z.enum(['weekly', 'monthly']).optional(),
  })
  .openapi('InspectionTemplateInput');
export type TemplateBody = z.infer<typeof TemplateBody>;

/** POST /v1/inspections: the household by id or by its door plate's token. */
export const InspectionBody = z
  .strictObject({
    householdId: Uuid('a household id').optional(),
    plateToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22}$/, 'must be the token of a door plate')
      .optional(),
    templateId: Uuid('a template id'),
    checkedOn: Day.optional(),
    items: z
      .array(
        z.strictObject({
          code: RuleCode,
          ok: z.boolean(),
          note: Text(200).optional(),
          evidenceId: Uuid('a photo id').optional(),
        }),
      )
      .min(1)
      .max(100),
    note: Text(500).optional(),
    /** A second check of the household in the same week, meant. */
    confirmSecond: z.boolean().optional(),
  })
  .refine((b) => (b.householdId === undefined) !== (b.plateToken === undefined), {
    message: 'give either householdId or plateToken',
    path: ['householdId'],
  })
  .openapi('InspectionInput');
export type InspectionBody = z.infer<typeof InspectionBody>;

/** POST /v1/scoring/months/{month}/close: communities are plain names for now. */
export const ScoringCloseBody = z
  .strictObject({ communityId: Name(60).optional() })
  .openapi('ScoringCloseInput');

export const ObjectionBody = z.strictObject({ note: Name(500) }).openapi('ObjectionInput');

export const ObjectionDecisionBody = z
  .strictObject({
    uphold: z.boolean(),
    /** The corrected score, when upheld. */
    score: z.number().int('must be a whole number').min(-1000).max(1000).optional(),
    reason: Name(500),
  })
  .openapi('ObjectionDecision');

/** POST /v1/activities: ISO instants; communities are plain names (empty: everyone). */
export const ActivityBody = z
  .strictObject({
    title: Name(80),
    ruleCode: RuleCode,
    place: Name(120),
    startsAt: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO time like 2026-11-22T09:00:00+08:00' }),
    endsAt: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO time like 2026-11-22T11:00:00+08:00' }),
    capacity: z.number().int('must be a whole number').min(1).max(1000),
    /** How many may wait once it is full (default 5). */
    waitlist: z.number().int('must be a whole number').min(0).max(100).optional(),
    signupDeadline: z.string().datetime({ offset: true, message: 'must be an ISO time' }).optional(),
    communities: z.array(Name(60)).max(50).optional(),
    team: Name(60).optional(),
  })
  .openapi('ActivityInput');
export type ActivityBody = z.infer<typeof ActivityBody>;

/** POST /v1/activities/{id}/signups: a resident for themselves; the organizer names residentId. */
export const SignupBody = z
  .strictObject({ residentId: Uuid('a resident id').optional() })
  .openapi('SignupInput');

/** POST /v1/activities/{id}/attendance: a resident's scanned code, or the organizer's hand tick. */
export const AttendanceBody = z
  .union([
    z.strictObject({ token: z.string().min(1).max(80) }),
    z.strictObject({ residentId: Uuid('a resident id'), direction: z.enum(['in', 'out']) }),
  ])
  .openapi('AttendanceInput');
export type AttendanceBody = z.infer<typeof AttendanceBody>;

/** POST /v1/activities/{id}/close: the organizer's confirmed hours, when given. */
export const ActivityCloseBody = z
  .strictObject({
    attendees: z
      .array(z.strictObject({ residentId: Uuid('a resident id'), hours: z.number().min(0).max(24) }))
      .max(1000)
      .optional(),
  })
  .openapi('ActivityCloseInput');

/** POST /v1/awards: what the coordinator gave a holder for their place in an ended month's or year's ranking. */
export const AwardBody = z
  .strictObject({
    period: z.enum(['month', 'year']),
    /** A day of the period, YYYY-MM-DD in the alliance's calendar. */
    at: CalendarDay,
    scope: z.enum(['residents', 'households']),
    /** A community's name; the whole alliance's ranking when absent. */
    communityId: Name(60).optional(),
    holderId: Uuid('a resident or household id'),
    gift: Name(100),
    valueFen: z.number().int('must be whole fen').min(0).max(100_000_000).optional(),
  })
  .openapi('AwardInput');
export type AwardBody = z.infer<typeof AwardBody>;

/** The console's "the top N at once": the same gift for each of the ranking's first `top`. */
export const TopAwardsBody = AwardBody.omit({ holderId: true }).extend({
  top: z.number().int().min(1).max(100),
});
export type TopAwardsBody = z.infer<typeof TopAwardsBody>;

/** POST /v1/screens: where the screen hangs, and the community it shows (none: the whole alliance). */
export const ScreenLinkBody = z
  .strictObject({ name: Name(60), community: Name(60).optional() })
  .openapi('ScreenLinkInput');
export type ScreenLinkBody = z.infer<typeof ScreenLinkBody>;

/** POST /v1/merchants/{id}/goods: a good of the points supermarket (积分超市). */
export const GoodBody = z
  .strictObject({
    name: Name(60),
    points: z.number().int('must be a whole number').min(0).max(100_000),
    /** Cash on top, per unit, in fen (30 积分 + ¥5: 500). */
    copayFen: z.number().int('must be a whole number').min(0).max(1_000_000).optional(),
    unit: Name(10),
    barcode: z
      .string()
      .regex(/^\d{6,14}$/, 'must be the digits of the product barcode (EAN-8, EAN-13, UPC)')
      .optional(),
    supplier: Name(80).optional(),
    /** What the supplier charges for one, in fen. */
    costFen: z.number().int('must be a whole number').min(0).max(100_000_000).optional(),
    /** A low-stock line shows at or below this many (default 5). */
    lowStock: z.number().int('must be a whole number').min(0).max(100_000).optional(),
  })
  .refine((g) => g.points > 0 || (g.copayFen ?? 0) > 0, {
    message: 'a good costs points, cash or both',
    path: ['points'],
  })
  .openapi('GoodInput');
export type GoodBody = z.infer<typeof GoodBody>;

/** POST /v1/goods/{id}/stock-events: a delivery, a count or a return to the supplier. */
export const StockEventBody = z
  .strictObject({
    kind: z.enum(['delivery', 'count', 'return']),
    /** delivery, return: how many; count: how many are on the shelf. */
    quantity: z.number().int('must be a whole number').min(0).max(1_000_000),
    costFen: z.number().int('must be a whole number').min(0).max(100_000_000).optional(),
    supplier: Name(80).optional(),
    reason: Name(200).optional(),
  })
  .openapi('StockEventInput');
export type StockEventBody = z.infer<typeof StockEventBody>;

/** A POS basket line: the good and how many; the server prices it. */
export const BasketLineBody = z
  .strictObject({
    goodsId: Uuid('a good id'),
    quantity: z.number().int('must be a whole number').min(1).max(999),
  })
  .openapi('BasketLineInput');
