/**
 * Messages between the resident app and the API. The API validates its answers against these
 * in tests and the app parses them, so both sides agree on one definition.
 */
import { z } from 'zod';

export const MeResponse = z.object({
  resident: z.object({
    id: z.string(),
    name: z.string(),
    householdId: z.string().nullable(),
    householdName: z.string().nullable(),
    /** The household's community (社区/村): the resident app's ranking is this community's. */
    community: z.string().nullable().optional(),
  }),
  alliance: z.object({ name: z.string(), timezone: z.string() }),
  /** Every point the resident (or household) owns, including points held by open vouchers. */
  balance: z.number().int(),
  /** Points reserved by open vouchers. */
  held: z.number().int(),
  /** balance − held: what a new voucher can draw on. */
  available: z.number().int(),
  /** The cap a new voucher gets unless the resident picks another: min(available, alliance default). */
  defaultVoucherCap: z.number().int(),
  serverTime: z.string(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const HistoryEntry = z.object({
  id: z.string(),
  /** ISO-8601 UTC time the ledger recorded it. */
  at: z.string(),
  /**
   * earned: a grant; spent: points a merchant captured; reversed: a capture the merchant undid;
   * adjusted: a correction by the coordinator; deducted: points taken under a deduction rule
   * (reason: the rule's words); restored: a deduction given back after an upheld appeal. Showing
   * a code moves nothing by itself: its points are only held (see MeResponse.held), so unused
   * codes leave no line.
   */
  kind: z.enum(['earned', 'spent', 'adjusted', 'reversed', 'deducted', 'restored']),
  /** Signed: + for points in, − for points out. */
  points: z.number().int(),
  /** The grant's reason, or the merchant and offer for a redemption. */
  reason: z.string().nullable(),
  merchantName: z.string().nullable(),
  offerTitleZh: z.string().nullable(),
  offerTitleEn: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryResponse = z.object({ entries: z.array(HistoryEntry) });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const VoucherRequest = z.strictObject({
  /** Points to authorize; defaults to MeResponse.defaultVoucherCap. */
  capPoints: z.number().int().min(1).max(1_000_000).optional(),
  /** Only this merchant may capture it (vouchers for one shop). */
  merchantNumber: z.number().int().min(1).max(0xffffffff).optional(),
  /**
   * The code this one replaces on screen: its points are released at once instead of waiting
   * out the capture window. (Should a shop have scanned it offline, its capture still arrives
   * and is taken from the free balance.)
   */
  replaces: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
});
export type VoucherRequest = z.infer<typeof VoucherRequest>;

export const VoucherResponse = z.object({
  /** The QR text: "95" + 234 digits (docs/voucher-spec.md). */
  text: z.string(),
  voucherId: z.string(),
  /** Last 8 hex characters of voucherId (kept for older clients; the 码号 is shortCode). */
  shortId: z.string(),
  /** The 码号: 8 digits a resident reads out when the QR will not scan; a shop online can type it. */
  shortCode: z.string(),
  capPoints: z.number().int(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  ttlSeconds: z.number().int(),
  merchantScope: z.number().int(),
  serverTime: z.string(),
});
export type VoucherResponse = z.infer<typeof VoucherResponse>;

/**
 * What became of a code while it is on the resident's screen (the app asks every 2 s):
 * open, captured (by which shop, how many points), released (put away or replaced) or expired.
 */
export const VoucherStatus = z.object({
  voucherId: z.string(),
  state: z.enum(['open', 'captured', 'released', 'expired']),
  capturedPoints: z.number().int().nullable(),
  merchantName: z.string().nullable(),
  capturedAt: z.string().nullable(),
  /** What the resident can spend now. */
  available: z.number().int(),
  serverTime: z.string(),
});
export type VoucherStatus = z.infer<typeof VoucherStatus>;
