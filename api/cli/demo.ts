/**
 * `alliance demo town`: fills the alliance with a large made-up town (api/demo/town.ts) to try
 * the platform at scale — the console, month-end, the benches — and, with `--history 3y`, years of
 * earning before the month's end (api/demo/history.ts) for the rankings. Refuses an alliance that
 * already has more residents than the demo seed, unless --force.
 */

import { sql } from 'drizzle-orm';
import { parseMonth } from '../../shared/calendar.ts';
import { rows } from '../db/rows.ts';
import { alliances } from '../db/schema/index.ts';
import { historySize, seedHistory } from '../demo/history.ts';
import { seedTown } from '../demo/town.ts';
import { AppError } from '../errors.ts';
import { periodOfMonth } from '../local-time.ts';
import type { Command } from './command.ts';
import { withProgress } from './progress.ts';

const DEMO_RESIDENTS = 10;

function count(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new AppError('bad_option', { detail: `${name} takes a whole number above 0.` });
  }
  return n;
}

export const demoCommands: Command[] = [
  {
    name: 'demo town',
    summary: 'Seed a large made-up town (residents, merchants, a month of redemptions) to try it at scale',
    usage:
      'demo town --month YYYY-MM [--residents 40000] [--merchants 300] [--redemptions 200000] [--history 3y] [--alliance <id>] [--force]',
    async run(args, ctx) {
      const i = args.indexOf('--month');
      const month = i >= 0 ? args[i + 1] : undefined;
      if (!month || !parseMonth(month)) {
        ctx.err('Say which month to fill: --month YYYY-MM (a past month, so it can be closed).');
        return 2;
      }
      const h = args.indexOf('--history');
      const historyText = h >= 0 ? (args[h + 1] ?? '') : undefined;
      const years =
        historyText === undefined ? 0 : Number(/^([1-9])y?$/.exec(historyText)?.[1] ?? Number.NaN);
      if (Number.isNaN(years)) {
        ctx.err('Say how many years of earning history: --history 3y (1y to 9y).');
        return 2;
      }
      // Progress only on a terminal (stderr): a script reading the output gets the summary alone.
      const seeded = await withProgress('demo town', async (onProgress) => {
        onProgress?.(0, 0, 'opening the database');
        const { db } = await ctx.database();
        const j = args.indexOf('--alliance');
        const all = await db.select({ id: alliances.id }).from(alliances);
        const allianceId = j >= 0 ? args[j + 1] : all.length === 1 ? all[0]!.id : undefined;
        if (!allianceId) {
          ctx.err('No single alliance here: run `npm start` once to create it, or pass --alliance <id>.');
          return 2;
        }
        const [{ n } = { n: 0 }] = await rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from residents where alliance_id = ${allianceId}`,
        );
        if (n > DEMO_RESIDENTS && !args.includes('--force')) {
          ctx.err(`This alliance already has ${n} residents: it looks real. Pass --force to seed it anyway.`);
          return 1;
        }
        const residents = count(args, '--residents', 40_000);
        const merchants = count(args, '--merchants', 300);
        const redemptions = count(args, '--redemptions', 200_000);
        const town = await seedTown(db, { allianceId, month, residents, merchants, redemptions, onProgress });
        return { db, allianceId, residents, town };
      });
      if (typeof seeded === 'number') return seeded;
      const { db, allianceId, residents, town } = seeded;
      ctx.out(
        `seeded ${town.residents} residents (${town.households} households), ${town.merchants} merchants, ` +
          `${town.redemptions} redemptions and ${town.reversals} reversals in ${month}, in ${town.seconds.toFixed(1)} s`,
      );
      if (years > 0) {
        const [alliance] = await rows<{ timezone: string; coordinator: string }>(
          db,
          sql`select a.timezone, (select s.id from staff_users s where s.alliance_id = a.id and s.role = 'coordinator'
                                  order by s.created_at limit 1) as coordinator
              from alliances a where a.id = ${allianceId}`,
        );
        const until = periodOfMonth({ timezone: alliance!.timezone, periodMonths: 1 }, month).endsAt;
        const history = await withProgress('earning history', (onProgress) =>
          seedHistory(db, {
            allianceId,
            until,
            years,
            actorId: alliance!.coordinator,
            ...historySize(residents, years),
            onProgress,
          }),
        );
        ctx.out(
          `earning history: ${years} years to the end of ${month}, ${history.claims} approved claims, ` +
            `${history.deductions} deductions (${history.restores} restored), ${history.grants} grants ` +
            `(${history.transfers} transfers), in ${history.seconds.toFixed(1)} s`,
        );
      }
      return 0;
    },
  },
];
