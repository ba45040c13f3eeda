/**
 * Nobody decides on their own household: a staff member who is also a resident here (their
 * account names their resident record) may not review a claim of theirs or of anyone in their
 * household, nor decide an appeal against a deduction from it.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { residents, staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

async function householdOf(db: Queryable, residentId: string) {
  const [r] = await db
    .select({ householdId: residents.householdId })
    .from(residents)
    .where(eq(residents.id, residentId));
  return r?.householdId ?? null;
}

export async function refuseOwnHousehold(
  db: Queryable,
  reviewerId: string,
  target: { residentId?: string | null; householdId?: string | null },
): Promise<void> {
  const [staff] = await db
    .select({ residentId: staffUsers.residentId })
    .from(staffUsers)
    .where(eq(staffUsers.id, reviewerId));
  const own = staff?.residentId;
  if (!own) return;
  const ownHousehold = await householdOf(db, own);
  const targetHousehold =
    target.householdId ?? (target.residentId ? await householdOf(db, target.residentId) : null);
  if (target.residentId === own || (ownHousehold !== null && targetHousehold === ownHousehold)) {
    throw new AppError('own_household', {
      detail: 'This is yours or your household’s: another reviewer decides it.',
    });
  }
}
