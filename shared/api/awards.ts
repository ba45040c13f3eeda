/**
 * Awards (奖励, issue #17) as the API answers them: what the coordinator gave a resident or a
 * household for their place in an ended month's or year's ranking, with the rank and points the
 * server's ranking gave them.
 */
import { z } from 'zod';

export const AwardPeriod = z.enum(['month', 'year']);

export const Award = z.object({
  id: z.string(),
  period: AwardPeriod,
  /** The period's first local day: 2026-10-01 for October, 2025-01-01 for the year 2025. */
  periodStart: z.string(),
  scope: z.enum(['residents', 'households']),
  /** The community whose ranking it was; null: the whole alliance's. */
  community: z.string().nullable(),
  holderId: z.string(),
  /** The full name as it stood when the award was given. */
  holderName: z.string(),
  rank: z.number().int(),
  points: z.number().int(),
  gift: z.string(),
  valueFen: z.number().int().nullable(),
  givenBy: z.object({ id: z.string(), name: z.string().nullable() }),
  givenAt: z.string(),
});
export type Award = z.infer<typeof Award>;

export const AwardResult = z.object({
  /** `already_recorded`: the holder had an award for this period and scope; it is answered unchanged. */
  outcome: z.enum(['recorded', 'already_recorded']),
  award: Award,
});
export type AwardResult = z.infer<typeof AwardResult>;

export const AwardList = z.object({
  period: AwardPeriod,
  periodStart: z.string(),
  awards: z.array(Award),
});
export type AwardList = z.infer<typeof AwardList>;
