/**
 * A ledger entry as a line a person reads: "+10 积分 志愿服务 2 小时", "−50 积分 叶子发艺 理发".
 * (An unused code leaves no line: its points were only held, never moved.) The sign is a real minus (U+2212), which reads better than a hyphen.
 */
import type { HistoryEntry } from '../../shared/api/resident.ts';
import type { Lang, Words } from './i18n.ts';

export const signedPoints = (points: number): string =>
  points < 0 ? `\u2212${Math.abs(points)}` : `+${points}`;

export function historyLine(entry: HistoryEntry, t: Words, lang: Lang): string {
  const amount = signedPoints(entry.points);
  const offer = lang === 'en' ? (entry.offerTitleEn ?? entry.offerTitleZh) : entry.offerTitleZh;
  const shop = [entry.merchantName, offer].filter(Boolean).join(' ');
  switch (entry.kind) {
    case 'earned':
      return [amount, t.kindEarned, entry.reason].filter(Boolean).join(' ');
    case 'spent':
      return [amount, t.kindEarned, shop || entry.reason || t.redemption].join(' ');
    case 'adjusted':
      return [amount, t.kindEarned, `${t.kindAdjusted}${entry.reason ? `：${entry.reason}` : ''}`].join(' ');
    case 'reversed':
      return [amount, t.kindEarned, t.kindReversed, shop || entry.reason].filter(Boolean).join(' ');
    case 'deducted':
      // "−20 积分 扣分：乱扔垃圾" (the reason is the rule's words).
      return [amount, t.kindEarned, `${t.kindDeducted}${entry.reason ? `：${entry.reason}` : ''}`].join(' ');
    case 'restored':
      return [amount, t.kindEarned, `${t.kindRestored}${entry.reason ? `：${entry.reason}` : ''}`].join(' ');
    default:
      // A kind newer than this app: the amount and whatever the API says about it.
      return [amount, t.kindEarned, entry.reason || shop].filter(Boolean).join(' ');
  }
}

/** "11月22日 10:05" or "Nov 22, 10:05" in the alliance's time zone. */
export function entryTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    month: lang === 'en' ? 'short' : 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
