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
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const HOLD_STATES = ['open', 'captured', 'released', 'expired'] as const;
export type HoldState = (typeof HOLD_STATES)[number];

/** VOUCHER-SPEC.md, "Redemption record": every record gets exactly one of these. */
export const REDEMPTION_OUTCOMES = [
  'accepted',
  'voucher_already_redeemed',
  'bad_voucher',
  'wrong_merchant',
  'bad_device_signature',
  'insufficient_points',
  'points_exceed_cap',
  'device_revoked',
  'sequence_conflict',
] as const;
export type RedemptionOutcome = (typeof REDEMPTION_OUTCOMES)[number];

export const CONFLICT_KINDS = ['double_presentment', 'late_shortfall'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Who bears a conflict's loss: the alliance's loss fund pays the merchant, or the merchant does. */
export type LossBearer = 'alliance' | 'merchant';
