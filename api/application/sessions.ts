/**
 * Signing in and out, and enrolling phones: staff by e-mail and password, a resident's phone or
 * a merchant's device with a single-use code. Each answers a session (access and refresh
 * tokens); throttling keeps guessing slow (auth/login.ts, auth/throttle.ts).
 */
import { firstSignInStaff, signInStaff } from '../auth/login.ts';
import type { Principal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import {
  issueSession,
  refreshSession,
  revokePhone,
  revokeSessionFamily,
  type SessionTokens,
  signedInPhones,
} from '../auth/sessions.ts';
import { consumeAttempt, ENROLL_RULE } from '../auth/throttle.ts';
import { findResident } from '../directory/directory.ts';
import { enrollDevice, enrollResident } from '../directory/enroll.ts';
import { AppError } from '../errors.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

/** Staff sign-in with the e-mail or the phone number they were invited with (either field takes either). */
export async function signIn(
  ctx: AppContext,
  input: { email?: string | undefined; phone?: string | undefined; password: string; ip: string },
): Promise<{ principal: Principal; tokens: SessionTokens }> {
  const login = input.email ?? input.phone ?? '';
  const principal = await signInStaff(ctx.db, { login, password: input.password, ip: input.ip }, ctx.clock);
  return { principal, tokens: await issueSession(ctx.db, ctx.tokenKeys, principal, ctx.clock) };
}

/** The first sign-in with a one-time code: sets the password and signs in. */
export async function firstSignIn(
  ctx: AppContext,
  input: {
    email?: string | undefined;
    phone?: string | undefined;
    code: string;
    newPassword: string;
    ip: string;
  },
): Promise<{ principal: Principal; tokens: SessionTokens }> {
  const login = input.email ?? input.phone ?? '';
  const principal = await firstSignInStaff(ctx.db, { ...input, login }, ctx.clock);
  return { principal, tokens: await issueSession(ctx.db, ctx.tokenKeys, principal, ctx.clock) };
}

export const refresh = (ctx: AppContext, refreshToken: string) =>
  refreshSession(ctx.db, ctx.tokenKeys, refreshToken, ctx.clock);

export const signOut = (ctx: AppContext, refreshToken: string) =>
  revokeSessionFamily(ctx.db, refreshToken, ctx.clock);

/** A resident's phone, with the code from the slip. */
export async function enrollPhone(
  ctx: AppContext,
  input: { code: string; ip: string },
): Promise<SessionTokens> {
  await consumeAttempt(ctx.db, [`enroll:ip:${input.ip}`], ENROLL_RULE, ctx.clock);
  return ctx.db.transaction(async (tx) => {
    const principal = await enrollResident(tx, { code: input.code, codeKey: ctx.codeKey }, ctx.clock);
    return issueSession(tx, ctx.tokenKeys, principal, ctx.clock);
  });
}

/** A merchant's device, with the code from the slip and the public key it made for itself. */
export async function enrollMerchantDevice(
  ctx: AppContext,
  input: { code: string; publicKey: string; name?: string | undefined; ip: string },
) {
  await consumeAttempt(ctx.db, [`enroll:ip:${input.ip}`], ENROLL_RULE, ctx.clock);
  return ctx.db.transaction(async (tx) => {
    const enrolled = await enrollDevice(
      tx,
      { code: input.code, publicKey: input.publicKey, name: input.name, codeKey: ctx.codeKey },
      ctx.clock,
    );
    const tokens = await issueSession(tx, ctx.tokenKeys, enrolled.principal, ctx.clock);
    return { deviceId: enrolled.deviceId, merchantNumber: enrolled.merchantNumber, tokens };
  });
}

/** The phones a resident is signed in on, for the staff who help a resident who lost one. */
export async function residentPhones(ctx: AppContext, actor: Principal, residentId: string) {
  requireRight(actor, 'residents');
  if (!(await findResident(ctx.db, actor.allianceId, residentId))) throw new AppError('resident_not_found');
  return signedInPhones(ctx.db, { allianceId: actor.allianceId, subjectId: residentId }, ctx.clock);
}

/** Signs a lost phone out: it can no longer renew its sign-in; the resident enrolls a new one. */
export function signOutResidentPhone(
  ctx: AppContext,
  actor: Principal,
  residentId: string,
  familyId: string,
) {
  requireRight(actor, 'residents');
  return inTransaction(ctx, async (tx) => {
    if (!(await findResident(tx, actor.allianceId, residentId))) throw new AppError('resident_not_found');
    const ended = await revokePhone(
      tx,
      { allianceId: actor.allianceId, subjectId: residentId, familyId },
      ctx.clock,
    );
    if (ended) await audit(tx, actor, 'resident.phone_sign_out', residentId);
    return ended;
  });
}
