/**
 * The partner merchants and their offers (GET /v1/merchants, which residents may read), and the
 * search over them that the merchants screen runs as the resident types.
 */
import { z } from 'zod';
import { OfferView } from '../../shared/api/merchant.ts';

export const MerchantList = z.object({
  merchants: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      name: z.string(),
      address: z.string().nullable(),
      /** Each offer's id (to buy a coupon with it) beside what a device sees of it. */
      offers: z.array(OfferView.extend({ id: z.string().optional() })),
    }),
  ),
});
export type MerchantList = z.infer<typeof MerchantList>;
export type MerchantEntry = MerchantList['merchants'][number];

/** Merchants whose name, address or any offer title contains every word of the query. */
export function searchMerchants(list: readonly MerchantEntry[], query: string): MerchantEntry[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...list];
  return list.filter((m) => {
    const haystack = [m.name, m.address ?? '', ...m.offers.flatMap((o) => [o.titleZh, o.titleEn, o.code])]
      .join('\n')
      .toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
}
