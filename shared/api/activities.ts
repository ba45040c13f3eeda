/**
 * Activities (活动, issue #17) as the API answers them: the list and one activity with its
 * sign-up list (for the organizer), a sign-up, the rotating check-in code, an attendance record,
 * and what closing made. The API's tests check its answers against these.
 */
import { z } from 'zod';

export const SignupStatus = z.enum(['signed_up', 'waitlisted', 'cancelled']);

export const ActivityView = z.object({
  id: z.string(),
  title: z.string(),
  ruleCode: z.string(),
  ruleTitle: z.string(),
  ruleVersion: z.number().int(),
  kind: z.enum(['fixed', 'per_hour']),
  /** fixed: the points; per_hour: null. */
  points: z.number().int().nullable(),
  pointsPerHour: z.number().int().nullable(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  waitlist: z.number().int(),
  signupDeadline: z.string(),
  communities: z.array(z.string()),
  team: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  signedUp: z.number().int(),
  waitlisted: z.number().int(),
  /** Kept at close: percent of those with a place who came. */
  attendanceRate: z.number().int().nullable(),
  /** The asking resident's own sign-up, if any. */
  mySignup: SignupStatus.nullable().optional(),
  /** On the waiting list: the resident's place in it (1: next to move up). */
  myWaitPosition: z.number().int().nullable().optional(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ActivityList = z.object({ activities: z.array(ActivityView) });

export const SignupEntry = z.object({
  residentId: z.string(),
  name: z.string(),
  status: SignupStatus,
  position: z.number().int(),
  /** Signed up by staff for a resident without a phone. */
  addedByStaff: z.boolean(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
});

export const ActivityDetail = ActivityView.extend({
  /** For the organizer only. */
  signups: z.array(SignupEntry).optional(),
});

export const SignupView = z.object({ activityId: z.string(), residentId: z.string(), status: SignupStatus });

export const CheckinCode = z.object({
  /** `${origin}/resident/#/checkin/<activityId>/<token>`: what the QR holds. */
  url: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});

export const AttendanceView = z.object({
  activityId: z.string(),
  residentId: z.string(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  how: z.enum(['qr', 'hand']),
});

export const ActivityClosed = z.object({
  outcome: z.enum(['closed', 'already_closed']),
  claims: z.array(
    z.object({
      claimId: z.string(),
      residentId: z.string(),
      hours: z.number().nullable(),
      points: z.number().int().nullable(),
      status: z.string(),
    }),
  ),
  signedUp: z.number().int(),
  attended: z.number().int(),
  attendanceRate: z.number().int(),
});
