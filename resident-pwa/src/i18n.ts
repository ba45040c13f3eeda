/**
 * Every word the resident reads, in zh-CN (the default) and English, and the API's problem
 * codes turned into plain sentences that say what to do next.
 */
import { problemWords } from '../../shared/problems.ts';

export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '文明积分',
  loading: '正在打开…',
  // enrollment
  enrollTitle: '登记这部手机',
  enrollIntro: '请输入登记单上的 12 位登记码。登记单由社区工作人员发给您。',
  enrollIntroScan: '请输入登记单上的 12 位登记码，或点下方的“扫描登记单二维码”按钮，扫描登记单上的二维码。',
  enrollPlaceholder: '例如 1234-5678-9012',
  enrollCodeLabel: '登记码',
  enrollSubmit: '确认登记',
  enrollScan: '扫描登记单二维码',
  enrollScanStop: '停止扫描',
  enrollScanHint: '把登记单上的二维码对准取景框',
  enrollBadCode: '登记码是 12 位数字，例如 1234-5678-9012。请再核对一下。',
  enrollBusy: '正在登记…',
  signedOutRevoked: '这部手机已退出登录（登录过期或被社区取消）。请向社区工作人员要新的登记码。',
  signedOutByYou: '您已退出登录。再次使用请输入登记码。',
  // home
  hello: (name: string) => `您好，${name}`,
  available: '可用积分',
  heldNote: (n: number) => `另有 ${n} 积分被正在出示的积分码占用，用完或关闭后退回。`,
  showCode: '出示积分码',
  showCodeHint: '给商户扫码，抵扣消费',
  history: '积分记录',
  historyEmpty: '还没有积分记录。',
  points: '积分',
  updatedAgo: (age: string) => `数据更新于${age}`,
  offline: '没有网络',
  offlineData: (age: string) => `没有网络，显示的是${age}的数据`,
  justNow: '刚刚',
  minutesAgo: (n: number) => `${n} 分钟前`,
  hoursAgo: (n: number) => `${n} 小时前`,
  daysAgo: (n: number) => `${n} 天前`,
  refresh: '刷新',
  // history words
  kindEarned: '积分',
  kindAdjusted: '调整',
  kindReversed: '撤销',
  redemption: '积分抵扣',
  // code screen
  codeTitle: '积分码',
  codeFetching: '正在取码…',
  codeCap: (n: number) => `最多可抵 ${n} 积分`,
  codeValid: '有效时间',
  codeRenewing: '即将自动换新码',
  codeExpired: '这个码已过期',
  codeHeld: (n: number) => `正在出示的码占用 ${n} 积分，用完或关闭后退回`,
  codeShortId: '码号（扫不上时念给商户）',
  codeBrightness: '请把手机屏幕调到最亮，再给商户扫码',
  codeOtherCap: '换一个额度',
  codeAll: (n: number) => `全部 ${n}`,
  codeBack: '返回',
  codeRetry: '再试一次',
  codeNeedsNetwork: '出示新的积分码需要联网。请打开移动数据或连上 Wi-Fi，再点“再试一次”。',
  codeRenewFailed: '没有网络，暂时换不了新码。现在这个码到期前仍然可以用。',
  codeRenewOffline: '没有网络，换不了新码。连上网络后会自动换新码。',
  codeNoPoints: '您现在没有可用积分。',
  codeNotEnough: (n: number) => `现在可用 ${n} 积分，不够这个数。`,
  codeUseAvailable: (n: number) => `改用 ${n} 积分`,
  codeReleased: '这个码已经不能用了：可能在别的手机上出示了新码。',
  codeNew: '出示新的积分码',
  /** "已使用 50 积分 · 叶子发艺 · 剩余 810", in parts that each stay on one line where they fit. */
  codeUsed: (points: number, shop: string | null, left: number): string[] =>
    [`已使用 ${points} 积分`, shop ?? '', `剩余 ${left}`].filter(Boolean),
  codeDone: '完成',
  // merchants
  merchantsTitle: '联盟商户',
  merchantsSearch: '搜索商户或优惠',
  merchantsNone: '没有找到符合的商户。',
  merchantsEmpty: '暂时没有商户信息，请联网后再看。',
  offerPoints: (n: number) => `${n} 积分`,
  offerCash: (fen: number) => `1 积分抵 ${(fen / 100).toFixed(2)} 元`,
  // settings
  settingsTitle: '设置',
  language: '语言',
  largeText: '大字',
  highContrast: '高对比度',
  on: '开',
  off: '关',
  signOut: '退出登录',
  signOutConfirm: '退出后要用新的登记码才能再登录。确定退出吗？',
  signOutYes: '确定退出',
  cancel: '取消',
  // nav
  navHome: '首页',
  navMerchants: '商户',
  navSettings: '设置',
  // errors
  errorNetwork: '连不上服务器。请检查网络后再试。',
  /** An API problem in words, from the one registry (shared/problems.ts). */
  problem: (code: string) => problemWords(code, 'zh'),
};

