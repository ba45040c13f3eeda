/**
 * Every word the shopkeeper reads, in zh-CN (the default) and English. Codes from the voucher
 * verifier and the API's outcomes are turned into plain words here and nowhere else.
 */
import type { RecordOutcome } from '../../shared/api/merchant.ts';
import type { Refusal } from './verdict.ts';

export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '文明积分 · 商户端',
  switchLang: 'English',
  pending: (n: number) => `待上传 ${n}`,
  online: '在线',
  offline: '离线',
  // enrollment
  enrollTitle: '绑定本机',
  enrollIntro: '输入联盟协调员给您的 12 位绑定码，或扫描绑定单上的二维码。',
  enrollCode: '绑定码',
  deviceName: '这台手机的名字（可不填）',
  enrollButton: '绑定',
  enrolling: '正在绑定…',
  enrollFailed: '绑定没有成功：',
  enrollNeedsNetwork: '绑定需要联网，请连上网络后再试。',
  // scan
  scanTitle: '收积分',
  scanHint: '请顾客出示积分码。可以用摄像头扫，也可以用扫码枪直接扫。',
  cameraStart: '打开摄像头扫码',
  cameraStop: '关闭摄像头',
  cameraFailed: '摄像头打不开：',
  pasteLabel: '或者粘贴/输入积分码',
  check: '检查',
  // verdict
  valid: '有效',
  upTo: (n: number) => `最多可用 ${n} 积分`,
  expiresIn: (t: string) => `${t} 后过期`,
  shortId: (id: string) => `码尾号 ${id}`,
  refused: '不能使用',
  reasons: {
    expired: '积分码已过期。请顾客刷新，出示新的码。',
    not_yet_valid: '积分码的时间不对。请检查本机时间，或请顾客刷新。',
    not_alliance: '这不是联盟的积分码。',
    unknown_key: '认不出这个积分码的签发方。请联网更新后再扫。',
    newer_version: '这是新版本的积分码，请更新本应用。',
    damaged: '积分码已损坏或被改动，不能使用。请顾客刷新后再扫。',
    wrong_merchant: '这个积分码是给别的商户用的。',
    already_taken: '这个积分码已经在本店用过了。',
  } satisfies Record<Refusal, string>,
  scanAgain: '扫下一个',
  // offer
  chooseOffer: '选择优惠',
  billAmount: '消费金额（元）',
  handPoints: '手动输入积分',
  pointsLabel: '积分',
  offerNeedsBill: '请先输入消费金额',
  offerTooMany: '超过可用积分',
  offerLimit: (n: number) => `离线时每笔最多 ${n} 积分`,
  offerDayLimit: (n: number) => `今天离线还可收 ${n} 积分`,
  next: '下一步',
  cancel: '取消',
  // confirm
  confirmTitle: '请确认',
  confirmPoints: (n: number) => `收取 ${n} 积分`,
  confirmDiscount: (y: string) => `优惠 ¥${y}`,
  confirmBill: (y: string) => `消费 ¥${y}`,
  confirm: '确认收取',
  back: '返回',
  // done
  doneTitle: '已记录',
  doneCaptured: '联盟已确认入账。',
  doneQueued: '已保存在本机，联网后自动上传。',
  doneSending: '正在上传…',
  // refusals before signing
  refuseTitle: '不能收取',
  localRefusals: {
    already_taken: '这个积分码已经在本店用过了。',
    over_cap: '超过了这个积分码的上限。',
    too_few: '至少要收 1 积分。',
    offline_capture_limit: '离线时一笔不能收这么多积分。请联网后再收。',
    offline_day_limit: '今天离线收取的积分已到上限。请联网后再收。',
    wrong_merchant: '这个积分码是给别的商户用的。',
  },
  // today
  todayTitle: '今天',
  todayEmpty: '今天还没有记录。',
  totals: (n: number, p: number) => `${n} 笔，共 ${p} 积分`,
  statusPending: '等待上传',
  reverse: '撤销',
  reverseConfirm: '确定撤销这一笔？积分会退回给顾客。',
  reversed: '已撤销',
  reverseFailed: '撤销没有成功：',
  reverseNeedsNetwork: '撤销需要联网。',
  missing: (seqs: string) => `联盟没有收到本机的第 ${seqs} 笔记录，请联系协调员。`,
  syncNow: '立即上传',
  // statements
  statementsTitle: '月结单',
  statementsEmpty: '还没有月结单。',
  statementsCached: (t: string) => `离线查看，更新于 ${t}`,
  statementStatus: { open: '本月进行中', closed: '已结算', paid: '已付款' },
  reimbursement: (y: string) => `应付 ¥${y}`,
  // nav
  navScan: '收积分',
  navToday: '今天',
  navStatements: '月结',
  navSettings: '设置',
  // settings
  settingsTitle: '设置',
  merchantLine: (name: string, n: number) => `${name}（商户号 ${n}）`,
  deviceLine: (id: string) => `设备 ${id}`,
  configAge: (t: string) => `优惠和密钥更新于 ${t}`,
  refreshConfig: '立即更新',
  // session
  signedOutRevoked: '这台手机已被联盟停用。请向协调员要新的绑定码。',
  signedOutExpired: '登录已失效。请向协调员要新的绑定码重新绑定。',
  strandedRecords: (n: number) => `本机还有 ${n} 笔旧记录没有上传，请联系协调员。`,
  networkError: '网络不通，请稍后再试。',
};

