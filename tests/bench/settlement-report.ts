/**
 * Month-end for a large town on PostgreSQL: 40,000 residents, 300 merchants and 200,000
 * redemptions seeded for October (tests/bench/town.ts), then, timed: closing the month (where the
 * 300 statements are made: totals, the 200,000 statement lines, the settle transfers), the
 * month's CSV of statements, and the busiest merchant's statement as the coordinator opens it —
 * the printable page through the console and its CSV. Budget: under 5 s for these together.
 * Also timed, outside the budget: every merchant's CSV at once. Yardstick, in the same run: PostgreSQL
 * handing the month's 200,000 redemption rows to Node with a plain select. Uses
 * BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres) to create a scratch
 * database and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { fixedClock } from '../../api/clock.ts';
import { openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { rows } from '../../api/db/rows.ts';
import { staffUsers } from '../../api/db/schema/index.ts';
import { seedTown } from '../../api/demo/town.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { closeSettlementPeriod } from '../../api/settlement/close.ts';
import { statementCsv, statementCsvBodies } from '../../api/settlement/report.ts';
import { listStatements, statementsCsv } from '../../api/settlement/statements.ts';
import { consoleSession } from '../helpers/console-session.ts';
import type { Bench } from './run.ts';

const BUDGET_SECONDS = 5;
const ADMIN_EMAIL = 'coordinator@bench.cn';
const ADMIN_PASSWORD = 'correct horse battery';
const SIZE = { residents: 40_000, merchants: 300, redemptions: 200_000, month: '2026-10' } as const;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

export const settlementReportBench: Bench = {
  name: `month-end statements and CSV: ${SIZE.residents} residents, ${SIZE.merchants} merchants, ${SIZE.redemptions} redemptions (PostgreSQL)`,
  async run(log) {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
    const name = `bench_town_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    try {
      await runMigrations(database);
      const clock = fixedClock('2026-11-01T01:00:00Z'); // 09:00 on 1 November in Shanghai
      const masterKey = new Uint8Array(randomBytes(32));
      const { allianceId } = await bootstrap(
        database.db,
        {
          allianceName: '示范镇德商联盟',
          timezone: 'Asia/Shanghai',
          demo: false,
          adminEmail: ADMIN_EMAIL,
          adminPassword: ADMIN_PASSWORD,
          masterKey,
        },
        clock,
      );
      const [actor] = await database.db.select({ id: staffUsers.id }).from(staffUsers);
      const town = await seedTown(database.db, { allianceId, ...SIZE });
      log(
        `seeded in ${town.seconds.toFixed(1)} s: ${town.redemptions} redemptions, ${town.reversals} reversals, ${town.households} households`,
      );
      await database.db.execute(sql`analyze`);
      const broken = await checkLedger(database.db);
      log(`ledger check: ${broken.length === 0 ? 'clean' : `${broken.length} broken invariants`}`);

      // The yardstick: the month's records straight to Node, no ledger logic at all.
      const [raw, yardstick] = await timed(() =>
        rows<Record<string, unknown>>(
          database.db,
          sql`select * from redemptions where alliance_id = ${allianceId}
              and received_at >= '2026-09-30T16:00:00Z' and received_at < '2026-10-31T16:00:00Z'`,
        ),
      );

      const [closed, closeSeconds] = await timed(() =>
        closeSettlementPeriod(database.db, { allianceId, month: SIZE.month, actorId: actor!.id }, clock),
      );
      const [periodCsv, periodCsvSeconds] = await timed(async () =>
        statementsCsv(await listStatements(database.db, { allianceId, periodId: closed.period.id })),
      );
      const statements = await listStatements(database.db, { allianceId, periodId: closed.period.id });
      // The busiest merchant's statement as the coordinator opens it: the printable A4 page from
      // the console (through the real app, signed in) and its CSV.
      const busiest = statements.reduce((a, s) => (s.redemptions > a.redemptions ? s : a));
      const app = createApp({ db: database.db, allianceId, masterKey, clock });
      const session = consoleSession(() => app);
      await session.request('POST', '/console/login', {
        email: ADMIN_EMAIL,
        password: ADMIN_PASSWORD,
        next: '/console/',
      });
      const base = `/console/settlement/${closed.period.id}/statements/${busiest.id}`;
      const [[page, csv], busiestSeconds] = await timed(async () => {
        const html = await (await session.request('GET', base)).text();
        const text = await (await session.request('GET', `${base}/csv`)).text();
        return [html, text] as const;
      });
      const pageRows = page.match(/<tr data-kind=/g)?.length ?? 0;
      // Not in the budget: every merchant's CSV at once, written by the database.
      const [lineCount, everySeconds] = await timed(async () => {
        const bodies = await statementCsvBodies(database.db, {
          allianceId,
          timeZone: 'Asia/Shanghai',
          periodId: closed.period.id,
        });
        let n = 0;
        for (const statement of statements) {
          const body = bodies.get(statement.id);
          if (statementCsv(statement, body).length > 0) n += body?.lines ?? 0;
        }
        return n;
      });

      const sum = (f: (s: (typeof statements)[number]) => number) => statements.reduce((a, s) => a + f(s), 0);
      const totalsMatch =
        sum((s) => s.netPoints) === town.netPoints &&
        sum((s) => s.billFen) === town.billFen &&
        sum((s) => s.discountFen) === town.discountFen &&
        sum((s) => s.redemptions) === town.redemptions &&
        lineCount === town.redemptions + town.reversals &&
        page.includes(`data-net-points="${busiest.netPoints}"`) &&
        csv.trimEnd().endsWith(`,${busiest.reimbursementFen}`);
      const total = closeSeconds + periodCsvSeconds + busiestSeconds;
      log(
        `close the month: ${statements.length} statements (totals, lines, settlement): ${closeSeconds.toFixed(2)} s`,
      );
      log(`the month's CSV of statements (${periodCsv.length} bytes): ${periodCsvSeconds.toFixed(2)} s`);
      log(
        `the busiest merchant's statement: printable page (${pageRows} lines) and CSV (${csv.length} bytes): ${busiestSeconds.toFixed(2)} s`,
      );
      log(`total ${total.toFixed(2)} s, budget ${BUDGET_SECONDS} s`);
      log(`(not budgeted) every merchant's CSV at once, ${lineCount} lines: ${everySeconds.toFixed(2)} s`);
      log(
        `yardstick: plain select of the month's ${raw.length} redemption rows into Node: ${yardstick.toFixed(2)} s (total = ${(total / yardstick).toFixed(1)}× that)`,
      );
      log(`statements equal the seeded month to the point and the fen: ${totalsMatch ? 'yes' : 'NO'}`);
      return total < BUDGET_SECONDS && totalsMatch && broken.length === 0;
    } finally {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  },
};
