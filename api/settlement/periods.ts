/** Settlement periods as stored: one row a period, created (open) the first time it is needed. */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { settlementPeriods } from '../db/schema/index.ts';
import type { PeriodBounds } from '../local-time.ts';

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
