/**
 * Household cards (issue #19) as the API takes and answers them: the card a resident's page and
 * app show, a PIN, and a shop's online capture with card + PIN (device and POS). The merchant app
 * parses the capture answer with these; its config carries the cards to refuse offline.
 */
import { z } from 'zod';
import { MAX_BASKET_LINES } from '../redemption-record.ts';
import { BasketLineView } from './goods.ts';
import { RecordOutcome } from './merchant.ts';

export const CardView = z.object({
  id: z.string(),
  /** The printed 16 digits. */
  number: z.string(),
  residentId: z.string(),
  /** active; lost (reported); replaced (a newer card was issued). */
  status: z.enum(['active', 'lost', 'replaced']),
  /** Five wrong PINs: refused until staff unlock it. */
  locked: z.boolean(),
  pinSet: z.boolean(),
  failedPinAttempts: z.number().int(),
  issuedAt: z.string(),
  lostAt: z.string().nullable(),
  replacedBy: z.string().nullable(),
});
export type CardView = z.infer<typeof CardView>;

export const CardList = z.object({ cards: z.array(CardView) });

/** A new card: what to print (`text` is the QR's "96…" digits). */
export const IssuedCard = z.object({ id: z.string(), number: z.string(), text: z.string() });
export type IssuedCard = z.infer<typeof IssuedCard>;

/** Six digits; the resident types it twice on the keypad page, the API takes it once. */
export const Pin = z.string().regex(/^\d{6}$/, 'must be 6 digits');
export const PinRequest = z.strictObject({ pin: Pin });

/** A basket line as a shop sends it: the good and how many; the server prices it. */
const CardBasketLine = z.strictObject({
  goodsId: z.uuid(),
  quantity: z.number().int('must be a whole number').min(1).max(999),
});

const CardCaptureFields = {
  /** The card's QR digits ("96…") as scanned, or its 16-digit number as typed. */
  card: z.string().trim().min(16).max(400),
  pin: Pin,
  /** The points to capture; or, for a basket of the shop's goods, `lines` instead. */
  points: z.number().int().min(1).max(1_000_000).optional(),
  /** A basket (积分超市): the goods and how many, priced by the server at today's prices. */
  lines: z.array(CardBasketLine).min(1).max(MAX_BASKET_LINES).optional(),
  offerId: z.string().trim().min(1).max(100).optional(),
  billFen: z.number().int().min(0).max(100_000_000).default(0),
  discountFen: z.number().int().min(0).max(100_000_000).default(0),
};

const pointsOrLines = {
  check: (r: { points?: number | undefined; lines?: unknown }) =>
    (r.points === undefined) !== (r.lines === undefined),
  problem: { message: 'give either points or lines (a basket of goods), not both', path: ['points'] },
};

/** A device's capture: `id` is its record id (a UUID made on the device), the retry key. */
export const DeviceCardCaptureRequest = z
  .strictObject({ id: z.uuid(), ...CardCaptureFields })
  .refine(pointsOrLines.check, pointsOrLines.problem);
export const PosCardCaptureRequest = z
  .strictObject(CardCaptureFields)
  .refine(pointsOrLines.check, pointsOrLines.problem);

export const CardCaptureResponse = z.object({
  id: z.string(),
  outcome: RecordOutcome,
  detail: z.string().nullable(),
  points: z.number().int(),
  /** The holder's points still free after this capture: "已使用 50 积分，余额 810". */
  balance: z.number().int().nullable(),
  cardNumber: z.string(),
  replayed: z.boolean(),
  /** A basket's lines as priced and captured. */
  lines: z.array(BasketLineView).optional(),
});
export type CardCaptureResponse = z.infer<typeof CardCaptureResponse>;
