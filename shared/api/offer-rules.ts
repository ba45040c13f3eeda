/**
 * An offer's rules (issue #18): a limit per person ("每人每月限一次"), a season (dates, weekdays,
 * hours in the alliance's time zone), a minimum bill, who funds it, and whether it is a coupon
 * bought with points. The API validates them with these schemas, the device config carries them,
 * and both phone apps say them in words with `offerRuleWords`, so every screen reads them alike.
 */
import { z } from 'zod';

export const LIMIT_PERIODS = ['day', 'week', 'month'] as const;
export type LimitPeriod = (typeof LIMIT_PERIODS)[number];

/** At most `count` uses per person per local day, ISO week (Monday first) or calendar month. */
export const OfferLimit = z.strictObject({
  per: z.enum(LIMIT_PERIODS),
  count: z.number().int().min(1).max(100),
});
export type OfferLimit = z.infer<typeof OfferLimit>;

const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date, YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time, HH:MM');

/**
 * When the offer holds, in the alliance's time zone: from/to dates (inclusive), ISO weekdays
 * (1 = Monday … 7 = Sunday) and a daily window [from, to). Each part is optional.
 */
export const OfferSeason = z
  .strictObject({
    from: date.optional(),
    to: date.optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    hours: z.strictObject({ from: clock, to: clock }).optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: 'from must not be after to' })
  .refine((s) => !s.hours || s.hours.from < s.hours.to, { message: 'hours.from must be before hours.to' })
  .refine((s) => !s.weekdays || new Set(s.weekdays).size === s.weekdays.length, {
    message: 'each weekday once',
  });
export type OfferSeason = z.infer<typeof OfferSeason>;

/**
 * Who funds this offer's discounts, overriding the merchant's rule for its captures: the merchant
 * itself (nothing due), the alliance at fen per point, or the alliance for a share of the discount.
 */
export const OfferFunding = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('merchant') }),
  z.strictObject({ rule: z.literal('per_point'), fenPerPoint: z.number().int().min(0).max(10_000) }),
  z.strictObject({ rule: z.literal('share'), sharePercent: z.number().int().min(1).max(100) }),
]);
export type OfferFunding = z.infer<typeof OfferFunding>;

/** A coupon bought with the offer's points in the resident app, valid this many days. */
export const OfferCoupon = z.strictObject({ validDays: z.number().int().min(1).max(366) });
export type OfferCoupon = z.infer<typeof OfferCoupon>;

/**
 * The rules as the API shows them (and the device config carries them). The API always sends
 * them; they are optional so a config cached before they existed still reads (absent: no rule).
 */
export const OfferRulesView = {
  limits: z.array(OfferLimit).optional(),
  season: OfferSeason.nullable().optional(),
  minBillFen: z.number().int().nullable().optional(),
  funding: OfferFunding.nullable().optional(),
  coupon: OfferCoupon.nullable().optional(),
};

export interface OfferRules {
  limits?: OfferLimit[] | undefined;
  season?: OfferSeason | null | undefined;
  minBillFen?: number | null | undefined;
  funding?: OfferFunding | null | undefined;
  coupon?: OfferCoupon | null | undefined;
}

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const COUNT_ZH = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const PER_ZH: Record<LimitPeriod, string> = { day: '天', week: '周', month: '月' };
const PER_EN: Record<LimitPeriod, string> = { day: 'day', week: 'week', month: 'month' };

/** "周一至周四" for a run of days, "周一、周三、周五" otherwise; English alike. */
function weekdayWords(days: number[], lang: 'zh' | 'en'): string {
  const sorted = [...days].sort((a, b) => a - b);
  const names = lang === 'zh' ? WEEKDAYS_ZH.map((d) => `周${d}`) : WEEKDAYS_EN;
  const run = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (sorted.length === 7) return lang === 'zh' ? '每天' : 'every day';
  if (run && sorted.length > 2) {
    return `${names[sorted[0]! - 1]}${lang === 'zh' ? '至' : '–'}${names[sorted.at(-1)! - 1]}`;
  }
  return sorted.map((d) => names[d - 1]).join(lang === 'zh' ? '、' : ', ');
}

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** The rules in short phrases for a screen: ["每人每月限一次", "周一至周四 11:00–14:00", "满 50 元可用"]. */
export function offerRuleWords(rules: OfferRules, lang: 'zh' | 'en'): string[] {
  const words: string[] = [];
  for (const limit of rules.limits ?? []) {
    words.push(
      lang === 'zh'
        ? `每人每${PER_ZH[limit.per]}限${COUNT_ZH[limit.count] ?? ` ${limit.count} `}次`
        : `${limit.count === 1 ? 'Once' : `${limit.count} times`} a ${PER_EN[limit.per]} per person`,
    );
  }
  const s = rules.season;
  if (s) {
    if (s.from || s.to) {
      words.push(
        lang === 'zh'
          ? `${s.from ?? ''}${s.from && s.to ? ' 至 ' : s.from ? ' 起' : ''}${s.to ? `${s.to}${s.from ? '' : ' 止'}` : ''}`
          : `${s.from ? `from ${s.from}` : ''}${s.from && s.to ? ' ' : ''}${s.to ? `until ${s.to}` : ''}`,
      );
    }
    const when = [
      s.weekdays ? weekdayWords(s.weekdays, lang) : '',
      s.hours ? `${s.hours.from}–${s.hours.to}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (when) words.push(when);
  }
  if (rules.minBillFen) {
    words.push(
      lang === 'zh' ? `满 ${yuan(rules.minBillFen)} 元可用` : `Bill of ¥${yuan(rules.minBillFen)} or more`,
    );
  }
  if (rules.coupon) {
    words.push(
      lang === 'zh'
        ? `兑换后 ${rules.coupon.validDays} 天内有效`
        : `Valid ${rules.coupon.validDays} days after buying`,
    );
  }
  return words;
}
