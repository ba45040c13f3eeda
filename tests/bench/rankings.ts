/**
 * Rankings on PostgreSQL at the size of the largest scheme (issue #17, "Performance"): what
 * `alliance demo town --residents 38000 --history 3y` builds, with the same generators
 * (api/demo/town.ts, api/demo/history.ts) so the bench and the demo cannot drift: 38,000
 * residents (one in five in a two-person household, 3,800 households in ten communities), a month
 * of 200,000 redemptions, and three years of earning — 140,000 approved claims (each a claim row
 * and its mint), 15,555 deductions (a tenth given back by an upheld appeal's restore) and 20,000
 * grants, written set-based as the ledger writes them. The same seed at a small size is checked
 * first with `checkLedger`.
 *
 * Timed over repeated runs, through the application's own use case (api/application/rankings.ts):
 * a month's community ranking (residents and households), a year's community ranking, and a
 * resident's own rank (a resident asking this month's community ranking: top 20 and `me`). The
 * yardstick for each, in the same run and taking turns with it: a plain select of the period's
 * earning transfers (the kinds a ranking counts; the town's 200,000 redemptions of October are in
 * the year but are read by neither). Issue #17 says "instant" and sets no number: figures (median, p95, ratio), no
 * PASS/FAIL. Everything is timed twice: on the schema as the migrations leave it (migration 0013
 * indexes claims.transfer_id and deductions' transfer ids for the rankings), then with the one more
 * index docs/rankings.md proposes for alliance-wide rankings, created in this scratch database only
 * (no migration); the two answers must be the same. Then a profile: EXPLAIN ANALYZE of the ranking statement each
 * way. Uses BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres) to create scratch
 * databases and drops them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { AppContext } from '../../api/application/context.ts';
import { rankings } from '../../api/application/rankings.ts';
import type { ResidentPrincipal, StaffPrincipal } from '../../api/auth/principal.ts';
import { deriveTokenKeys } from '../../api/auth/tokens.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { type Clock, fixedClock } from '../../api/clock.ts';
import { type Db, openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { rows } from '../../api/db/rows.ts';
import * as schema from '../../api/db/schema/index.ts';
import { staffUsers } from '../../api/db/schema/index.ts';
import { historySize, seedHistory } from '../../api/demo/history.ts';
import { seedTown } from '../../api/demo/town.ts';
import { enrollmentCodeKey } from '../../api/directory/enrollment.ts';
import { LedgerCache } from '../../api/ledger/accounts.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { silentLogger } from '../../api/logger.ts';
import { rankingPeriod } from '../../api/rankings/queries.ts';
import { KeyIndexCache } from '../../api/vouchers/record-verifier.ts';
import { table } from './measure.ts';
import type { Bench } from './run.ts';

interface Size {
  residents: number;
  merchants: number;
  redemptions: number;
}
/** What `alliance demo town --residents 38000 --history 3y` builds. */
const LARGEST: Size = { residents: 38_000, merchants: 300, redemptions: 200_000 };
const SAMPLE: Size = { residents: 380, merchants: 5, redemptions: 2_000 };
const WARM_UP = 5;
const RUNS = 40;
const NOW = '2026-11-20T02:00:00Z';

/**
 * The index docs/rankings.md proposes for alliance-wide rankings (not created by any migration;
 * the ones community rankings need came with migration 0013).
 */
const PROPOSED_INDEXES = [
  `create index transfers_earned_idx on transfers (alliance_id, created_at)
     include (kind, amount, debit_account_id, credit_account_id)
     where kind in ('mint', 'deduct', 'restore')`,
];

function contextOf(db: Db, clock: Clock): AppContext {
  const masterKey = new Uint8Array(randomBytes(32));
  return {
    db,
    clock,
    logger: silentLogger,
    masterKey,
    codeKey: enrollmentCodeKey(masterKey),
    tokenKeys: deriveTokenKeys(masterKey),
    ledgerCache: new LedgerCache(),
    keyIndexCache: new KeyIndexCache(clock),
    countOutcome: () => {},
  };
}

/**
 * The town and its three years of earning, with the very generators `alliance demo town
 * --history 3y` runs (api/demo/town.ts, api/demo/history.ts): the town's month of redemptions in
 * October, the history up to now.
 */
