/**
 * `alliance evidence prune`: removes the photos of claims decided (and deductions recorded) more
 * than a period ago — the bytes go, each row stays with `removedAt`, so a claim still shows that
 * it had a photo and the API answers 410 for it. The period defaults to the alliance's
 * evidenceRetentionMonths. Meant for a daily timer; running it twice removes nothing more.
 */
import { allianceSettings } from '../directory/queries.ts';
import { pruneEvidence } from '../earning/evidence.ts';
import { allianceOf, option } from './args.ts';
import type { Command } from './command.ts';

export interface Period {
  months?: number;
  days?: number;
}

const MAX = { months: 1200, days: 36_500 };

/** "12mo" (months) or "90d" (days), a whole number from 1; undefined for anything else. */
export function parsePeriod(text: string): Period | undefined {
  const m = /^([1-9]\d{0,4})(mo|d)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === 'mo') return n <= MAX.months ? { months: n } : undefined;
  return n <= MAX.days ? { days: n } : undefined;
}

/** The instant a period before `now`: calendar months (the 31st falls back to the month's last day), or days of 24 hours. */
export function periodBefore(now: Date, period: Period): Date {
  if (period.days !== undefined) return new Date(now.getTime() - period.days * 86_400_000);
  const months = period.months ?? 0;
  const total = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const at = new Date(now);
  at.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return at;
}

const describe = (p: Period) => (p.days !== undefined ? `${p.days} days` : `${p.months} months`);

const USAGE = 'evidence prune [--older-than 12mo|90d] [--alliance <id>]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN = new Set(['--older-than', '--alliance']);

export const evidenceCommands: Command[] = [
  {
    name: 'evidence prune',
    summary: 'Remove the photos of claims decided and deductions recorded longer ago than the retention',
    usage: USAGE,
    async run(args, ctx) {
      const usage = (why: string) => {
        ctx.err(`${why}\nUsage: alliance ${USAGE}`);
        return 2;
      };
      for (let i = 0; i < args.length; i += 2) {
        if (!KNOWN.has(args[i]!)) return usage(`Unknown option: ${args[i]}`);
        if (args[i + 1] === undefined || args[i + 1]!.startsWith('--')) {
          return usage(`${args[i]} needs a value.`);
        }
      }
      const given = option(args, '--older-than');
      const period = given === undefined ? undefined : parsePeriod(given);
      if (given !== undefined && !period) {
        return usage(`--older-than takes months or days, like 12mo or 90d (not "${given}").`);
      }
      const named = option(args, '--alliance');
      if (named !== undefined && !UUID.test(named))
        return usage(`--alliance takes an alliance id (not "${named}").`);
      const { db } = await ctx.database();
      const allianceId = await allianceOf(db, args);
      const alliance = await allianceSettings(db, allianceId);
      const olderThan = period ?? { months: alliance.evidenceRetentionMonths };
      const before = periodBefore(ctx.clock.now(), olderThan);
      const { removed } = await pruneEvidence(db, { allianceId, before }, ctx.clock);
      ctx.out(
        `removed ${removed} photo${removed === 1 ? '' : 's'} of claims decided and deductions recorded before ` +
          `${before.toISOString()} (older than ${describe(olderThan)})`,
      );
      return 0;
    },
  },
];
