/**
 * Local time in the alliance's time zone, and the calendar months that make settlement periods:
 * a period is `periodMonths` calendar months (1 by default), aligned to January 1970, so its
 * bounds follow from any instant — in Asia/Shanghai November 2026 runs from 2026-10-31T16:00Z to
 * 2026-11-30T16:00Z. Zone offsets come from Intl (no time zone library), so daylight-saving zones
 * work as well. Pure functions: storage stays UTC, these say what the people see.
 */
import { MONTH_MESSAGE, parseMonth } from '../shared/calendar.ts';
import { AppError } from './errors.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  /** 1…12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localTime(timeZone: string, instant: Date): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of format(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, number>();

/**
 * "2026-10-03 14:05:09" in the time zone: what a merchant reads on a receipt. Zones change
 * their offset only on quarter hours, so the offset is asked of Intl once per zone and quarter
 * hour and cached: a statement of thousands of lines formats in milliseconds.
 */
export function formatLocal(timeZone: string, instant: Date): string {
  const ms = instant.getTime();
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size >= 100_000) offsetCache.clear();
    offset = zoneOffsetMs(timeZone, new Date(bucket * QUARTER_HOUR));
    offsetCache.set(key, offset);
  }
  const d = new Date(ms + offset);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Local time minus UTC at `instant`, in milliseconds (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(timeZone: string, instant: Date): number {
  const l = localTime(timeZone, instant);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant local midnight starts the given date (month may overflow: 13 = next January). */
export function localMidnight(timeZone: string, year: number, month: number, day: number): Date {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - zoneOffsetMs(timeZone, new Date(wall));
  // A second pass settles dates where the offset changes between the two guesses.
  guess = wall - zoneOffsetMs(timeZone, new Date(guess));
  return new Date(guess);
}

/** [start, end) of the local calendar day holding `instant`. */
export function localDay(timeZone: string, instant: Date): { start: Date; end: Date } {
  const l = localTime(timeZone, instant);
  return {
    start: localMidnight(timeZone, l.year, l.month, l.day),
    end: localMidnight(timeZone, l.year, l.month, l.day + 1),
  };
}

export interface PeriodBounds {
  label: string;
  startsAt: Date;
  endsAt: Date;
}

export interface PeriodSettings {
  timezone: string;
  periodMonths: number;
}

const monthLabel = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

function boundsOfMonthIndex(settings: PeriodSettings, monthIndex: number): PeriodBounds {
  const length = Math.max(1, settings.periodMonths);
  const first = Math.floor(monthIndex / length) * length;
  const last = first + length - 1;
  return {
    label: length === 1 ? monthLabel(first) : `${monthLabel(first)}..${monthLabel(last)}`,
    startsAt: localMidnight(settings.timezone, Math.floor(first / 12), (first % 12) + 1, 1),
    endsAt: localMidnight(settings.timezone, Math.floor((last + 1) / 12), ((last + 1) % 12) + 1, 1),
  };
}

/** The period holding `instant` (accounting uses the server's recorded time). */
export function periodContaining(settings: PeriodSettings, instant: Date): PeriodBounds {
  const l = localTime(settings.timezone, instant);
  return boundsOfMonthIndex(settings, l.year * 12 + l.month - 1);
}

/** The period holding the month "YYYY-MM". */
export function periodOfMonth(settings: PeriodSettings, month: string): PeriodBounds {
  const parsed = parseMonth(month);
  if (!parsed) throw new AppError('invalid_month', { detail: `The month ${MONTH_MESSAGE}.` });
  return boundsOfMonthIndex(settings, parsed.year * 12 + parsed.month - 1);
}
