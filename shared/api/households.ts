/**
 * Households as places, their inspections and monthly scoring sheets, as the API answers them
 * (issue #16): the resident app (a household's sheets, objections) and the inspector's page
 * parse these, and the API's tests check its answers against them.
 */
import { z } from 'zod';

export const MonthRule = z.enum(['every_check', 'last_check']);

export const HouseholdView = z.object({
  id: z.string(),
  name: z.string(),
  doorNumber: z.string().nullable(),
  community: z.string().nullable(),
  grid: z.string().nullable(),
  /** `${origin}/inspect/<token>`: the URL the door plate's QR holds; null before a plate is issued. */
  plateUrl: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const HouseholdList = z.object({ households: z.array(HouseholdView) });

export const Plate = z.object({ id: z.string(), plateUrl: z.string() });

export const TemplateView = z.object({
  id: z.string(),
  name: z.string(),
  items: z.array(
    z.object({ code: z.string(), title: z.string(), kept: z.number().int(), lost: z.number().int() }),
  ),
  bonus: z
    .object({
      cap: z.number().int(),
      items: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          points: z.number().int(),
          claimCategory: z.string().optional(),
        }),
      ),
    })
    .nullable(),
  monthRule: MonthRule,
  frequency: z.enum(['weekly', 'monthly']),
  createdAt: z.string(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplateList = z.object({ templates: z.array(TemplateView) });

export const CheckItemView = z.object({
  code: z.string(),
  ok: z.boolean(),
  note: z.string().optional(),
  evidenceId: z.string().optional(),
});

export const InspectionView = z.object({
  id: z.string(),
  householdId: z.string(),
  templateId: z.string(),
  inspectorId: z.string(),
  checkedOn: z.string(),
  month: z.string(),
  week: z.string(),
  items: z.array(CheckItemView),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type InspectionView = z.infer<typeof InspectionView>;

export const ObjectionView = z.object({
  id: z.string(),
  sheetId: z.string(),
  residentId: z.string(),
  note: z.string(),
  state: z.enum(['open', 'upheld', 'rejected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  scoreBefore: z.number().int().nullable(),
  scoreAfter: z.number().int().nullable(),
  /** Points the correction moved (negative: taken back), and its transfer. */
  correctionPoints: z.number().int().nullable(),
  transferId: z.string().nullable(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const SheetLineView = z.object({
  code: z.string(),
  title: z.string(),
  checks: z.number().int(),
  failed: z.number().int(),
  kept: z.boolean(),
  points: z.number().int(),
  bonus: z.boolean().optional(),
});

/** A month's sheet: `closed` and frozen, or `open` — this month's score so far, from the checks made. */
export const SheetView = z.object({
  id: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  householdId: z.string(),
  month: z.string(),
  templateId: z.string().nullable(),
  lines: z.array(SheetLineView),
  checks: z.number().int(),
  base: z.number().int(),
  bonus: z.number().int(),
  deductions: z.number().int(),
  score: z.number().int(),
  closedScore: z.number().int().nullable(),
  rate: z.number().int(),
  points: z.number().int(),
  transferId: z.string().nullable(),
  closedAt: z.string().nullable(),
  objectionUntil: z.string().nullable(),
  inspections: z.array(InspectionView),
  objections: z.array(ObjectionView),
});
export type SheetView = z.infer<typeof SheetView>;

export const SheetList = z.object({ sheets: z.array(SheetView) });

export const ScoringClose = z.object({
  outcome: z.enum(['closed', 'already_closed']),
  month: z.string(),
  community: z.string().nullable(),
  sheets: z.number().int(),
  points: z.number().int(),
});

export const ObjectionList = z.object({
  objections: z.array(
    ObjectionView.extend({
      householdId: z.string(),
      doorNumber: z.string().nullable(),
      householdName: z.string(),
      month: z.string(),
      score: z.number().int(),
    }),
  ),
});

/** The scoring section of the monthly notice (一月一公示): ranked, names masked for residents. */
export const ScoringNotice = z.object({
  month: z.string(),
  community: z.string().nullable(),
  households: z.array(
    z.object({
      rank: z.number().int(),
      sheetId: z.string(),
      householdId: z.string(),
      doorNumber: z.string().nullable(),
      name: z.string(),
      community: z.string().nullable(),
      grid: z.string().nullable(),
      base: z.number().int(),
      bonus: z.number().int(),
      deductions: z.number().int(),
      score: z.number().int(),
      points: z.number().int(),
    }),
  ),
  mostLost: z.array(z.object({ code: z.string(), title: z.string(), households: z.number().int() })),
});
