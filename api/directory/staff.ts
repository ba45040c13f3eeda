/**
 * Staff members: the coordinator invites them with a name, an e-mail (and a phone) and an
 * initial password, gives them rights (reviewer, inspector, organizer, cashier) and optionally
 * the communities or grids they work in, and can disable them — refused at once, on every door.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.ts';
import type { StaffRight } from '../auth/rights.ts';
import type { Queryable } from '../db/client.ts';
import { staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export interface NewStaff {
  name: string;
  email: string;
  phone?: string | undefined;
  password: string;
  rights: StaffRight[];
  areas?: string[] | undefined;
}

export interface StaffChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  rights?: StaffRight[] | undefined;
  areas?: string[] | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

const view = {
  id: staffUsers.id,
  name: staffUsers.name,
  email: staffUsers.email,
  phone: staffUsers.phone,
  role: staffUsers.role,
  rights: staffUsers.rights,
  areas: staffUsers.areas,
  disabledAt: staffUsers.disabledAt,
  createdAt: staffUsers.createdAt,
};

export function staffOf(db: Queryable, allianceId: string) {
  return db
    .select(view)
    .from(staffUsers)
    .where(eq(staffUsers.allianceId, allianceId))
    .orderBy(asc(staffUsers.createdAt));
}

export async function createStaff(db: Queryable, allianceId: string, input: NewStaff) {
  const [row] = await db
    .insert(staffUsers)
    .values({
      allianceId,
      role: 'staff',
      name: input.name,
      email: input.email.trim(),
      phone: input.phone ?? null,
      passwordHash: await hashPassword(input.password),
      rights: [...new Set(input.rights)],
      areas: input.areas ?? [],
    })
    .onConflictDoNothing()
    .returning(view);
  if (!row) throw new AppError('staff_email_taken', { detail: `An account uses ${input.email}.` });
  return row;
}

/** Changes a staff member (never the coordinator's own row: a coordinator is not staff). */
export async function updateStaff(
  db: Queryable,
  allianceId: string,
  id: string,
  changes: StaffChanges,
  now: Date,
) {
  const set: Partial<typeof staffUsers.$inferInsert> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.phone !== undefined) set.phone = changes.phone;
  if (changes.rights !== undefined) set.rights = [...new Set(changes.rights)];
  if (changes.areas !== undefined) set.areas = changes.areas;
  if (changes.disabled !== undefined) set.disabledAt = changes.disabled ? now : null;
  if (changes.password !== undefined) set.passwordHash = await hashPassword(changes.password);
  const [row] = await db
    .update(staffUsers)
    .set(Object.keys(set).length ? set : { name: sql`${staffUsers.name}` })
    .where(and(eq(staffUsers.id, id), eq(staffUsers.allianceId, allianceId), eq(staffUsers.role, 'staff')))
    .returning(view);
  if (!row) throw new AppError('staff_not_found');
  return row;
}
