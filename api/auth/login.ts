/**
 * Staff sign-in by e-mail or phone number and a password, and a first sign-in with the one-time
 * code a coordinator handed over (it sets the password). A wrong e-mail, phone, password or code
 * all look the same.
 * Wrong passwords are counted per client address (over the limit: 429 for that address only)
 * and per account (over the limit: every further attempt is slowed, from wherever it comes).
 * So a stranger hammering the coordinator's e-mail never locks the coordinator out.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Principal, StaffPrincipal } from './principal.ts';
import {
  ACCOUNT_SLOWDOWN_RULE,
  attemptsSoFar,
  countAttempts,
  LOGIN_RULE,
  refuseWhenOver,
} from './throttle.ts';

// Compared against when the e-mail is unknown, so both failures take the same time.
const decoyHash = hashPassword('decoy password that matches nothing');

/** The longest an account's slowdown makes one attempt wait. */
const MAX_SLOWDOWN_MS = 4000;

/** A phone number as staff accounts keep it: digits (and a leading +) only. */
export const normalPhone = (phone: string): string => phone.replace(/[^\d+]/g, '');

/** The account an e-mail or a phone number names: with an @ it is an e-mail, otherwise a phone. */
async function accountOf(db: Queryable, login: string) {
  const given = login.trim();
  const [user] = await db
    .select()
    .from(staffUsers)
    .where(
      given.includes('@')
        ? sql`lower(${staffUsers.email}) = ${given.toLowerCase()}`
        : eq(staffUsers.phone, normalPhone(given) || '-'),
    );
  return user;
}

const wrong = () =>
  new AppError('invalid_credentials', { detail: 'The e-mail or phone, or the password, is wrong.' });

export async function checkStaffLogin(db: Queryable, login: string, password: string): Promise<Principal> {
  const user = await accountOf(db, login);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok || user.disabledAt) throw wrong();
  return { role: user.role, allianceId: user.allianceId, subjectId: user.id };
}

/**
 * The first sign-in with a one-time code: the code must be the account's and unexpired; the new
 * password replaces it, and the code stops working.
 */
async function useSignInCode(
  db: Queryable,
  input: { login: string; code: string; newPassword: string },
  clock: Clock,
): Promise<Principal> {
  const user = await accountOf(db, input.login);
  const code = input.code.replace(/\s/g, '');
  const ok = await verifyPassword(code, user?.signInCodeHash ?? (await decoyHash));
  if (!user || !ok || user.disabledAt) throw wrong();
  if (!user.signInCodeExpiresAt || user.signInCodeExpiresAt <= clock.now()) {
    throw new AppError('sign_in_code_expired');
  }
  const [changed] = await db
    .update(staffUsers)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      signInCodeHash: null,
      signInCodeExpiresAt: null,
    })
    .where(and(eq(staffUsers.id, user.id), eq(staffUsers.signInCodeHash, user.signInCodeHash!)))
    .returning({ id: staffUsers.id });
  // Two first sign-ins with the same code at once: one sets the password, the other is refused.
  if (!changed) throw wrong();
  return { role: user.role, allianceId: user.allianceId, subjectId: user.id };
}

/**
 * A staff member's access token is re-checked against the account on every request, like a
 * device's: a disabled (or removed) account is refused at once, not when its token runs out.
 */
export async function requireActiveStaff(db: Queryable, principal: StaffPrincipal): Promise<StaffPrincipal> {
  const [user] = await db
    .select({
      role: staffUsers.role,
      rights: staffUsers.rights,
      disabledAt: staffUsers.disabledAt,
      allianceId: staffUsers.allianceId,
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, principal.subjectId));
  if (!user || user.disabledAt || user.allianceId !== principal.allianceId) {
    throw new AppError('account_disabled', { detail: 'This staff account is disabled.' });
  }
  return { ...principal, role: user.role, rights: user.rights };
}

/** The wait before an attempt on an account with `failures` recent wrong passwords: 0, then doubling. */
export function accountSlowdownMs(failures: number): number {
  const over = failures - ACCOUNT_SLOWDOWN_RULE.limit;
  return over < 0 ? 0 : Math.min(250 * 2 ** over, MAX_SLOWDOWN_MS);
}

/**
 * Counts a wrong attempt against the client address and the account, as sign-in and first
 * sign-in both do: over the address's limit, 429 for that address; the account only slows down.
 */
async function throttled<T>(
  db: Queryable,
  input: { login: string; ip: string },
  clock: Clock,
  sleep: (ms: number) => Promise<void>,
  attempt: () => Promise<T>,
): Promise<T> {
  const ipKey = `login:ip:${input.ip}`;
  const accountKey = `login:account:${input.login.includes('@') ? input.login.trim().toLowerCase() : normalPhone(input.login)}`;
  await refuseWhenOver(db, ipKey, LOGIN_RULE, clock);
  const wait = accountSlowdownMs(await attemptsSoFar(db, accountKey, ACCOUNT_SLOWDOWN_RULE, clock));
  if (wait > 0) await sleep(wait);
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof AppError && e.code === 'invalid_credentials') {
      await countAttempts(db, [ipKey], LOGIN_RULE, clock);
      await countAttempts(db, [accountKey], ACCOUNT_SLOWDOWN_RULE, clock);
    }
    throw e;
  }
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sign-in as both the API and the console do it: `login` is an e-mail or a phone number. */
export function signInStaff(
  db: Queryable,
  input: { login: string; password: string; ip: string },
  clock: Clock,
  sleep: (ms: number) => Promise<void> = realSleep,
): Promise<Principal> {
  return throttled(db, input, clock, sleep, () => checkStaffLogin(db, input.login, input.password));
}

/** A first sign-in with a one-time code, throttled like a sign-in. */
export function firstSignInStaff(
  db: Queryable,
  input: { login: string; code: string; newPassword: string; ip: string },
  clock: Clock,
  sleep: (ms: number) => Promise<void> = realSleep,
): Promise<Principal> {
  return throttled(db, input, clock, sleep, () => useSignInCode(db, input, clock));
}
