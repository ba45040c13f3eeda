/**
 * The public screen (一屏公示, issue #17) as the API answers it: the links the coordinator makes,
 * and the screen's data — public by design, so nothing in it names a person in full or carries
 * an id of a resident or household: names are masked (王*兰), deeds and activities come without
 * their people, and money is totals only.
 */
import { z } from 'zod';

export const ScreenLinkView = z.object({
  id: z.string(),
  name: z.string(),
  /** The community the screen shows; null: the whole alliance. */
  community: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** `${origin}/screen/#<token>` while the link is active; null once revoked. */
  url: z.string().nullable(),
  token: z.string().nullable(),
});
export type ScreenLinkView = z.infer<typeof ScreenLinkView>;

export const ScreenLinkList = z.object({ screens: z.array(ScreenLinkView) });

export const ScreenRanked = z.object({ rank: z.number().int(), name: z.string(), points: z.number().int() });

export const ScreenDeed = z.object({
  /** The resident's name, masked. */
  name: z.string(),
  title: z.string(),
  points: z.number().int(),
  occurredOn: z.string(),
  approvedAt: z.string(),
  /** Paths the screen loads with its own token: `/v1/screen/<token>/photos/<id>`. */
  photos: z.array(z.string()),
});

export const ScreenActivity = z.object({
  title: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  placesLeft: z.number().int(),
});

export const ScreenMerchant = z.object({
  name: z.string(),
  address: z.string().nullable(),
  /** The active offers' titles (zh-CN). */
  offers: z.array(z.string()),
});

export const ScreenData = z.object({
  alliance: z.string(),
  screen: z.object({ name: z.string(), community: z.string().nullable() }),
  /** When the server made this answer (ISO). */
  generatedAt: z.string(),
  timezone: z.string(),
  today: z.object({ day: z.string(), top: z.array(ScreenRanked) }),
  month: z.object({ month: z.string(), top: z.array(ScreenRanked) }),
  deeds: z.array(ScreenDeed),
  activities: z.array(ScreenActivity),
  /** This month's points: earned (in the screen's community, or alliance-wide) and spent at merchants. */
  points: z.object({ month: z.string(), earned: z.number().int(), spentAtMerchants: z.number().int() }),
  merchants: z.array(ScreenMerchant),
});
export type ScreenData = z.infer<typeof ScreenData>;
