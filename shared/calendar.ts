/**
 * Days and months as people write them (2026-11-22, 2026-11), parsed in one place with sane
 * bounds: a real calendar date in the years 2000–2100. Anything else is refused with words,
 * never stored as a surprising date (a "0000-01" period, a "9999-99-99" day).
 */
import { z } from 'zod';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface YearMonth {
  year: number;
  /** 1…12 */
  month: number;
}

export interface YearMonthDay extends YearMonth {
  day: number;
}

export function parseMonth(text: string): YearMonth | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  return { year, month };
}

export function parseDay(text: string): YearMonthDay | undefined {
  const m = /^(\d{4}-\d{2})-(\d{2})$/.exec(text);
  const ym = m ? parseMonth(m[1]!) : undefined;
  if (!ym) return undefined;
  const day = Number(m![2]);
  const daysInMonth = new Date(Date.UTC(ym.year, ym.month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  return { ...ym, day };
}

export const formatMonth = ({ year, month }: YearMonth) => `${year}-${String(month).padStart(2, '0')}`;

export const formatDay = ({ year, month, day }: YearMonthDay) =>
  `${formatMonth({ year, month })}-${String(day).padStart(2, '0')}`;

export const MONTH_MESSAGE = `must be a month like 2026-11 (years ${MIN_YEAR}–${MAX_YEAR})`;
export const DAY_MESSAGE = `must be a date like 2026-11-22 (years ${MIN_YEAR}–${MAX_YEAR})`;

export const Month = z.string().refine((s) => parseMonth(s) !== undefined, MONTH_MESSAGE);
export const Day = z.string().refine((s) => parseDay(s) !== undefined, DAY_MESSAGE);