export type Words = typeof zh;

const en: Words = {
  appTitle: 'Civic points',
  loading: 'Opening…',
  enrollTitle: 'Set up this phone',
  enrollIntro: 'Type the 12-digit enrollment code from the enrollment slip the community staff gave you.',
  enrollIntroScan:
    'Type the 12-digit enrollment code from your enrollment slip, or tap "Scan the slip" below to scan the QR code on it.',
  enrollPlaceholder: 'e.g. 1234-5678-9012',
  enrollCodeLabel: 'Enrollment code',
  enrollSubmit: 'Set up',
  enrollScan: 'Scan the slip',
  enrollScanStop: 'Stop scanning',
  enrollScanHint: 'Point the camera at the QR code on the slip',
  enrollBadCode: 'The enrollment code is 12 digits, like 1234-5678-9012. Please check it.',
  enrollBusy: 'Setting up…',
  signedOutRevoked:
    'This phone was signed out (the sign-in expired or the community cancelled it). Ask the community staff for a new enrollment code.',
  signedOutByYou: 'You signed out. Type an enrollment code to sign in again.',
  hello: (name: string) => `Hello, ${name}`,
  available: 'Points available',
  heldNote: (n: number) =>
    `${n} more points are held by a code on show; they come back when it is used or closed.`,
  showCode: 'Show my points code',
  showCodeHint: 'The shop scans it to give you the discount',
  history: 'History',
  historyEmpty: 'No points yet.',
  points: 'points',
  updatedAgo: (age: string) => `Updated ${age}`,
  offline: 'Offline',
  offlineData: (age: string) => `Offline: showing data from ${age}`,
  justNow: 'just now',
  minutesAgo: (n: number) => `${n} min ago`,
  hoursAgo: (n: number) => `${n} h ago`,
  daysAgo: (n: number) => `${n} days ago`,
  refresh: 'Refresh',
  kindEarned: 'points',
  kindAdjusted: 'adjusted',
  kindReversed: 'reversed',
  redemption: 'points used',
  codeTitle: 'Points code',
  codeFetching: 'Getting your code…',
  codeCap: (n: number) => `Up to ${n} points`,
  codeValid: 'Valid for',
  codeRenewing: 'A new code comes automatically',
  codeExpired: 'This code has expired',
  codeHeld: (n: number) => `This code holds ${n} points; they come back when it is used or closed`,
  codeShortId: 'Code number (read it out if it will not scan)',
  codeBrightness: 'Turn your screen brightness all the way up before the shop scans',
  codeOtherCap: 'Another amount',
  codeAll: (n: number) => `All ${n}`,
  codeBack: 'Back',
  codeRetry: 'Try again',
  codeNeedsNetwork:
    'Showing a new code needs the internet. Turn on mobile data or Wi-Fi, then tap "Try again".',
  codeRenewFailed: 'No internet, so no new code yet. This code still works until it runs out.',
  codeRenewOffline: 'No internet, so no new code. A new code comes by itself once you are online.',
  codeNoPoints: 'You have no points available right now.',
  codeNotEnough: (n: number) => `Only ${n} points are available now, not enough for that.`,
  codeUseAvailable: (n: number) => `Use ${n} points`,
  codeReleased: 'This code no longer works: a new code may have been shown on another phone.',
  codeNew: 'Show a new points code',
  codeUsed: (points: number, shop: string | null, left: number): string[] =>
    [`Used ${points} points`, shop ?? '', `${left} left`].filter(Boolean),
  codeDone: 'Done',
  merchantsTitle: 'Partner shops',
  merchantsSearch: 'Search shops or offers',
  merchantsNone: 'No shop matches.',
  merchantsEmpty: 'No shops to show yet. Look again when you are online.',
  offerPoints: (n: number) => `${n} points`,
  offerCash: (fen: number) => `1 point = ¥${(fen / 100).toFixed(2)}`,
  settingsTitle: 'Settings',
  language: 'Language',
  largeText: 'Large text',
  highContrast: 'High contrast',
  on: 'On',
  off: 'Off',
  signOut: 'Sign out',
  signOutConfirm: 'After signing out you need a new enrollment code to sign in again. Sign out?',
  signOutYes: 'Sign out',
  cancel: 'Cancel',
  navHome: 'Home',
  navMerchants: 'Shops',
  navSettings: 'Settings',
  errorNetwork: 'Cannot reach the server. Check the internet and try again.',
  problem: (code: string) => problemWords(code, 'en'),
};

export const words = (lang: Lang): Words => (lang === 'en' ? en : zh);

/** How long ago `then` was, in words ("3 分钟前"). */
export function ageInWords(t: Words, then: number, now = Date.now()): string {
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return t.justNow;
  if (minutes < 60) return t.minutesAgo(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t.hoursAgo(hours);
  return t.daysAgo(Math.floor(hours / 24));
}
