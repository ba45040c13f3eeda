/**
 * Closing an activity: each attendee gets one claim under the activity's rule, at the version
 * kept at publish, filed by whoever closes it (so they cannot approve it themselves: own_claim),
 * which then goes through review like any claim. Per-hour rules count the hours from check-in
 * to check-out in steps of 30 minutes (to the nearest step), capped at the activity's length; a
 * missing check-out counts to the activity's end. The organizer may confirm or correct each
 * attendee's hours instead. Signed up but absent earns nothing. The sign-up and attendance
 * counts and the rate are kept. Closing is one transaction (a claim the rule's limits refuse
 * refuses the close); closing a closed activity answers the claims made the first time and
 * files nothing.
 */
import { and, eq } from 'drizzle-orm';
import { formatDay } from '../../shared/calendar.ts';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import {
  activities,
  activityAttendance,
  activitySignups,
  claims,
  rules,
  ruleVersions,
} from '../db/schema/index.ts';
import { fileClaim } from '../earning/claims.ts';
import { AppError } from '../errors.ts';
import { localTime } from '../local-time.ts';
import { requireActivity } from './activities.ts';
import { communityOf } from './signups.ts';

const HALF_HOUR = 1_800_000;

export interface CloseInput {
  allianceId: string;
  activityId: string;
  closedBy: string;
  timezone: string;
  /** The organizer's confirmed hours per attendee; without it, from check-in and check-out. */
  attendees?: { residentId: string; hours: number }[] | undefined;
}

export interface ClosedClaim {
  claimId: string;
  residentId: string;
  hours: number | null;
  points: number | null;
  status: string;
}

export interface CloseResult {
  outcome: 'closed' | 'already_closed';
  claims: ClosedClaim[];
  signedUp: number;
  attended: number;
  attendanceRate: number;
}

/** Half hours between check-in and check-out, to the nearest step, within the activity's length. */
export function halfHoursOf(
  activity: { startsAt: Date; endsAt: Date },
  row: { checkedInAt: Date | null; checkedOutAt: Date | null },
): number {
  const from = row.checkedInAt ?? activity.startsAt;
  const to = row.checkedOutAt ?? activity.endsAt;
  const length = activity.endsAt.getTime() - activity.startsAt.getTime();
  const ms = Math.min(Math.max(0, to.getTime() - from.getTime()), length);
  return Math.min(Math.round(ms / HALF_HOUR), Math.floor(length / HALF_HOUR));
}

export async function closeActivity(
  tx: Tx,
  input: CloseInput,
  today: string,
  clock: Clock,
): Promise<CloseResult> {
  const activity = await requireActivity(tx, input.allianceId, input.activityId, true);
  const now = clock.now();
  if (activity.status === 'closed') {
    return {
      outcome: 'already_closed',
      claims: await claimsOfActivity(tx, activity.id),
      signedUp: activity.signedUpCount ?? 0,
      attended: activity.attendedCount ?? 0,
      attendanceRate: activity.attendanceRate ?? 0,
    };
  }
  if (now.getTime() < activity.startsAt.getTime()) {
    throw new AppError('activity_not_started', { detail: 'Close the activity once it has started.' });
  }
  const maxHalves = Math.floor((activity.endsAt.getTime() - activity.startsAt.getTime()) / HALF_HOUR);

  // Who attended, and for how long: the organizer's list when given, else the check-ins.
  const rows = await tx
    .select()
    .from(activityAttendance)
    .where(eq(activityAttendance.activityId, activity.id));
  const halves = new Map<string, number>();
  if (input.attendees) {
    for (const a of input.attendees) {
      const h = a.hours * 2;
      if (!Number.isInteger(h) || h < 0 || h > maxHalves) {
        throw new AppError('invalid_attendee_hours', {
          detail: `Hours go in half hours, from 0 to ${maxHalves / 2} (the activity's length).`,
          details: { residentId: a.residentId },
        });
      }
      if (halves.has(a.residentId)) {
        throw new AppError('invalid_attendee_hours', {
          detail: 'Each attendee once.',
          details: { residentId: a.residentId },
        });
      }
      await communityOf(tx, input.allianceId, a.residentId);
      halves.set(a.residentId, h);
    }
  } else {
    for (const row of rows) if (row.checkedInAt) halves.set(row.residentId, halfHoursOf(activity, row));
  }

  const occurredOn = formatDay(localTime(input.timezone, activity.startsAt));
  const rule = await ruleOf(tx, activity.ruleVersionId);
  const made: ClosedClaim[] = [];
  let attended = 0;
  for (const [residentId, h] of halves) {
    if (h <= 0) continue;
    attended += 1;
    const claim = await fileClaim(
      tx,
      {
        allianceId: input.allianceId,
        residentId,
        ruleCode: rule.code,
        ruleVersionId: activity.ruleVersionId,
        occurredOn,
        hours: rule.kind === 'per_hour' ? h / 2 : undefined,
        note: activity.title,
        filedBy: input.closedBy,
        uploaderId: input.closedBy,
      },
      today,
      clock,
    );
    const existing = rows.find((r) => r.residentId === residentId);
    if (existing) {
      await tx
        .update(activityAttendance)
        .set({ halfHours: h, claimId: claim.id })
        .where(eq(activityAttendance.id, existing.id));
    } else {
      await tx.insert(activityAttendance).values({
        activityId: activity.id,
        residentId,
        how: 'hand',
        tickedBy: input.closedBy,
        halfHours: h,
        claimId: claim.id,
        createdAt: now,
      });
    }
    made.push({
      claimId: claim.id,
      residentId,
      hours: claim.halfHours === null ? null : claim.halfHours / 2,
      points: claim.points,
      status: claim.status,
    });
  }

  const places = await tx
    .select({ residentId: activitySignups.residentId })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'signed_up')));
  const signedUp = places.length;
  // The rate is of those with a place who came; walk-ins ticked by hand count as attended only.
  const came = places.filter((p) => (halves.get(p.residentId) ?? 0) > 0).length;
  const attendanceRate = signedUp === 0 ? 0 : Math.round((came * 100) / signedUp);
  await tx
    .update(activities)
    .set({
      status: 'closed',
      closedAt: now,
      closedBy: input.closedBy,
      signedUpCount: signedUp,
      attendedCount: attended,
      attendanceRate,
    })
    .where(eq(activities.id, activity.id));
  return { outcome: 'closed', claims: made, signedUp, attended, attendanceRate };
}

/** The rule's code and its kind as published (claims are filed under that version). */
async function ruleOf(tx: Tx, versionId: string) {
  const [row] = await tx
    .select({ code: rules.code, kind: ruleVersions.kind })
    .from(ruleVersions)
    .innerJoin(rules, eq(rules.id, ruleVersions.ruleId))
    .where(eq(ruleVersions.id, versionId));
  if (!row) throw new AppError('rule_not_found');
  return row;
}

/** The claims a closed activity made. */
export async function claimsOfActivity(tx: Tx, activityId: string): Promise<ClosedClaim[]> {
  const rows = await tx
    .select({
      claimId: claims.id,
      residentId: claims.residentId,
      halfHours: claims.halfHours,
      points: claims.points,
      status: claims.status,
    })
    .from(activityAttendance)
    .innerJoin(claims, eq(claims.id, activityAttendance.claimId))
    .where(eq(activityAttendance.activityId, activityId));
  return rows.map((r) => ({
    claimId: r.claimId,
    residentId: r.residentId,
    hours: r.halfHours === null ? null : r.halfHours / 2,
    points: r.points,
    status: r.status,
  }));
}
