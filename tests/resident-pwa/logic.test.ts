import { describe, expect, it } from 'vitest';
import { enrollmentCodeFrom, formatEnrollmentCode } from '../../resident-pwa/src/enroll-code.ts';
import { historyLine } from '../../resident-pwa/src/history-words.ts';
import { ageInWords, words } from '../../resident-pwa/src/i18n.ts';
import { type MerchantEntry, searchMerchants } from '../../resident-pwa/src/merchants.ts';
import { capChoices, clockOffset, countdown, renewDelay } from '../../resident-pwa/src/voucher-timing.ts';
import type { HistoryEntry } from '../../shared/api/resident.ts';
import { latinWords } from '../helpers/zh-sweep.ts';

const zh = words('zh');
const en = words('en');
const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'e',
  at: '2026-11-22T02:00:00Z',
  kind: 'earned',
  points: 0,
  reason: null,
  merchantName: null,
  offerTitleZh: null,
  offerTitleEn: null,
  ...fields,
});

describe('enrollment codes', () => {
  it('accepts the 12 digits typed with or without dashes and spaces', () => {
    expect(enrollmentCodeFrom('1234-5678-9012')).toBe('123456789012');
    expect(enrollmentCodeFrom(' 1234 5678 9012 ')).toBe('123456789012');
    expect(enrollmentCodeFrom('123456789012')).toBe('123456789012');
  });

  it("reads the slip QR's link form", () => {
    expect(enrollmentCodeFrom('https://town.example/resident/#enroll=123456789012')).toBe('123456789012');
    expect(enrollmentCodeFrom('#enroll=1234-5678-9012')).toBe('123456789012');
  });

  it('refuses anything that is not exactly 12 digits', () => {
    for (const text of ['', '1234-5678-901', '1234567890123', '1234-5678-901a', 'https://x/#enroll=12']) {
      expect(enrollmentCodeFrom(text)).toBeUndefined();
    }
  });

  it('prints the code as on the slip', () => {
    expect(formatEnrollmentCode('123456789012')).toBe('1234-5678-9012');
  });
});

describe('history in words', () => {
  it('says what was earned and spent, with a real minus sign', () => {
    expect(historyLine(entry({ kind: 'earned', points: 10, reason: '志愿服务 2 小时' }), zh, 'zh')).toBe(
      '+10 积分 志愿服务 2 小时',
    );
    expect(
      historyLine(
        entry({
          kind: 'spent',
          points: -50,
          merchantName: '叶子发艺',
          offerTitleZh: '理发',
          offerTitleEn: 'Haircut',
        }),
        zh,
        'zh',
      ),
    ).toBe('\u221250 积分 叶子发艺 理发');
  });

  it('uses the English offer title in English', () => {
    const spent = entry({
      kind: 'spent',
      points: -50,
      merchantName: '叶子发艺',
      offerTitleZh: '理发',
      offerTitleEn: 'Haircut',
    });
    expect(historyLine(spent, en, 'en')).toBe('\u221250 points 叶子发艺 Haircut');
  });

  it('names corrections and reversals', () => {
    expect(historyLine(entry({ kind: 'adjusted', points: -5, reason: '重复登记' }), zh, 'zh')).toBe(
      '\u22125 积分 调整：重复登记',
    );
    expect(historyLine(entry({ kind: 'reversed', points: 50, merchantName: '叶子发艺' }), zh, 'zh')).toBe(
      '+50 积分 撤销 叶子发艺',
    );
  });

  it('says how old the data is', () => {
    const now = Date.parse('2026-11-22T02:00:00Z');
    expect(ageInWords(zh, now - 20_000, now)).toBe('刚刚');
    expect(ageInWords(zh, now - 7 * 60_000, now)).toBe('7 分钟前');
    expect(ageInWords(en, now - 3 * 3600_000, now)).toBe('3 h ago');
    expect(ageInWords(zh, now - 3 * 86400_000, now)).toBe('3 天前');
  });
});

