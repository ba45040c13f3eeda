/**
 * Activities (活动), as both front doors ask for them: organizers (the `organize` right) publish,
 * add residents without a phone, show the rotating check-in code, tick attendees by hand and
 * close the activity, which files each attendee's claim for review; residents see what is
 * coming, sign up, cancel, and check in and out with the code they scanned. Each change runs in
 * one transaction with its audit entry when staff made it.
 */

import type { z } from 'zod';
import type {
  ActivityClosed,
  ActivityDetail,
  ActivityView,
  AttendanceView,
  CheckinCode,
  SignupView,
} from '../../shared/api/activities.ts';
import { formatDay } from '../../shared/calendar.ts';
import {
  type Activity,
  activitiesOf,
  publishActivity,
  requireActivity,
  signupCounts,
} from '../activities/activities.ts';
import {
  checkinKey,
  checkinToken,
  type Direction,
  recordAttendance,
  requireOpen,
  verifyCheckinToken,
} from '../activities/checkin.ts';
import { closeActivity } from '../activities/close.ts';
import {
  cancelSignup,
  communityOf,
  openTo,
  ownSignups,
  ownWaitPositions,
  signUp,
  signupList,
} from '../activities/signups.ts';
import type { Principal, ResidentPrincipal, StaffPrincipal } from '../auth/principal.ts';
import { hasRight, requireRight } from '../auth/rights.ts';
import type { Queryable } from '../db/client.ts';
import { allianceSettings } from '../directory/queries.ts';
import { type Rule, ruleVersion } from '../earning/rules.ts';
import { AppError } from '../errors.ts';
import { localTime } from '../local-time.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import type { ActivityBody, AttendanceBody } from './inputs.ts';

type View = z.infer<typeof ActivityView>;

async function views(db: Queryable, rows: Activity[], residentId?: string): Promise<View[]> {
  const counts = await signupCounts(
    db,
    rows.map((r) => r.id),
  );
  const mine = residentId ? await ownSignups(db, residentId) : undefined;
  const waiting = residentId ? await ownWaitPositions(db, residentId) : undefined;
  const rules = new Map<string, Rule | undefined>();
  const out: View[] = [];
  for (const a of rows) {
    if (!rules.has(a.ruleVersionId)) rules.set(a.ruleVersionId, await ruleVersion(db, a.ruleVersionId));
    const rule = rules.get(a.ruleVersionId)!;
    const c = counts.get(a.id) ?? { signedUp: 0, waitlisted: 0 };
    out.push({
      id: a.id,
      title: a.title,
      ruleCode: rule.code,
      ruleTitle: rule.titleZh,
      ruleVersion: a.ruleVersion,
      kind: rule.kind === 'per_hour' ? 'per_hour' : 'fixed',
      points: rule.kind === 'fixed' ? rule.points : null,
      pointsPerHour: rule.kind === 'per_hour' ? rule.pointsPerHour : null,
      place: a.place,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      capacity: a.capacity,
      waitlist: a.waitlist,
      signupDeadline: a.signupDeadline.toISOString(),
      communities: a.communities,
      team: a.team,
      status: a.status,
      signedUp: c.signedUp,
      waitlisted: c.waitlisted,
      attendanceRate: a.attendanceRate,
      ...(mine ? { mySignup: mine.get(a.id) ?? null, myWaitPosition: waiting?.get(a.id) ?? null } : {}),
    });
  }
  return out;
}

export function publish(ctx: AppContext, actor: StaffPrincipal, input: ActivityBody): Promise<View> {
  requireRight(actor, 'organize');
  return inTransaction(ctx, async (tx) => {
    const activity = await publishActivity(tx, actor.allianceId, actor.subjectId, input, ctx.clock);
    await audit(tx, actor, 'activity.publish', activity.id, { title: activity.title, rule: input.ruleCode });
    return (await views(tx, [activity]))[0]!;
  });
}

/** Staff see every activity; a resident sees those not over yet that are open to their community. */
export async function listActivities(ctx: AppContext, actor: Principal): Promise<View[]> {
  if (actor.role === 'resident') {
    const community = await communityOf(ctx.db, actor.allianceId, actor.subjectId);
    const rows = (await activitiesOf(ctx.db, actor.allianceId, { upcomingAt: ctx.clock.now() })).filter((a) =>
      openTo(a, community),
    );
    return views(ctx.db, rows, actor.subjectId);
  }
  if (actor.role !== 'coordinator' && actor.role !== 'staff') throw new AppError('forbidden');
  return views(ctx.db, await activitiesOf(ctx.db, actor.allianceId, {}));
}

