/** Settlement periods as stored: one row a period, created (open) the first time it is needed. */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { settlementPeriods } from '../db/schema/index.ts';
import {
  localTime,
  type PeriodBounds,
  type PeriodSettings,
  periodContaining,
  periodOfMonth,
} from '../local-time.ts';

export type SettlementPeriod = typeof settlementPeriods.$inferSelect;

/** The stored row of a period, created (open) on first use. */
export async function ensurePeriod(
  q: Queryable,
  allianceId: string,
  bounds: PeriodBounds,
): Promise<SettlementPeriod> {
  await q
    .insert(settlementPeriods)
    .values({ allianceId, label: bounds.label, startsAt: bounds.startsAt, endsAt: bounds.endsAt })
    .onConflictDoNothing();
  const [row] = await q
    .select()
    .from(settlementPeriods)
    .where(
      and(eq(settlementPeriods.allianceId, allianceId), eq(settlementPeriods.startsAt, bounds.startsAt)),
    );
  return row!;
}

/**
 * The months a coordinator may close now, newest first: periods that have ended (at most a year
 * back) and are not closed, each named by its last month. The first is the one to offer by
 * default: last month, unless it is closed already.
 */
export function closableMonths(
  settings: PeriodSettings,
  closedLabels: ReadonlySet<string>,
  now: Date,
): { month: string; bounds: PeriodBounds }[] {
  const current = periodContaining(settings, now);
  const here = localTime(settings.timezone, current.startsAt);
  const out: { month: string; bounds: PeriodBounds }[] = [];
  const seen = new Set<string>();
  for (let back = 1; back <= 12; back++) {
    const index = here.year * 12 + here.month - 1 - back;
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const bounds = periodOfMonth(settings, month);
    if (seen.has(bounds.label) || closedLabels.has(bounds.label) || bounds.endsAt > now) continue;
    seen.add(bounds.label);
    out.push({ month, bounds });
  }
  return out;
}
