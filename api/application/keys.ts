/**
 * Rotating the alliance's voucher signing key from the console: the new key is published now and
 * signs after the lead time; a rotation already pending is returned unchanged and not audited.
 */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { rotateKeys } from '../vouchers/keys.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

export function rotateSigningKey(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'keys');
  return inTransaction(ctx, async (tx) => {
    const rotation = await rotateKeys(tx, actor.allianceId, ctx.masterKey, ctx.clock);
    if (rotation.created) await audit(tx, actor, 'keys.rotate', rotation.next.kid);
    return rotation;
  });
}
