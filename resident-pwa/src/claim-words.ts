/**
 * Claims, deductions and good deeds in words and days: what a rule gives ("每小时 10 积分"), what
 * became of a claim ("已通过 +20 积分"), the alliance's today (a claim is never for a later day),
 * and dates a person reads ("11月22日").
 */
import type { ClaimView, DeductionView, RuleView } from '../../shared/api/earning.ts';
import type { Lang, Words } from './i18n.ts';

/** "YYYY-MM-DD" of the moment `at` in the alliance's time zone. */
export function dayIn(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "11月22日" ("2025年11月22日" for another year than `today`'s); "Nov 22" in English. */
export function dayWords(day: string, lang: Lang, today?: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const otherYear = today !== undefined && today.slice(0, 4) !== day.slice(0, 4);
  if (lang === 'en') {
    const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
    return otherYear ? `${month} ${d}, ${y}` : `${month} ${d}`;
  }
  return `${otherYear ? `${y}年` : ''}${m}月${d}日`;
}

/** A moment as a date and a time in the alliance's zone: "12月8日 10:05", "Dec 8, 10:05". */
export function momentWords(iso: string, timeZone: string, lang: Lang): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
  const day = dayWords(dayIn(timeZone, at.getTime()), lang);
  return lang === 'en' ? `${day}, ${time}` : `${day} ${time}`;
}

export const ruleTitle = (rule: { titleZh: string; titleEn: string | null }, lang: Lang): string =>
  lang === 'en' ? (rule.titleEn ?? rule.titleZh) : rule.titleZh;

/** What the rule gives: "50 积分", "每小时 10 积分", "20–160 积分，由审核员评定". */
export function ruleAmount(
  rule: Pick<RuleView, 'kind' | 'points' | 'pointsPerHour' | 'min' | 'max'>,
  t: Words,
): string {
  switch (rule.kind) {
    case 'per_hour':
      return t.rulePerHour(rule.pointsPerHour ?? 0);
    case 'range':
      return t.ruleRange(rule.min ?? 0, rule.max ?? 0);
    default:
      return t.rulePoints(rule.points ?? 0);
  }
}

export function evidenceWords(rule: Pick<RuleView, 'evidence'>, t: Words): string {
  if (rule.evidence === 'required') return t.evidenceRequired;
  if (rule.evidence === 'optional') return t.evidenceOptional;
  return t.evidenceNone;
}

/** The rule's limits in words: "每天最多 3 次". */
export function limitWords(limits: RuleView['limits'], t: Words): string[] {
  return [
    limits.perDay && t.limitPerDay(limits.perDay),
    limits.perWeek && t.limitPerWeek(limits.perWeek),
    limits.perMonth && t.limitPerMonth(limits.perMonth),
    limits.pointsPerMonth && t.limitPointsPerMonth(limits.pointsPerMonth),
  ].filter((w): w is string => Boolean(w));
}

/** A limit_reached refusal's own limit (`limit`, `allowed` beside the problem code). */
export function limitReachedWords(extra: Record<string, unknown>, t: Words): string | undefined {
  const allowed = typeof extra.allowed === 'number' ? extra.allowed : undefined;
  if (allowed === undefined) return undefined;
  switch (extra.limit) {
    case 'claims a day':
      return t.limitPerDay(allowed);
    case 'claims a week':
      return t.limitPerWeek(allowed);
    case 'claims a month':
      return t.limitPerMonth(allowed);
    case 'points a month':
      return t.limitPointsPerMonth(allowed);
    default:
      return undefined;
  }
}

/** The points a claim would bring, when the rule fixes them (not a range). */
export function claimPoints(
  rule: Pick<RuleView, 'kind' | 'points' | 'pointsPerHour'>,
  hours: number | undefined,
): number | undefined {
  if (rule.kind === 'fixed') return rule.points ?? undefined;
  if (rule.kind === 'per_hour') return Math.round((rule.pointsPerHour ?? 0) * (hours ?? 0));
  return undefined;
}

export const MIN_HOURS = 0.5;
export const MAX_HOURS = 24;

/** Hours moved by half an hour, kept within 0.5–24. */
export const stepHours = (hours: number, by: 1 | -1): number =>
  Math.min(MAX_HOURS, Math.max(MIN_HOURS, Math.round((hours + by * 0.5) * 2) / 2));

/** "1.5" hours as the resident reads it: "1.5 小时", "半小时"-free and plain. */
export const hoursText = (hours: number): string =>
  Number.isInteger(hours) ? String(hours) : hours.toFixed(1);

export type StatusTone = 'waiting' | 'good' | 'bad' | 'asks';

/** A filed claim's state in words, and its colour. */
export function claimStatus(
  claim: Pick<ClaimView, 'status' | 'awardedPoints'>,
  t: Words,
): { words: string; tone: StatusTone } {
  switch (claim.status) {
    case 'approved':
      return { words: t.statusApproved(claim.awardedPoints ?? 0), tone: 'good' };
    case 'refused':
      return { words: t.statusRefused, tone: 'bad' };
    case 'needs_more':
      return { words: t.statusNeedsMore, tone: 'asks' };
    case 'awaiting_second':
      return { words: t.statusAwaitingSecond, tone: 'waiting' };
    default:
      return { words: t.statusSubmitted, tone: 'waiting' };
  }
}

/** "−20 积分 扣分：乱扔垃圾". */
export function deductionLine(
  d: Pick<DeductionView, 'points' | 'ruleTitleZh' | 'ruleTitleEn'>,
  t: Words,
  lang: Lang,
): string {
  return t.deductionLine(d.points, ruleTitle({ titleZh: d.ruleTitleZh, titleEn: d.ruleTitleEn }, lang));
}

/** Whether the resident may still appeal, by the server's clock. */
export const canAppeal = (d: Pick<DeductionView, 'appeal' | 'appealUntil'>, serverNowMs: number): boolean =>
  d.appeal === 'none' && d.appealUntil !== null && Date.parse(d.appealUntil) > serverNowMs;
