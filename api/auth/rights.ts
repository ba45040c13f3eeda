/**
 * Who may do what: one table of rights by role, checked by the use cases themselves and by both
 * front doors before they read, so the JSON API and the console refuse alike (403; on the
 * console, a page in words). Adding a right for a new kind of staff work means adding it here.
 */
import { AppError } from '../errors.ts';
import type { Principal, StaffPrincipal } from './principal.ts';

const RIGHTS = {
  /** Residents and households: list, create, edit, enrollment slips. */
  residents: ['coordinator', 'staff'],
  /** Grant points for a good deed. */
  grant: ['coordinator', 'staff'],
  /** Merchants, their offers and limits, devices and POS keys. */
  merchants: ['coordinator'],
  /** Close months, read statements, record payments. */
  settlement: ['coordinator'],
  /** Decide who bears a conflict's loss. */
  conflicts: ['coordinator'],
  /** Rotate the alliance's voucher signing keys. */
  keys: ['coordinator'],
  /** The dashboard, the monthly notice, the audit log. */
  overview: ['coordinator', 'staff'],
} as const satisfies Record<string, readonly StaffPrincipal['role'][]>;

export type Right = keyof typeof RIGHTS;

export function hasRight(actor: Principal, right: Right): actor is StaffPrincipal {
  return (RIGHTS[right] as readonly string[]).includes(actor.role);
}

/** Refuses (403) anyone without the right: staff get `coordinator_only` where only the coordinator may. */
export function requireRight(actor: Principal, right: Right): asserts actor is StaffPrincipal {
  if (hasRight(actor, right)) return;
  const coordinatorOnly =
    (RIGHTS[right] as readonly string[]).length === 1 && (actor.role as string) === 'staff';
  throw new AppError(coordinatorOnly ? 'coordinator_only' : 'forbidden', {
    detail: `Needs the right "${right}".`,
  });
}
