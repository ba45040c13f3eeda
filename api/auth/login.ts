/** Staff sign-in by e-mail and password. A wrong e-mail and a wrong password look the same. */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { consumeAttempt, LOGIN_RULE } from './throttle.ts';

// Compared against when the e-mail is unknown, so both failures take the same time.
const decoyHash = hashPassword('decoy password that matches nothing');

export async function checkStaffLogin(db: Queryable, email: string, password: string): Promise<Principal> {
  const [user] = await db
    .select()
    .from(staffUsers)
    .where(sql`lower(${staffUsers.email}) = ${email.trim().toLowerCase()}`);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok || user.disabledAt) {
    throw new AppError('invalid_credentials', {
      detail: 'The e-mail or password is wrong. Check them and try again.',
    });
  }
  return { role: user.role, allianceId: user.allianceId, subjectId: user.id };
}

/** Sign-in as both the API and the console do it: throttled per address and per e-mail, then checked. */
export async function signInStaff(
  db: Queryable,
  input: { email: string; password: string; ip: string },
  clock: Clock,
): Promise<Principal> {
  await consumeAttempt(
    db,
    [`login:ip:${input.ip}`, `login:email:${input.email.trim().toLowerCase()}`],
    LOGIN_RULE,
    clock,
  );
  return checkStaffLogin(db, input.email, input.password);
}
