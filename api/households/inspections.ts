/**
 * Checks (检查): an inspector marks each item of a template 好 / 差 for a household, on a day
 * (today, or an earlier day of a scoring month not yet closed — a check done on paper and entered
 * later — never a day after today). Each of the template's items is marked once; bonus items
 * may be marked too. A second check of the same household in the same ISO week is refused unless
 * the inspector confirms it (`confirmSecond`). A check holds the month's row in share mode, so a
 * close (which locks it for update) and a check never cross.
 */
import { and, eq, sql } from 'drizzle-orm';
import { parseDay } from '../../shared/calendar.ts';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { type CheckItem, evidence, inspections, scoringMonths, scoringSheets } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type Household, requireInAreas } from './places.ts';
import type { Template } from './templates.ts';

export type Inspection = typeof inspections.$inferSelect;

/** ISO 8601 week of a day, "2026-W47". */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The month's row, created if needed (outside or inside the caller's transaction). */
export async function ensureScoringMonth(q: Tx, allianceId: string, month: string) {
  await q.insert(scoringMonths).values({ allianceId, month }).onConflictDoNothing();
}

/** Whether the household's month is closed: its sheet exists, or its community or the alliance was closed. */
export async function monthClosedFor(tx: Tx, household: Household, month: string, lock: 'share' | 'none') {
  const query = tx
    .select()
    .from(scoringMonths)
    .where(and(eq(scoringMonths.allianceId, household.allianceId), eq(scoringMonths.month, month)));
  const [row] = lock === 'share' ? await query.for('share') : await query;
  if (row?.closedAt) return true;
  if (household.community && row?.communities.includes(household.community)) return true;
  const [sheet] = await tx
    .select({ id: scoringSheets.id })
    .from(scoringSheets)
    .where(and(eq(scoringSheets.householdId, household.id), eq(scoringSheets.month, month)));
  return !!sheet;
}

export interface CheckInput {
  household: Household;
  template: Template;
  inspectorId: string;
  /** The inspector's areas; empty: everywhere. */
  areas: readonly string[];
  checkedOn: string;
  today: string;
  items: CheckItem[];
  note?: string | undefined;
  confirmSecond?: boolean | undefined;
}

export async function recordCheck(tx: Tx, input: CheckInput, clock: Clock): Promise<Inspection> {
  const { household, template } = input;
  requireInAreas(input.areas, household);
  if (!template.active) throw new AppError('template_not_found', { detail: 'This template is retired.' });
  if (!parseDay(input.checkedOn)) {
    throw new AppError('invalid_day', { detail: 'checkedOn must be a date like 2026-11-22.' });
  }
  if (input.checkedOn > input.today) {
    throw new AppError('future_check', { detail: `${input.checkedOn} is after today (${input.today}).` });
  }
  checkItems(template, input.items);
  const month = input.checkedOn.slice(0, 7);
  const week = isoWeek(input.checkedOn);
  await ensureScoringMonth(tx, household.allianceId, month);
  if (await monthClosedFor(tx, household, month, 'share')) {
    throw new AppError('scoring_month_closed', {
      detail: `Scoring month ${month} is closed for this household.`,
    });
  }
  // One household at a time: two inspectors saving at once still see each other's check.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inspect:${household.id}`}))`);
  const [same] = await tx
    .select({ id: inspections.id, checkedOn: inspections.checkedOn })
    .from(inspections)
    .where(and(eq(inspections.householdId, household.id), eq(inspections.week, week)))
    .limit(1);
  if (same && !input.confirmSecond) {
    throw new AppError('second_check_this_week', {
      detail: `This household was checked on ${same.checkedOn}, in week ${week}. Send confirmSecond: true to record a second check.`,
      details: { checkedOn: same.checkedOn, week },
    });
  }
  const photos = [...new Set(input.items.flatMap((i) => (i.evidenceId ? [i.evidenceId] : [])))];
  for (const id of photos) {
    const [photo] = await tx
      .select({ id: evidence.id })
      .from(evidence)
      .where(
        and(
          eq(evidence.id, id),
          eq(evidence.allianceId, household.allianceId),
          eq(evidence.uploadedBy, input.inspectorId),
        ),
      );
    if (!photo) throw new AppError('evidence_not_found', { detail: `Photo ${id} is unknown or not yours.` });
  }
  const [row] = await tx
    .insert(inspections)
    .values({
      allianceId: household.allianceId,
      householdId: household.id,
      templateId: template.id,
      inspectorId: input.inspectorId,
      checkedOn: input.checkedOn,
      month,
      week,
      items: input.items.map((i) => ({
        code: i.code,
        ok: i.ok,
        ...(i.note?.trim() ? { note: i.note.trim() } : {}),
        ...(i.evidenceId ? { evidenceId: i.evidenceId } : {}),
      })),
      note: input.note?.trim() || null,
      createdAt: clock.now(),
    })
    .returning();
  return row!;
}

/** Every item of the template once, bonus items at most once, nothing else. */
function checkItems(template: Template, items: CheckItem[]): void {
  const codes = items.map((i) => i.code);
  const required = template.items.map((i) => i.code);
  const bonus = new Set((template.bonus?.items ?? []).map((i) => i.code));
  const unknown = codes.filter((c) => !required.includes(c) && !bonus.has(c));
  const missing = required.filter((c) => !codes.includes(c));
  if (new Set(codes).size !== codes.length || unknown.length || missing.length) {
    throw new AppError('invalid_check_items', {
      detail: [
        missing.length ? `missing: ${missing.join(', ')}` : '',
        unknown.length ? `not in the template: ${unknown.join(', ')}` : '',
        new Set(codes).size !== codes.length ? 'an item is marked twice' : '',
      ]
        .filter(Boolean)
        .join('; '),
      details: { missing, unknown },
    });
  }
}

/** A household's checks in a month, in order. */
export function checksOf(q: Queryable, householdId: string, month: string) {
  return q
    .select()
    .from(inspections)
    .where(and(eq(inspections.householdId, householdId), eq(inspections.month, month)))
    .orderBy(inspections.checkedOn, inspections.createdAt);
}