/** One activity; organizers also get the sign-up list with each attendee's check-in and check-out. */
export async function activityDetail(
  ctx: AppContext,
  actor: Principal,
  id: string,
): Promise<z.infer<typeof ActivityDetail>> {
  const activity = await requireActivity(ctx.db, actor.allianceId, id);
  if (actor.role === 'resident') {
    const community = await communityOf(ctx.db, actor.allianceId, actor.subjectId);
    if (!openTo(activity, community)) throw new AppError('activity_not_found');
    return (await views(ctx.db, [activity], actor.subjectId))[0]!;
  }
  const [view] = await views(ctx.db, [activity]);
  if (!hasRight(actor, 'organize')) return view!;
  const list = await signupList(ctx.db, activity.id);
  return {
    ...view!,
    signups: list.map((s) => ({
      residentId: s.residentId,
      name: s.name,
      status: s.status,
      position: s.position,
      addedByStaff: s.addedBy !== null,
      checkedInAt: s.checkedInAt?.toISOString() ?? null,
      checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
    })),
  };
}

/** A resident signs up themselves; an organizer signs up a resident without a phone. */
export function signUpFor(
  ctx: AppContext,
  actor: Principal,
  activityId: string,
  body: { residentId?: string | undefined },
): Promise<z.infer<typeof SignupView>> {
  let residentId: string;
  let addedBy: string | undefined;
  if (actor.role === 'resident') {
    if (body.residentId && body.residentId !== actor.subjectId) throw new AppError('forbidden');
    residentId = actor.subjectId;
  } else {
    requireRight(actor, 'organize');
    if (!body.residentId) {
      throw new AppError('invalid_request', { detail: 'An organizer signing someone up names residentId.' });
    }
    residentId = body.residentId;
    addedBy = actor.subjectId;
  }
  return inTransaction(ctx, async (tx) => {
    const signup = await signUp(
      tx,
      { allianceId: actor.allianceId, activityId, residentId, addedBy },
      ctx.clock,
    );
    if (addedBy) await audit(tx, actor, 'activity.signup', activityId, { resident: residentId });
    return { activityId, residentId, status: signup.status };
  });
}

export function cancelOwnSignup(ctx: AppContext, actor: ResidentPrincipal, activityId: string) {
  return inTransaction(ctx, (tx) =>
    cancelSignup(tx, { allianceId: actor.allianceId, activityId, residentId: actor.subjectId }, ctx.clock),
  );
}

/** The code the organizer's phone shows now, and the URL its QR holds. */
export async function checkinCode(
  ctx: AppContext,
  actor: StaffPrincipal,
  activityId: string,
  direction: Direction,
  origin: string,
): Promise<z.infer<typeof CheckinCode>> {
  requireRight(actor, 'organize');
  const activity = await requireActivity(ctx.db, actor.allianceId, activityId);
  requireOpen(activity);
  const { token, expiresAt } = checkinToken(
    checkinKey(ctx.masterKey),
    activity.id,
    direction,
    ctx.clock.now(),
  );
  return {
    url: `${origin}/resident/#/checkin/${activity.id}/${token}`,
    token,
    expiresAt: expiresAt.toISOString(),
  };
}

/** A resident's scanned code, or an organizer's tick by hand. */
export function attend(
  ctx: AppContext,
  actor: Principal,
  activityId: string,
  body: AttendanceBody,
): Promise<z.infer<typeof AttendanceView>> {
  return inTransaction(ctx, async (tx) => {
    let row: Awaited<ReturnType<typeof recordAttendance>>;
    if ('token' in body) {
      if (actor.role !== 'resident') throw new AppError('forbidden', { detail: 'Residents scan the code.' });
      const direction = verifyCheckinToken(
        checkinKey(ctx.masterKey),
        activityId,
        body.token,
        ctx.clock.now(),
      );
      row = await recordAttendance(
        tx,
        { allianceId: actor.allianceId, activityId, residentId: actor.subjectId, direction, how: 'qr' },
        ctx.clock,
      );
    } else {
      requireRight(actor, 'organize');
      row = await recordAttendance(
        tx,
        {
          allianceId: actor.allianceId,
          activityId,
          residentId: body.residentId,
          direction: body.direction,
          how: 'hand',
          tickedBy: actor.subjectId,
        },
        ctx.clock,
      );
      await audit(tx, actor, `activity.tick_${body.direction}`, activityId, { resident: body.residentId });
    }
    return {
      activityId,
      residentId: row.residentId,
      checkedInAt: row.checkedInAt?.toISOString() ?? null,
      checkedOutAt: row.checkedOutAt?.toISOString() ?? null,
      how: row.how,
    };
  });
}

/** Closes the activity: the attendees' claims, filed by the closer, go to review. */
export async function close(
  ctx: AppContext,
  actor: StaffPrincipal,
  activityId: string,
  body: { attendees?: { residentId: string; hours: number }[] | undefined },
): Promise<z.infer<typeof ActivityClosed>> {
  requireRight(actor, 'organize');
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const today = formatDay(localTime(alliance.timezone, ctx.clock.now()));
  return inTransaction(ctx, async (tx) => {
    const result = await closeActivity(
      tx,
      {
        allianceId: actor.allianceId,
        activityId,
        closedBy: actor.subjectId,
        timezone: alliance.timezone,
        attendees: body.attendees,
      },
      today,
      ctx.clock,
    );
    if (result.outcome === 'closed') {
      await audit(tx, actor, 'activity.close', activityId, {
        claims: result.claims.length,
        attendanceRate: result.attendanceRate,
      });
    }
    return result;
  });
}