async function seed(db: Db, size: Size, allianceId: string, actorId: string, now: Date) {
  const started = performance.now();
  const town = await seedTown(db, { allianceId, month: '2026-10', ...size });
  const history = await seedHistory(db, {
    allianceId,
    until: now,
    years: 3,
    actorId,
    ...historySize(size.residents, 3),
  });
  const [counts] = await rows<{ transfers: number }>(
    db,
    sql`select count(*)::int as transfers from transfers where alliance_id = ${allianceId}`,
  );
  const [busy] = await rows<{ id: string; community: string }>(
    db,
    // A member who earned this month: their own rank has a place to be.
    sql`select r.id, h.community from residents r join households h on h.id = r.household_id
        join claims c on c.resident_id = r.id and c.decided_at > ${now.toISOString()}::timestamptz - interval '15 days'
        where r.alliance_id = ${allianceId} order by r.phone limit 1`,
  );
  return {
    town,
    history,
    transfers: counts!.transfers,
    resident: busy!,
    seconds: (performance.now() - started) / 1000,
  };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function timeEach(fns: (() => Promise<unknown>)[]): Promise<number[][]> {
  for (let i = 0; i < WARM_UP; i++) for (const fn of fns) await fn();
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      times[j]!.push(performance.now() - start);
    }
  }
  return times;
}

