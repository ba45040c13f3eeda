/**
 * Signing up (报名) for an activity: a place while there is one, else a short waiting list that
 * moves up by itself when someone cancels; closed after the deadline; only residents of the
 * communities the activity is open to (a resident's community is their household's; a resident
 * in no household, or in one with no community yet, may sign up for any). The activity's row is
 * locked for every change, so two sign-ups at once cannot both take the last place.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import type { SignupStatus } from '../db/schema/activities.ts';
import { activityAttendance, activitySignups, households, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { type Activity, requireActivity } from './activities.ts';

export type Signup = typeof activitySignups.$inferSelect;

/** The resident's community, or null when they are placed in none. */
export async function communityOf(db: Queryable, allianceId: string, residentId: string) {
  const [row] = await db
    .select({ id: residents.id, community: households.community })
    .from(residents)
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(residents.id, residentId), eq(residents.allianceId, allianceId)));
  if (!row) throw new AppError('resident_not_found');
  return row.community ?? null;
}

export const openTo = (activity: Pick<Activity, 'communities'>, community: string | null) =>
  activity.communities.length === 0 || community === null || activity.communities.includes(community);

export async function signUp(
  tx: Tx,
  input: { allianceId: string; activityId: string; residentId: string; addedBy?: string | undefined },
  clock: Clock,
): Promise<Signup> {
  const activity = await requireActivity(tx, input.allianceId, input.activityId, true);
  const now = clock.now();
  if (activity.status !== 'open' || now.getTime() > activity.signupDeadline.getTime()) {
    throw new AppError('signup_closed', {
      detail: `Sign-up closed at ${activity.signupDeadline.toISOString()}.`,
    });
  }
  const community = await communityOf(tx, input.allianceId, input.residentId);
  if (!openTo(activity, community)) {
    throw new AppError('activity_not_open_to_you', {
      detail: `Open to ${activity.communities.join(', ')}; the resident is in ${community}.`,
    });
  }
  const [existing] = await tx
    .select()
    .from(activitySignups)
    .where(
      and(eq(activitySignups.activityId, activity.id), eq(activitySignups.residentId, input.residentId)),
    );
  if (existing && existing.status !== 'cancelled') return existing;

  const [counts] = await tx
    .select({
      signedUp: sql<number>`count(*) filter (where ${activitySignups.status} = 'signed_up')`,
      waitlisted: sql<number>`count(*) filter (where ${activitySignups.status} = 'waitlisted')`,
      last: sql<number>`coalesce(max(${activitySignups.position}), 0)`,
    })
    .from(activitySignups)
    .where(eq(activitySignups.activityId, activity.id));
  let status: SignupStatus;
  if (Number(counts!.signedUp) < activity.capacity) status = 'signed_up';
  else if (Number(counts!.waitlisted) < activity.waitlist) status = 'waitlisted';
  else throw new AppError('activity_full', { detail: 'Every place and the waiting list are taken.' });
  const values = {
    status,
    position: Number(counts!.last) + 1,
    addedBy: input.addedBy ?? null,
    updatedAt: now,
  };
  if (existing) {
    const [row] = await tx
      .update(activitySignups)
      .set(values)
      .where(eq(activitySignups.id, existing.id))
      .returning();
    return row!;
  }
  const [row] = await tx
    .insert(activitySignups)
    .values({ ...values, activityId: activity.id, residentId: input.residentId, createdAt: now })
    .returning();
  return row!;
}

/**
 * A resident cancels before the start; when they had a place, the first on the waiting list
 * takes it. Returns who moved up, if anyone.
 */
export async function cancelSignup(
  tx: Tx,
  input: { allianceId: string; activityId: string; residentId: string },
  clock: Clock,
): Promise<{ promoted: string | null }> {
  const activity = await requireActivity(tx, input.allianceId, input.activityId, true);
  const now = clock.now();
  const [signup] = await tx
    .select()
    .from(activitySignups)
    .where(
      and(eq(activitySignups.activityId, activity.id), eq(activitySignups.residentId, input.residentId)),
    );
  if (!signup || signup.status === 'cancelled') throw new AppError('signup_not_found');
  if (activity.status !== 'open' || now.getTime() >= activity.startsAt.getTime()) {
    throw new AppError('signup_closed', { detail: 'The activity has started: sign-ups no longer change.' });
  }
  await tx
    .update(activitySignups)
    .set({ status: 'cancelled', updatedAt: now })
    .where(eq(activitySignups.id, signup.id));
  if (signup.status !== 'signed_up') return { promoted: null };
  const [next] = await tx
    .select()
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'waitlisted')))
    .orderBy(asc(activitySignups.position))
    .limit(1);
  if (!next) return { promoted: null };
  await tx
    .update(activitySignups)
    .set({ status: 'signed_up', updatedAt: now })
    .where(eq(activitySignups.id, next.id));
  return { promoted: next.residentId };
}

/** The sign-up list with names and attendance, in the order people signed up. */
export function signupList(db: Queryable, activityId: string) {
  return db
    .select({
      residentId: activitySignups.residentId,
      name: residents.name,
      status: activitySignups.status,
      position: activitySignups.position,
      addedBy: activitySignups.addedBy,
      checkedInAt: activityAttendance.checkedInAt,
      checkedOutAt: activityAttendance.checkedOutAt,
    })
    .from(activitySignups)
    .innerJoin(residents, eq(residents.id, activitySignups.residentId))
    .leftJoin(
      activityAttendance,
      and(
        eq(activityAttendance.activityId, activitySignups.activityId),
        eq(activityAttendance.residentId, activitySignups.residentId),
      ),
    )
    .where(eq(activitySignups.activityId, activityId))
    .orderBy(asc(activitySignups.position));
}

/** The resident's own sign-up status per activity. */
export async function ownSignups(db: Queryable, residentId: string): Promise<Map<string, SignupStatus>> {
  const rows = await db
    .select({ activityId: activitySignups.activityId, status: activitySignups.status })
    .from(activitySignups)
    .where(eq(activitySignups.residentId, residentId));
  return new Map(rows.map((r) => [r.activityId, r.status]));
}

/** The resident's place on each waiting list they are on (1: the next to move up). */
export async function ownWaitPositions(db: Queryable, residentId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({
      activityId: activitySignups.activityId,
      ahead: sql<number>`(select count(*) from activity_signups w
        where w.activity_id = ${activitySignups.activityId} and w.status = 'waitlisted'
          and w.position < ${activitySignups.position})`,
    })
    .from(activitySignups)
    .where(and(eq(activitySignups.residentId, residentId), eq(activitySignups.status, 'waitlisted')));
  return new Map(rows.map((r) => [r.activityId, Number(r.ahead) + 1]));
}
