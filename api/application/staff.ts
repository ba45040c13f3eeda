/**
 * Staff members, as the coordinator manages them: invite with rights (and a password or a
 * one-time sign-in code), change, disable, hand over a new code (audited; a code is never).
 */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { revokeSessions } from '../auth/sessions.ts';
import { createStaff, type NewStaff, type StaffChanges, staffOf, updateStaff } from '../directory/staff.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

export function listStaff(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'staff');
  return staffOf(ctx.db, actor.allianceId);
}

export function inviteStaff(ctx: AppContext, actor: StaffPrincipal, input: NewStaff) {
  requireRight(actor, 'staff');
  return inTransaction(ctx, async (tx) => {
    const created = await createStaff(tx, actor.allianceId, input, ctx.clock.now());
    await audit(tx, actor, 'staff.create', created.staff.id, {
      name: created.staff.name,
      rights: created.staff.rights.join(','),
      ...(created.signInCode ? { signInCode: true } : {}),
    });
    return created;
  });
}

export function changeStaff(ctx: AppContext, actor: StaffPrincipal, id: string, changes: StaffChanges) {
  requireRight(actor, 'staff');
  return inTransaction(ctx, async (tx) => {
    const changed = await updateStaff(tx, actor.allianceId, id, changes, ctx.clock.now());
    // A disabled account, a new password or a new sign-in code ends every session of it at once.
    if (changes.disabled || changes.password || changes.newSignInCode)
      await revokeSessions(tx, id, ctx.clock);
    await audit(tx, actor, 'staff.update', id, {
      ...(changes.rights ? { rights: changes.rights.join(',') } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
      ...(changes.name ? { name: changes.name } : {}),
      ...(changes.newSignInCode ? { signInCode: true } : {}),
      ...(changes.residentId !== undefined ? { resident: changes.residentId ?? '' } : {}),
    });
    return changed;
  });
}