type Words = typeof zh;

const en: Words = {
  appTitle: 'Civilization points · Merchant',
  switchLang: '中文',
  pending: (n) => `To send: ${n}`,
  online: 'Online',
  offline: 'Offline',
  enrollTitle: 'Set up this phone',
  enrollIntro: 'Type the 12-digit code from the alliance coordinator, or scan the QR on the slip.',
  enrollCode: 'Enrollment code',
  deviceName: 'A name for this phone (optional)',
  enrollButton: 'Set up',
  enrolling: 'Setting up…',
  enrollFailed: 'Setup failed: ',
  enrollNeedsNetwork: 'Setting up needs the network. Connect and try again.',
  scanTitle: 'Take points',
  scanHint: "Ask for the customer's points code. Scan it with the camera or the barcode scanner.",
  cameraStart: 'Scan with the camera',
  cameraStop: 'Close the camera',
  cameraFailed: 'The camera did not open: ',
  pasteLabel: 'Or paste or type the code',
  check: 'Check',
  valid: 'Valid',
  upTo: (n) => `up to ${n} points`,
  expiresIn: (t) => `expires in ${t}`,
  shortId: (id) => `code ends ${id}`,
  refused: 'Not accepted',
  reasons: {
    expired: 'This code has expired. Ask the customer for a fresh code.',
    not_yet_valid: "The code's time is wrong. Check this phone's clock, or ask for a fresh code.",
    not_alliance: 'This is not an alliance points code.',
    unknown_key:
      'This code was signed by a key this phone does not know. Go online to update, then scan again.',
    newer_version: 'This is a newer kind of code. Update this app.',
    damaged: 'This code is damaged or was altered. Ask the customer to refresh it and scan again.',
    wrong_merchant: 'This code is meant for another shop.',
    already_taken: 'This code was already taken at this shop.',
  },
  scanAgain: 'Scan the next one',
  chooseOffer: 'Choose an offer',
  billAmount: 'Bill (yuan)',
  handPoints: 'Type points by hand',
  pointsLabel: 'points',
  offerNeedsBill: 'Enter the bill first',
  offerTooMany: 'More than the code allows',
  offerLimit: (n) => `Offline: at most ${n} points a sale`,
  offerDayLimit: (n) => `Offline today: ${n} points left`,
  next: 'Next',
  cancel: 'Cancel',
  confirmTitle: 'Please confirm',
  confirmPoints: (n) => `Take ${n} points`,
  confirmDiscount: (y) => `Discount ¥${y}`,
  confirmBill: (y) => `Bill ¥${y}`,
  confirm: 'Confirm',
  back: 'Back',
  doneTitle: 'Recorded',
  doneCaptured: 'The alliance has captured it.',
  doneQueued: 'Saved on this phone; it is sent when the network is back.',
  doneSending: 'Sending…',
  refuseTitle: 'Cannot take this',
  localRefusals: {
    already_taken: 'This code was already taken at this shop.',
    over_cap: 'More points than this code allows.',
    too_few: 'Take at least 1 point.',
    offline_capture_limit: 'Too many points for one sale while offline. Go online to take this.',
    offline_day_limit: "Today's offline limit is reached. Go online to take more.",
    wrong_merchant: 'This code is meant for another shop.',
  },
  todayTitle: 'Today',
  todayEmpty: 'Nothing recorded today yet.',
  totals: (n, p) => `${n} sales, ${p} points`,
  statusPending: 'Waiting to send',
  reverse: 'Reverse',
  reverseConfirm: 'Reverse this sale? The points go back to the customer.',
  reversed: 'Reversed',
  reverseFailed: 'Reversal failed: ',
  reverseNeedsNetwork: 'Reversing needs the network.',
  missing: (seqs) => `The alliance never received record(s) ${seqs} from this phone. Call the coordinator.`,
  syncNow: 'Send now',
  statementsTitle: 'Monthly statements',
  statementsEmpty: 'No statements yet.',
  statementsCached: (t) => `Offline copy from ${t}`,
  statementStatus: { open: 'This month, open', closed: 'Closed', paid: 'Paid' },
  reimbursement: (y) => `Due ¥${y}`,
  navScan: 'Take',
  navToday: 'Today',
  navStatements: 'Statements',
  navSettings: 'Settings',
  settingsTitle: 'Settings',
  merchantLine: (name, n) => `${name} (merchant no. ${n})`,
  deviceLine: (id) => `Device ${id}`,
  configAge: (t) => `Offers and keys updated ${t}`,
  refreshConfig: 'Update now',
  signedOutRevoked:
    'The alliance has switched this phone off. Ask the coordinator for a new enrollment code.',
  signedOutExpired: 'This phone is signed out. Ask the coordinator for a new enrollment code.',
  strandedRecords: (n) => `${n} old record(s) on this phone were never sent. Call the coordinator.`,
  networkError: 'No network. Try again shortly.',
};

export const words: Record<Lang, Words> = { zh, en };
export type { Words };

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

const voucherErrorWords: Record<Lang, Record<string, string>> = {
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
    return `${base}${voucherErrorWords[lang][detail ?? ''] ?? ''}${lang === 'zh' ? '。' : '.'}`;
  return base;
}

export const yuan = (fen: number): string => (fen / 100).toFixed(2);
