/**
 * What each redemption record's outcome means, in the shopkeeper's and the coordinator's words:
 * the merchant app and the console say the same thing for the same outcome. A refused voucher
 * adds why (its verifying error: expired, altered…); other details from the server are English
 * for developers and are never shown.
 */
import type { RecordOutcome } from './api/merchant.ts';
import type { VoucherErrorCode } from './errors.ts';

export type Lang = 'zh' | 'en';

/** What each API outcome means for the shopkeeper. */
export const outcomeWords: Record<Lang, Record<RecordOutcome, string>> = {
  zh: {
    accepted: '已入账',
    voucher_already_redeemed: '这个积分码已经被用过了，没有收到积分。',
    bad_voucher: '积分码无效，没有收到积分',
    wrong_merchant: '积分码是给别的商户的，没有收到积分。',
    bad_device_signature: '本机签名不对，没有收到积分。请联系协调员。',
    insufficient_points: '顾客积分不够，没有收到积分。',
    points_exceed_cap: '超过积分码上限，没有收到积分。',
    device_revoked: '本机已被停用，没有收到积分。',
    sequence_conflict: '记录编号冲突，没有收到积分。请联系协调员。',
    bad_record: '这条记录损坏了，服务器无法处理，没有收到积分。请联系协调员。',
  },
  en: {
    accepted: 'Captured',
    voucher_already_redeemed: 'This code was already used: no points taken.',
    bad_voucher: 'The code is not valid: no points taken',
    wrong_merchant: 'The code is for another shop: no points taken.',
    bad_device_signature: "This phone's signature is wrong: no points taken. Call the coordinator.",
    insufficient_points: 'The customer has too few points: no points taken.',
    points_exceed_cap: "More than the code's cap: no points taken.",
    device_revoked: 'This phone is switched off: no points taken.',
    sequence_conflict: 'Record number conflict: no points taken. Call the coordinator.',
    bad_record: 'This record is damaged and the server cannot use it: no points taken. Call the coordinator.',
  },
};

const voucherErrorWords: Record<Lang, Record<VoucherErrorCode, string>> = {
  zh: {
    expired: '（已过期）',
    bad_signature: '（已损坏或被改动）',
    malformed: '（已损坏）',
    unknown_key: '（签发方不明）',
    not_yet_valid: '（时间不对）',
    unsupported_version: '（版本不支持）',
  },
  en: {
    expired: ' (expired)',
    bad_signature: ' (damaged or altered)',
    malformed: ' (damaged)',
    unknown_key: ' (unknown signer)',
    not_yet_valid: ' (time not valid)',
    unsupported_version: ' (unsupported version)',
  },
};

export function describeOutcome(
  lang: Lang,
  outcome: RecordOutcome,
  detail: string | null | undefined,
): string {
  const base = outcomeWords[lang][outcome];
  if (outcome === 'bad_voucher')
    return `${base}${voucherErrorWords[lang][detail as VoucherErrorCode] ?? ''}${lang === 'zh' ? '。' : '.'}`;
  return base;
}

/** Where a capture refused after sync as a double presentment stands (RedemptionView.conflict). */
export type ConflictState = 'open' | 'paid_by_alliance' | 'refused';

/**
 * What happens next with an offline capture the API refused because the code had been used
 * elsewhere first: the coordinator reviews it, then the alliance fund pays the shop or the shop
 * bears it. The merchant app shows these beside the record; the console says the same.
 */
export const conflictWords: Record<Lang, Record<ConflictState, string>> = {
  zh: {
    open: '这个码在别处已用过。协调员正在核查，结果会显示在这里。',
    paid_by_alliance: '协调员裁定：由联盟基金支付，照常结算。',
    refused: '协调员裁定：由本店承担。',
  },
  en: {
    open: 'This code was already used elsewhere. The coordinator is reviewing it; the decision will show here.',
    paid_by_alliance: 'The coordinator decided: the alliance fund pays; settle as usual.',
    refused: 'The coordinator decided: this shop bears it.',
  },
};

/** A decided conflict still says first what happened, then the decision. */
const usedElsewhere: Record<Lang, string> = {
  zh: '这个码在别处已用过。',
  en: 'This code was already used elsewhere. ',
};

export function describeConflict(lang: Lang, conflict: ConflictState): string {
  return conflict === 'open' ? conflictWords[lang].open : usedElsewhere[lang] + conflictWords[lang][conflict];
}
