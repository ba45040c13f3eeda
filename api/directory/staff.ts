/**
 * Staff members: the coordinator invites them with a name, an e-mail or a phone number (or both)
 * to sign in with, and either an initial password or a one-time sign-in code (8 digits, valid 7
 * days, kept as a slow hash and shown once; the first sign-in with it sets the password). Rights
 * (reviewer, inspector, organizer, cashier), optionally the communities or grids they work in, and
 * their own resident record (so they never review their household's claims). The coordinator can
 * disable them — refused at once, on every door — or hand over a new code.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { normalPhone } from '../auth/login.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { StaffRight } from '../auth/rights.ts';
import type { Queryable } from '../db/client.ts';
import { sqlState } from '../db/error-log.ts';
import { residents, staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export interface NewStaff {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  /** Without a password, a one-time sign-in code is made and answered once. */
  password?: string | undefined;
  rights: StaffRight[];
  areas?: string[] | undefined;
  residentId?: string | undefined;
}

/** How long a one-time sign-in code works. */
export const SIGN_IN_CODE_DAYS = 7;

/** A one-time sign-in code: 8 digits in two groups, to read out or send by text message. */
export interface SignInCode {
  code: string;
  expiresAt: Date;
}

async function newSignInCode(now: Date) {
  const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const code: SignInCode = {
    code: `${digits.slice(0, 4)} ${digits.slice(4)}`,
    expiresAt: new Date(now.getTime() + SIGN_IN_CODE_DAYS * 86_400_000),
  };
  return { code, hash: await hashPassword(digits) };
}

async function requireResident(db: Queryable, allianceId: string, residentId: string) {
  const [found] = await db
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.id, residentId), eq(residents.allianceId, allianceId)));
  if (!found) throw new AppError('resident_not_found');
}

export interface StaffChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  rights?: StaffRight[] | undefined;
  areas?: string[] | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
  newSignInCode?: true | undefined;
  residentId?: string | null | undefined;
}

const view = {
  id: staffUsers.id,
  name: staffUsers.name,
  email: staffUsers.email,
  phone: staffUsers.phone,
  role: staffUsers.role,
  rights: staffUsers.rights,
  areas: staffUsers.areas,
  residentId: staffUsers.residentId,
  signInCodeExpiresAt: staffUsers.signInCodeExpiresAt,
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

export async function createStaff(db: Queryable, allianceId: string, input: NewStaff, now: Date) {
  if (input.residentId) await requireResident(db, allianceId, input.residentId);
  const code = input.password === undefined ? await newSignInCode(now) : undefined;
  const phone = input.phone === undefined ? null : normalPhone(input.phone);
  const [row] = await db
    .insert(staffUsers)
    .values({
      allianceId,
      role: 'staff',
      name: input.name,
      email: input.email?.trim() ?? null,
      phone,
      // Invited with a code: a password nobody knows until the first sign-in sets one.
      passwordHash: await hashPassword(input.password ?? generatePassword()),
      signInCodeHash: code?.hash ?? null,
      signInCodeExpiresAt: code?.code.expiresAt ?? null,
      rights: [...new Set(input.rights)],
      areas: input.areas ?? [],
      residentId: input.residentId ?? null,
    })
    .onConflictDoNothing()
    .returning(view);
  if (!row) await refuseTaken(db, input.email, phone);
  return { staff: row!, signInCode: code?.code };
}

/** Says which of the e-mail and the phone another account already signs in with. */
async function refuseTaken(db: Queryable, email: string | undefined, phone: string | null): Promise<never> {
  if (phone) {
    const [taken] = await db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(staffUsers.phone, phone));
    if (taken) throw new AppError('staff_phone_taken', { detail: `An account signs in with ${phone}.` });
  }
  throw new AppError('staff_email_taken', { detail: `An account uses ${email}.` });
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
  if (changes.phone !== undefined) set.phone = changes.phone === null ? null : normalPhone(changes.phone);
  if (changes.residentId) await requireResident(db, allianceId, changes.residentId);
  if (changes.residentId !== undefined) set.residentId = changes.residentId;
  if (changes.rights !== undefined) set.rights = [...new Set(changes.rights)];
  if (changes.areas !== undefined) set.areas = changes.areas;
  if (changes.disabled !== undefined) set.disabledAt = changes.disabled ? now : null;
  if (changes.password !== undefined) set.passwordHash = await hashPassword(changes.password);
  const code = changes.newSignInCode ? await newSignInCode(now) : undefined;
  if (code) {
    // The old password stops working too: the code is how they get back in.
    set.passwordHash = await hashPassword(generatePassword());
    set.signInCodeHash = code.hash;
    set.signInCodeExpiresAt = code.code.expiresAt;
  } else if (changes.password !== undefined) {
    set.signInCodeHash = null;
    set.signInCodeExpiresAt = null;
  }
  let row: StaffView | undefined;
  try {
    [row] = await db
      .update(staffUsers)
      .set(Object.keys(set).length ? set : { name: sql`${staffUsers.name}` })
      .where(and(eq(staffUsers.id, id), eq(staffUsers.allianceId, allianceId), eq(staffUsers.role, 'staff')))
      .returning(view);
  } catch (e) {
    // The same phone on another account (checked in one statement, so two at once cannot both win).
    if (sqlState(e) === '23505') throw new AppError('staff_phone_taken');
    throw e;
  }
  if (!row) throw new AppError('staff_not_found');
  return { staff: row, signInCode: code?.code };
}

type StaffView = Awaited<ReturnType<typeof staffOf>>[number];