async function scratch(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await runMigrations(database);
  const clock = fixedClock(NOW);
  const { allianceId } = await bootstrap(
    database.db,
    { allianceName: '容东片区', timezone: 'Asia/Shanghai', demo: false },
    clock,
  );
  const [coordinator] = await database.db.select({ id: staffUsers.id }).from(staffUsers);
  return {
    url: url.toString(),
    database,
    clock,
    allianceId,
    coordinatorId: coordinator!.id,
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export const rankingsBench: Bench = {
  name: `rankings: a month's and a year's community ranking and a resident's own rank, ${LARGEST.residents} residents, three years (PostgreSQL)`,
  async run(log) {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
    const ms = (x: number) => `${x.toFixed(2)} ms`;

    // The seed at a small size, checked as `alliance ledger check` would.
    const small = await scratch(serverUrl, 'bench_rankings_sample');
    let clean: boolean;
    try {
      const s = await seed(
        small.database.db,
        SAMPLE,
        small.allianceId,
        small.coordinatorId,
        small.clock.now(),
      );
      const broken = await checkLedger(small.database.db);
      clean = broken.length === 0;
      log(
        `sample seed (${SAMPLE.residents} residents, ${s.transfers} transfers): checkLedger ${clean ? 'clean' : `BROKEN: ${broken.map((b) => `${b.invariant} (${b.count})`).join('; ')}`}`,
      );
    } finally {
      await small.drop();
    }

    const big = await scratch(serverUrl, 'bench_rankings');
    try {
      const { db } = big.database;
      const seeded = await seed(db, LARGEST, big.allianceId, big.coordinatorId, big.clock.now());
      const [t, h] = [seeded.town, seeded.history];
      log(
        `seeded in ${seeded.seconds.toFixed(1)} s (the town ${t.seconds.toFixed(1)} s, its history ${h.seconds.toFixed(1)} s): ` +
          `${t.residents} residents, ${t.households} households in 10 communities; ` +
          `${t.redemptions} redemptions in October; ${h.claims} approved claims, ${h.deductions} deductions ` +
          `(${h.restores} restored), ${h.grants} grants over three years: ${seeded.transfers} transfers in all`,
      );
      const ctx = contextOf(db, big.clock);
      const staff: StaffPrincipal = {
        role: 'coordinator',
        subjectId: big.coordinatorId,
        allianceId: big.allianceId,
      };
      const resident: ResidentPrincipal = {
        role: 'resident',
        subjectId: seeded.resident.id,
        allianceId: big.allianceId,
      };
      const community = seeded.resident.community;
      const periodTransfers = (period: 'month' | 'year') => {
        const { start, end } = rankingPeriod('Asia/Shanghai', period, { year: 2026, month: 11, day: 20 });
        return () =>
          rows(
            db,
            sql`select * from transfers where alliance_id = ${big.allianceId}
                and kind in ('mint', 'deduct', 'restore')
                and created_at >= ${start.toISOString()}::timestamptz and created_at < ${end.toISOString()}::timestamptz`,
          );
      };
      const own = await rankings(ctx, resident, {
        period: 'month',
        scope: 'residents',
        communityId: community,
      });
      log(`the resident asking: me = ${JSON.stringify(own.me)} of ${own.rankings.length} shown`);
      const [monthRows, yearRows] = [
        (await periodTransfers('month')()).length,
        (await periodTransfers('year')()).length,
      ];
      const targets = [
        {
          label: `this month, residents of ${community} (staff)`,
          app: () => rankings(ctx, staff, { period: 'month', scope: 'residents', communityId: community }),
          plain: periodTransfers('month'),
        },
        {
          label: `this month, households of ${community} (staff)`,
          app: () => rankings(ctx, staff, { period: 'month', scope: 'households', communityId: community }),
          plain: periodTransfers('month'),
        },
        {
          label: `this year, residents of ${community} (staff)`,
          app: () => rankings(ctx, staff, { period: 'year', scope: 'residents', communityId: community }),
          plain: periodTransfers('year'),
        },
        {
          label: `a resident's own rank: this month, ${community}, top 20 + me`,
          app: () => rankings(ctx, resident, { period: 'month', scope: 'residents', communityId: community }),
          plain: periodTransfers('month'),
        },
        {
          label: '(not asked) this year, residents alliance-wide (staff)',
          app: () => rankings(ctx, staff, { period: 'year', scope: 'residents' }),
          plain: periodTransfers('year'),
        },
      ];

      const answers: string[][] = [];
      const runAll = async (label: string) => {
        answers.push(await Promise.all(targets.map(async (t) => JSON.stringify(await t.app()))));
        const times = await timeEach(targets.flatMap((t) => [t.app, t.plain]));
        log(`${label}:`);
        log(
          table(
            ['target', 'median', 'p95', 'yardstick median', 'yardstick p95', 'ratio (medians)'],
            targets.map((t, i) => {
              const [app, plain] = [times[2 * i]!, times[2 * i + 1]!];
              return [
                t.label,
                ms(percentile(app, 50)),
                ms(percentile(app, 95)),
                ms(percentile(plain, 50)),
                ms(percentile(plain, 95)),
                `${(percentile(app, 50) / percentile(plain, 50)).toFixed(1)}×`,
              ];
            }),
          ),
        );
      };
      const explain = async (label: string) => {
        const client = postgres(big.url, { max: 1, onnotice: () => {} });
        const statements: { query: string; params: unknown[] }[] = [];
        const logged = drizzle({
          client,
          schema,
          logger: { logQuery: (query, params) => statements.push({ query, params }) },
        }) as unknown as Db;
        try {
          const lines: string[][] = [];
          for (const t of targets.slice(0, 3)) {
            statements.length = 0;
            const c2 = contextOf(logged, big.clock);
            const period = t.label.startsWith('this year') ? 'year' : 'month';
            const scope = t.label.includes('households') ? 'households' : 'residents';
            await rankings(c2, staff, { period, scope, communityId: community });
            const s = statements.find((x) => x.query.includes('with moves'))!;
            const plan = (await client.unsafe(
              `explain (analyze, buffers) ${s.query}`,
              s.params as never[],
            )) as unknown as {
              'QUERY PLAN': string;
            }[];
            const text = plan.map((p) => p['QUERY PLAN']);
            const timeOf = (what: string) =>
              text.find((x) => x.trim().startsWith(what))?.replace(/.*: /, '') ?? '?';
            const scans = [
              ...new Set(
                text.flatMap((x) => {
                  const m =
                    /(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using (\S+) )?on (\S+)/.exec(
                      x,
                    );
                  return m
                    ? [
                        `${m[1] === 'Seq Scan' ? 'seq' : m[1] === 'Index Only Scan' ? 'index-only' : 'index'}:${m[2] ?? m[3]}`,
                      ]
                    : [];
                }),
              ),
            ];
            lines.push([t.label, timeOf('Planning Time'), timeOf('Execution Time'), scans.join(' ')]);
            if (process.env.BENCH_EXPLAIN === '1') log(`${s.query}\n${text.join('\n')}\n`);
          }
          log(`profile (${label}): the ranking statement, EXPLAIN ANALYZE`);
          log(table(['target', 'planning', 'execution', 'scans'], lines));
        } finally {
          await client.end({ timeout: 5 });
        }
      };

      log(
        `yardstick: select * from the period's earning transfers, the kinds a ranking counts (mint, deduct, restore: ${monthRows} this month, ${yearRows} this year; the town's redemptions are not read by either)`,
      );
      log(
        `${RUNS} runs each after ${WARM_UP} warm-up, taking turns; no target set (issue #17: "instant"): figures only`,
      );
      await runAll('the schema as the migrations leave it');
      await explain('as migrated');
      const t0 = performance.now();
      for (const ddl of PROPOSED_INDEXES) await db.execute(sql.raw(ddl));
      await db.execute(sql`analyze`);
      log(`created the proposed alliance-wide index in ${((performance.now() - t0) / 1000).toFixed(1)} s:`);
      for (const ddl of PROPOSED_INDEXES) log(`  ${ddl.replace(/\s+/g, ' ')}`);
      await runAll('with the proposed alliance-wide index');
      await explain('with the proposed alliance-wide index');
      const same = answers[0]!.every((a, i) => a === answers[1]![i]);
      log(`the same rankings with and without the index: ${same ? 'yes' : 'NO'}`);
      return clean && same;
    } finally {
      await big.drop();
    }
  },
};
