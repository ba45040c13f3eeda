/**
 * Rankings (排行榜, issue #17) as the API answers them: the resident app's ranking tab and the
 * public screen parse this, and the tests check the API's answers against it.
 */
import { z } from 'zod';

export const RankingPeriod = z.enum(['day', 'week', 'month', 'year']);
export const RankingScope = z.enum(['residents', 'households']);

export const RankingsResponse = z.object({
  /** The top N: rank 1, 2, 3 … (ties broken, see docs/rankings.md); names masked for residents. */
  rankings: z.array(z.object({ rank: z.number().int(), name: z.string(), points: z.number().int() })),
  /** When a resident asks: their line (their household's in the households scope); rank null when not ranked. */
  me: z.object({ rank: z.number().int().nullable(), points: z.number().int() }).optional(),
});
export type RankingsResponse = z.infer<typeof RankingsResponse>;