describe('code timing', () => {
  const issued = Date.parse('2026-11-22T02:00:00Z');
  const expires = issued + 180_000;

  it('fetches the next code 30 s before this one expires', () => {
    expect(renewDelay(expires, issued, issued)).toBe(150_000);
    expect(renewDelay(expires, issued, issued + 100_000)).toBe(50_000);
    expect(renewDelay(expires, issued, expires + 5_000)).toBe(0);
  });

  it('renews a very short code at its midpoint', () => {
    expect(renewDelay(issued + 40_000, issued, issued)).toBe(20_000);
  });

  it('counts down whole seconds and never below zero', () => {
    expect(countdown(expires, issued)).toBe('3:00');
    expect(countdown(expires, expires - 61_500)).toBe('1:02');
    expect(countdown(expires, expires + 10_000)).toBe('0:00');
  });

  it("estimates the server's clock from the middle of the request", () => {
    expect(clockOffset('2026-11-22T02:00:10.000Z', issued, issued + 200)).toBe(9_900);
  });

  it('offers round caps below what is available, the default, and all of it', () => {
    expect(capChoices(100, 1280)).toEqual([20, 50, 100, 200, 500, 1280]);
    expect(capChoices(45, 45)).toEqual([20, 45]);
    expect(capChoices(0, 0)).toEqual([]);
  });
});

describe('merchant search', () => {
  const list: MerchantEntry[] = [
    {
      id: '1',
      number: 1001,
      name: '叶子发艺',
      address: '文明街 12 号',
      offers: [
        {
          code: 'haircut-5',
          kind: 'amount_off',
          titleZh: '理发立减 5 元',
          titleEn: 'Haircut: 5 yuan off',
          points: 50,
          amountFen: 500,
          percent: null,
          capFen: null,
          fenPerPoint: null,
        },
      ],
    },
    { id: '2', number: 1002, name: '老街饭店', address: '老街 3 号', offers: [] },
  ];

  it('finds by name, address or offer title, in either language', () => {
    expect(searchMerchants(list, '理发').map((m) => m.number)).toEqual([1001]);
    expect(searchMerchants(list, 'haircut').map((m) => m.number)).toEqual([1001]);
    expect(searchMerchants(list, '老街').map((m) => m.number)).toEqual([1002]);
    expect(searchMerchants(list, '  ').map((m) => m.number)).toEqual([1001, 1002]);
    expect(searchMerchants(list, '理发 老街')).toEqual([]);
  });
});

describe('the words', () => {
  it('says what a shop took, where, and what is left, in parts that wrap between them', () => {
    expect(zh.codeUsed(50, '叶子发艺', 810).join(' · ')).toBe('已使用 50 积分 · 叶子发艺 · 剩余 810');
    expect(en.codeUsed(50, '叶子发艺', 810).join(' · ')).toBe('Used 50 points · 叶子发艺 · 810 left');
    expect(zh.codeUsed(50, null, 0)).toEqual(['已使用 50 积分', '剩余 0']);
  });

  it('has no Latin word in Chinese, whatever the screen fills in', () => {
    const words = (value: unknown): string[] => {
      if (typeof value === 'function')
        return words((value as (...a: unknown[]) => unknown)(12, '叶子发艺', 3));
      if (Array.isArray(value)) return value.flatMap(words);
      if (value && typeof value === 'object') return Object.values(value).flatMap(words);
      return [String(value)];
    };
    for (const [key, value] of Object.entries(zh)) {
      expect(words(value).length, key).toBeGreaterThan(0);
      expect(
        words(value).flatMap((text) => latinWords(text)),
        key,
      ).toEqual([]);
    }
  });

  it('calls the slip 登记单 and its code 登记码, nothing else', () => {
    const all = Object.values(zh)
      .filter((v): v is string => typeof v === 'string')
      .join('\n');
    expect(all).not.toMatch(/登记号|注册码|激活码|邀请码/);
    expect(zh.enrollCodeLabel).toBe('登记码');
    expect(en.enrollCodeLabel).toBe('Enrollment code');
  });
});
