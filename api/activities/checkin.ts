/**
 * Check-in and check-out at the venue (签到/签退). The organizer's phone shows a QR that changes
 * every 30 seconds: its token is an HMAC, under a key derived from the app's master key, of the
 * activity, the direction and the 30-second step, and names the step it was made in. A token is
 * good in its own step and the next (so for 30 to 60 seconds): a photo of the QR sent to a friend
 * at home is useless a minute later. A resident checks in once (a second scan keeps the first
 * time) and out once; the organizer ticks by hand those without a phone.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import type { AttendanceHow } from '../db/schema/activities.ts';
import { activityAttendance, activitySignups } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type Activity, requireActivity } from './activities.ts';
import { communityOf } from './signups.ts';

export type Direction = 'in' | 'out';
export type Attendance = typeof activityAttendance.$inferSelect;

export const STEP_MS = 30_000;

/** The key check-in tokens are made with, derived from the app's master key. */
export const checkinKey = (masterKey: Uint8Array): Uint8Array =>
  new Uint8Array(createHmac('sha256', masterKey).update('activity-checkin-v1').digest());

const mac = (key: Uint8Array, activityId: string, direction: Direction, step: number) =>
  createHmac('sha256', key)
    .update(`${activityId}\n${direction}\n${step}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');

/** `<i|o><step>.<mac>`: the direction and step travel in the clear, the MAC binds them to the activity. */
export const TOKEN = /^([io])(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export function checkinToken(key: Uint8Array, activityId: string, direction: Direction, at: Date) {
  const step = Math.floor(at.getTime() / STEP_MS);
  return {
    token: `${direction === 'in' ? 'i' : 'o'}${step}.${mac(key, activityId, direction, step)}`,
    /** The end of the next step: the last moment the token is taken. */
    expiresAt: new Date((step + 2) * STEP_MS),
  };
}

/** The direction a token is for, or a refusal in words: unknown, or too old. */
export function verifyCheckinToken(key: Uint8Array, activityId: string, token: string, now: Date): Direction {
  const m = TOKEN.exec(token);
  if (!m) throw new AppError('checkin_code_invalid', { detail: 'This is not a check-in code.' });
  const direction: Direction = m[1] === 'i' ? 'in' : 'out';
  const step = Number(m[2]);
  const expected = Buffer.from(mac(key, activityId, direction, step));
  if (!timingSafeEqual(expected, Buffer.from(m[3]!))) {
    throw new AppError('checkin_code_invalid', { detail: 'This code is not this activity’s.' });
  }
  const current = Math.floor(now.getTime() / STEP_MS);
  if (step > current) throw new AppError('checkin_code_invalid', { detail: 'This code is from the future.' });
  if (step < current - 1) {
    throw new AppError('checkin_code_expired', {
      detail: `The code is ${Math.round((now.getTime() - step * STEP_MS) / 1000)} seconds old; codes last under a minute.`,
    });
  }
  return direction;
}

export function requireOpen(activity: Activity): void {
  if (activity.status !== 'open')
    throw new AppError('activity_closed', { detail: 'The activity is closed.' });
}

/**
 * Records a check-in or check-out. In: the first time stays. Out: only after an in; the first
 * check-out stays too. A resident checking in with a code must have a place (signed_up).
 */
export async function recordAttendance(
  tx: Tx,
  input: {
    allianceId: string;
    activityId: string;
    residentId: string;
    direction: Direction;
    how: AttendanceHow;
    tickedBy?: string | undefined;
  },
  clock: Clock,
): Promise<Attendance> {
  const activity = await requireActivity(tx, input.allianceId, input.activityId, true);
  requireOpen(activity);
  const now = clock.now();
  if (input.how === 'qr') {
    const [signup] = await tx
      .select({ status: activitySignups.status })
      .from(activitySignups)
      .where(
        and(eq(activitySignups.activityId, activity.id), eq(activitySignups.residentId, input.residentId)),
      );
    if (signup?.status !== 'signed_up') {
      throw new AppError('not_signed_up', { detail: 'Only residents with a place check in with the code.' });
    }
  } else {
    await communityOf(tx, input.allianceId, input.residentId);
  }
  const [existing] = await tx
    .select()
    .from(activityAttendance)
    .where(
      and(
        eq(activityAttendance.activityId, activity.id),
        eq(activityAttendance.residentId, input.residentId),
      ),
    );
  if (input.direction === 'in') {
    if (existing?.checkedInAt) return existing;
    const [row] = await tx
      .insert(activityAttendance)
      .values({
        activityId: activity.id,
        residentId: input.residentId,
        checkedInAt: now,
        how: input.how,
        tickedBy: input.tickedBy ?? null,
        createdAt: now,
      })
      .returning();
    return row!;
  }
  if (!existing?.checkedInAt) {
    throw new AppError('not_checked_in', { detail: 'Check in first, then out.' });
  }
  if (existing.checkedOutAt) return existing;
  const [row] = await tx
    .update(activityAttendance)
    .set({ checkedOutAt: now })
    .where(eq(activityAttendance.id, existing.id))
    .returning();
  return row!;
}
