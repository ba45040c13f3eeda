/**
 * Who may do what: one table of rights, checked by the use cases themselves and by both front
 * doors before they read, so the JSON API and the console refuse alike (403; on the console, a
 * page in words). A right belongs to roles (the coordinator may do everything the table gives
 * it; every staff member works the residents' desk) and may also be granted to single staff
 * members by the coordinator: reviewer (审核), inspector (检查/督导员), organizer (活动组织),
 * cashier (积分超市收银). Adding a right for a new kind of staff work means adding it here.
 */
import { AppError } from '../errors.ts';
import type { Principal, StaffPrincipal } from './principal.ts';

/** Rights the coordinator grants to staff members one by one. */
export const STAFF_RIGHTS = ['reviewer', 'inspector', 'organizer', 'cashier'] as const;
export type StaffRight = (typeof STAFF_RIGHTS)[number];

interface RightRule {
  roles: readonly StaffPrincipal['role'][];
  /** Staff members holding one of these may too. */
  grantedBy?: readonly StaffRight[];
}

const RIGHTS = {
  /** Residents and households: list, create, edit, enrollment slips; claims filed at the counter. */
  residents: { roles: ['coordinator', 'staff'] },
  /** Grant points for a good deed. */
  grant: { roles: ['coordinator', 'staff'] },
  /** Merchants, their offers and limits, devices and POS keys. */
  merchants: { roles: ['coordinator'] },
  /** Close months, read statements, record payments. */
  settlement: { roles: ['coordinator'] },
  /** Decide who bears a conflict's loss. */
  conflicts: { roles: ['coordinator'] },
  /** Rotate the alliance's voucher signing keys. */
  keys: { roles: ['coordinator'] },
  /** The dashboard, the monthly notice, the audit log. */
  overview: { roles: ['coordinator', 'staff'] },
  /** Invite staff, give them rights, disable them. */
  staff: { roles: ['coordinator'] },
  /** The earning rules: create, edit (a new version), import. */
  rules: { roles: ['coordinator'] },
  /** Review claims and appeals; hide a good deed from the public feed. */
  review: { roles: ['coordinator'], grantedBy: ['reviewer'] },
  /** Record a deduction against a resident or a household. */
  deduct: { roles: ['coordinator'], grantedBy: ['inspector', 'reviewer'] },
  /** Check a household against an inspection template (检查/督导), within the staff member's areas. */
  inspect: { roles: ['coordinator'], grantedBy: ['inspector'] },
  /** Inspection templates, closing a scoring month, deciding objections to a sheet. */
  scoring: { roles: ['coordinator'] },
  /** The points supermarket's goods (积分超市): add goods, record deliveries, counts and returns. */
  goods: { roles: ['coordinator'], grantedBy: ['cashier'] },
  /** Activities (活动): publish, sign up residents without a phone, show the check-in QR, tick by hand, close. */
  organize: { roles: ['coordinator'], grantedBy: ['organizer'] },
  /** Record what was given for a place in an ended month's or year's ranking (奖励). */
  awards: { roles: ['coordinator'] },
  /** Public screen links (一屏公示): create, list, revoke. */
  screens: { roles: ['coordinator'] },
} as const satisfies Record<string, RightRule>;

export type Right = keyof typeof RIGHTS;

export function hasRight(actor: Principal, right: Right): actor is StaffPrincipal {
  if (actor.role !== 'coordinator' && actor.role !== 'staff') return false;
  const rule: RightRule = RIGHTS[right];
  if (rule.roles.includes(actor.role)) return true;
  return actor.role === 'staff' && (rule.grantedBy ?? []).some((r) => actor.rights?.includes(r));
}

/** Refuses (403) anyone without the right: staff get `coordinator_only` where only the coordinator may. */
export function requireRight(actor: Principal, right: Right): asserts actor is StaffPrincipal {
  if (hasRight(actor, right)) return;
  const rule: RightRule = RIGHTS[right];
  const coordinatorOnly =
    rule.roles.length === 1 &&
    rule.roles[0] === 'coordinator' &&
    !rule.grantedBy &&
    (actor.role as string) === 'staff';
  throw new AppError(coordinatorOnly ? 'coordinator_only' : 'forbidden', {
    detail: `Needs the right "${right}".`,
  });
}
