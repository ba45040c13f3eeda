/**
 * Activities (活动, issue #17): an organizer publishes one under an earning rule (fixed or per
 * hour; the rule's version at publish is kept), residents sign up (报名) with a short waiting list,
 * check in and out at the venue with a rotating QR or are ticked by hand, and closing the activity
 * files one claim per attendee. Instants are UTC; communities are plain names, like households'.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliances } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const ACTIVITY_STATUSES = ['open', 'closed'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const SIGNUP_STATUSES = ['signed_up', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const ATTENDANCE_HOW = ['qr', 'hand'] as const;
export type AttendanceHow = (typeof ATTENDANCE_HOW)[number];

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    title: text('title').notNull(),
    /** The rule the attendees' claims are filed under, and its version when published. */
    ruleId: uuid('rule_id').notNull(),
    ruleVersionId: uuid('rule_version_id').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    place: text('place').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    /** How many may wait for a place once the activity is full. */
    waitlist: integer('waitlist').notNull().default(5),
    signupDeadline: at('signup_deadline').notNull(),
    /** Communities (社区/村) whose residents may sign up; empty: everyone. */
    communities: jsonb('communities').$type<string[]>().notNull().default([]),
    /** The volunteer team (志愿队) it belongs to, if any. */
    team: text('team'),
    status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('open'),
    organizerId: uuid('organizer_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    closedAt: at('closed_at'),
    closedBy: uuid('closed_by'),
    /** Kept at close: who was signed up, who came, and the rate in whole percent. */
    signedUpCount: integer('signed_up_count'),
    attendedCount: integer('attended_count'),
    attendanceRate: integer('attendance_rate'),
  },
  (t) => [index('activities_alliance_start_idx').on(t.allianceId, t.startsAt)],
);

export const activitySignups = pgTable(
  'activity_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    residentId: uuid('resident_id').notNull(),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull(),
    /** Order of signing up: the waiting list moves up by it. */
    position: integer('position').notNull(),
    /** The staff member who signed up a resident without a phone. */
    addedBy: uuid('added_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activity_signups_resident_key').on(t.activityId, t.residentId),
    index('activity_signups_waiting_idx').on(t.activityId, t.position).where(sql`${t.status} = 'waitlisted'`),
  ],
);

export const activityAttendance = pgTable(
  'activity_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    residentId: uuid('resident_id').notNull(),
    checkedInAt: at('checked_in_at'),
    checkedOutAt: at('checked_out_at'),
    /** How the check-in (or the hand tick) was made. */
    how: text('how', { enum: ATTENDANCE_HOW }).notNull(),
    /** Who ticked by hand. */
    tickedBy: uuid('ticked_by'),
    /** The hours counted at close, and the claim filed then. */
    halfHours: integer('half_hours'),
    claimId: uuid('claim_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('activity_attendance_resident_key').on(t.activityId, t.residentId)],
);
