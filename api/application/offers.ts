/**
 * Changing a merchant's offer (issue #18): its titles, whether it is on, and its rules — a limit
 * per person, a season, a minimum bill, who funds it, a coupon. The coordinator's, audited.
 */
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import { requireMerchant } from '../directory/directory.ts';
import { changeOffer, type OfferChanges } from '../directory/offers.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';

export function updateOffer(
  ctx: AppContext,
  actor: StaffPrincipal,
  merchantId: string,
  offerId: string,
  changes: OfferChanges,
) {
  requireRight(actor, 'merchants');
  return inTransaction(ctx, async (tx) => {
    await requireMerchant(tx, actor.allianceId, merchantId);
    const offer = await changeOffer(tx, { allianceId: actor.allianceId, merchantId, offerId, changes });
    await audit(tx, actor, 'offer.change', offer.id, { merchantId, code: offer.code, changes });
    return offer;
  });
}
