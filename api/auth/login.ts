/**
 * Staff sign-in by e-mail and password. A wrong e-mail and a wrong password look the same.
 * Wrong passwords are counted per client address (over the limit: 429 for that address only)
 * and per account (over the limit: every further attempt is slowed, from wherever it comes).
 * So a stranger hammering the coordinator's e-mail never locks the coordinator out.
 */
import { eq, sql } from 'drizzle-orm';
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

export async function checkStaffLogin(db: Queryable, email: string, password: string): Promise<Principal> {
  const [user] = await db
    .select()
    .from(staffUsers)
    .where(sql`lower(${staffUsers.email}) = ${email.trim().toLowerCase()}`);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok || user.disabledAt) {
    throw new AppError('invalid_credentials', { detail: 'The e-mail or password is wrong.' });
  }
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

/** Sign-in as both the API and the console do it. */
export async function signInStaff(
  db: Queryable,
  input: { email: string; password: string; ip: string },
  clock: Clock,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Principal> {
  const ipKey = `login:ip:${input.ip}`;
  const accountKey = `login:email:${input.email.trim().toLowerCase()}`;
  await refuseWhenOver(db, ipKey, LOGIN_RULE, clock);
  const wait = accountSlowdownMs(await attemptsSoFar(db, accountKey, ACCOUNT_SLOWDOWN_RULE, clock));
  if (wait > 0) await sleep(wait);
  try {
    return await checkStaffLogin(db, input.email, input.password);
  } catch (e) {
    if (e instanceof AppError && e.code === 'invalid_credentials') {
      await countAttempts(db, [ipKey], LOGIN_RULE, clock);
      await countAttempts(db, [accountKey], ACCOUNT_SLOWDOWN_RULE, clock);
    }
    throw e;
  }
}
