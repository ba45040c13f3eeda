/** The ledger's closed vocabularies: account and transfer kinds, hold states, record outcomes. */

export const ACCOUNT_KINDS = [
  'issuance',
  'escrow',
  'resident',
  'household',
  'merchant',
  'settlement',
  'loss_fund',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const TRANSFER_KINDS = [
  'mint',
  'hold',
  'capture',
  'release',
  'expire',
  'settle',
  'adjust',
  'reverse',
  /** A resident's own points into the household account they join. */
  'move',
  /** Points taken from a holder for a deduction rule (holder → issuance), never below zero. */
  'deduct',
  /** A deduction given back after an upheld appeal (issuance → holder), linked to it. */
  'restore',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const HOLD_STATES = ['open', 'captured', 'released', 'expired'] as const;
export type HoldState = (typeof HOLD_STATES)[number];

/** docs/voucher-spec.md, "Redemption record": every record gets exactly one of these (one list, shared with the devices). */
export {
  RECORD_OUTCOMES as REDEMPTION_OUTCOMES,
  type RecordOutcome as RedemptionOutcome,
} from '../../../shared/api/merchant.ts';

export const CONFLICT_KINDS = ['double_presentment', 'late_shortfall'] as const;

/** Who bears a conflict's loss: the alliance's loss fund pays the merchant, or the merchant does. */
export const LOSS_BEARERS = ['alliance', 'merchant'] as const;
export type LossBearer = (typeof LOSS_BEARERS)[number];

/**
 * Who funds a merchant's discounts: the merchant itself (the 德商联盟 way: nothing due), the
 * alliance at a number of fen per point, or the alliance for a share (percent) of the discount.
 */
export const FUNDING_RULES = ['merchant', 'per_point', 'share'] as const;
export type FundingRule = (typeof FUNDING_RULES)[number];
