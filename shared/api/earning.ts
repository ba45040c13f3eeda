/**
 * Earning points, as the resident app and the API both read it: the rules a resident may claim
 * under, a claim and its states, a deduction and its appeal, the public good-deeds feed. The API
 * validates its answers against these in tests and the app parses them.
 */
import { z } from 'zod';

export const RuleKind = z.enum(['fixed', 'per_hour', 'range', 'deduction']);
export const EvidenceNeed = z.enum(['required', 'optional', 'none']);

export const RuleLimits = z.strictObject({
  perDay: z.number().int().min(1).max(1000).optional(),
  perWeek: z.number().int().min(1).max(1000).optional(),
  perMonth: z.number().int().min(1).max(1000).optional(),
  pointsPerMonth: z.number().int().min(1).max(1_000_000).optional(),
});
export type RuleLimits = z.infer<typeof RuleLimits>;

export const RuleView = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  category: z.string(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  kind: RuleKind,
  points: z.number().int().nullable(),
  pointsPerHour: z.number().int().nullable(),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  evidence: EvidenceNeed,
  selfClaim: z.boolean(),
  fourEyes: z.boolean(),
  limits: RuleLimits,
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
});
export type RuleView = z.infer<typeof RuleView>;

export const RuleList = z.object({ rules: z.array(RuleView) });
export type RuleList = z.infer<typeof RuleList>;

export const ClaimStatus = z.enum(['submitted', 'awaiting_second', 'approved', 'refused', 'needs_more']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const ClaimRequest = z.strictObject({
  ruleCode: z.string().min(1).max(40),
  /** The day it happened, "YYYY-MM-DD" in the alliance's calendar; not in the future. */
  occurredOn: z.string(),
  /** per_hour rules only: hours, in steps of half an hour. */
  hours: z.number().min(0.5).max(24).optional(),
  note: z.string().max(500).optional(),
  evidenceIds: z.array(z.string().uuid()).max(3).optional(),
  /** Show it in the public good-deeds feed once approved. */
  public: z.boolean().optional(),
  /** Staff filing for a resident without a phone. */
  residentId: z.string().uuid().optional(),
});
export type ClaimRequest = z.infer<typeof ClaimRequest>;

export const ClaimView = z.object({
  id: z.string(),
  status: ClaimStatus,
  residentId: z.string(),
  residentName: z.string(),
  ruleCode: z.string(),
  ruleTitleZh: z.string(),
  ruleTitleEn: z.string().nullable(),
  category: z.string(),
  kind: RuleKind,
  occurredOn: z.string(),
  hours: z.number().nullable(),
  note: z.string().nullable(),
  public: z.boolean(),
  /** The points the claim is for, when the rule fixes them; null for a range (the reviewer picks). */
  points: z.number().int().nullable(),
  /** The range a reviewer picks in. */
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  awardedPoints: z.number().int().nullable(),
  /** Why it was refused, or what more is needed. */
  reason: z.string().nullable(),
  evidenceIds: z.array(z.string()),
  /** Approvals so far, and how many it needs (2 under four eyes). */
  approvals: z.number().int(),
  approvalsNeeded: z.number().int(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ClaimView = z.infer<typeof ClaimView>;

export const ClaimList = z.object({ claims: z.array(ClaimView) });
export type ClaimList = z.infer<typeof ClaimList>;

export const MoreMaterial = z.strictObject({
  note: z.string().max(500).optional(),
  evidenceIds: z.array(z.string().uuid()).max(3).optional(),
});
export type MoreMaterial = z.infer<typeof MoreMaterial>;

export const EvidenceUploaded = z.object({ id: z.string() });

export const DeductionView = z.object({
  id: z.string(),
  ruleCode: z.string(),
  ruleTitleZh: z.string(),
  ruleTitleEn: z.string().nullable(),
  /** What the rule deducted (counts in the month's score). */
  points: z.number().int(),
  /** What the free balance gave. */
  takenPoints: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  appeal: z.enum(['none', 'appealed', 'upheld', 'rejected']),
  /** The last moment an appeal can be made (null once appealed). */
  appealUntil: z.string().nullable(),
  appealReason: z.string().nullable(),
});
export type DeductionView = z.infer<typeof DeductionView>;

export const DeductionList = z.object({ deductions: z.array(DeductionView) });

export const FeedItem = z.object({
  claimId: z.string(),
  /** Masked: 王*兰. */
  name: z.string(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  note: z.string().nullable(),
  occurredOn: z.string(),
  points: z.number().int(),
  evidenceIds: z.array(z.string()),
  likes: z.number().int(),
  likedByMe: z.boolean(),
  approvedAt: z.string(),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const Feed = z.object({ items: z.array(FeedItem) });
export type Feed = z.infer<typeof Feed>;
