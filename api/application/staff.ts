/** Staff members, as the coordinator manages them: invite with rights, change, disable (audited). */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight, type StaffRight } from '../auth/rights.ts';
import { revokeSessions } from '../auth/sessions.ts';
import { createStaff, type StaffChanges, staffOf, updateStaff } from '../directory/staff.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

export function listStaff(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'staff');
  return staffOf(ctx.db, actor.allianceId);
}

export function inviteStaff(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: {
    name: string;
    email: string;
    phone?: string | undefined;
    password: string;
    rights: StaffRight[];
    areas?: string[] | undefined;
  },
) {
  requireRight(actor, 'staff');
  return inTransaction(ctx, async (tx) => {
    const staff = await createStaff(tx, actor.allianceId, input);
    await audit(tx, actor, 'staff.create', staff.id, { name: staff.name, rights: staff.rights.join(',') });
    return staff;
  });
}

export function changeStaff(ctx: AppContext, actor: StaffPrincipal, id: string, changes: StaffChanges) {
  requireRight(actor, 'staff');
  return inTransaction(ctx, async (tx) => {
    const staff = await updateStaff(tx, actor.allianceId, id, changes, ctx.clock.now());
    // A disabled account, or a new password, ends every session of it at once.
    if (changes.disabled || changes.password) await revokeSessions(tx, id, ctx.clock);
    await audit(tx, actor, 'staff.update', id, {
      ...(changes.rights ? { rights: changes.rights.join(',') } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
      ...(changes.name ? { name: changes.name } : {}),
    });
    return staff;
  });
}
