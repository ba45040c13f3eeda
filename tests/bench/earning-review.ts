/**
 * Earning points on PostgreSQL, at the size of a busy town: 20,000 claims waiting for review
 * (with 80,000 decided ones behind them, over 10,000 residents and 50 rules, a third of them with
 * photos), then, timed over repeated runs: the review queue's first page (50 claims, oldest
 * first) as a reviewer opens it, and a resident's claim list (a resident with 200 claims: the 100
 * newest), both through the application's own reads (api/application/earning.ts `claimQueue`,
 * `myClaims`). Yardstick, in the same run and taking turns with them: a plain select of the same
 * rows from `claims`. Issue #15 sets no number, so this prints figures (median and p95) and the
 * ratio, no PASS/FAIL; it fails only if the application's rows are not the yardstick's.
 * Then a profile: each SQL statement the application's reads send, its round trip from Node and
 * EXPLAIN ANALYZE's planning and execution times (BENCH_EXPLAIN=1 prints the whole plans). Uses BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/postgres) to create a scratch database and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { AppContext } from '../../api/application/context.ts';
import { claimQueue, myClaims } from '../../api/application/earning.ts';
import type { ResidentPrincipal, StaffPrincipal } from '../../api/auth/principal.ts';
import { deriveTokenKeys } from '../../api/auth/tokens.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { type Clock, fixedClock } from '../../api/clock.ts';
import { type Db, openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { rows } from '../../api/db/rows.ts';
import * as schema from '../../api/db/schema/index.ts';
import { staffUsers } from '../../api/db/schema/index.ts';
import { DEMO_CATEGORIES, seedDemoRules } from '../../api/demo/rules.ts';
import { enrollmentCodeKey } from '../../api/directory/enrollment.ts';
import { createRule } from '../../api/earning/rules.ts';
import { LedgerCache } from '../../api/ledger/accounts.ts';
import { silentLogger } from '../../api/logger.ts';
import { KeyIndexCache } from '../../api/vouchers/record-verifier.ts';
import { table } from './measure.ts';
import type { Bench } from './run.ts';

const SIZE = { residents: 10_000, rules: 50, waiting: 20_000, decided: 80_000, busyResident: 200 };
const PAGE = 50;
/** myClaims answers a resident's newest 100 claims. */
const RESIDENT_PAGE = 100;
const WARM_UP = 10;
const RUNS = 60;

/** A use case's context on this database: only db and clock matter to the reads timed here. */
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
 * Rules, residents, claims, decisions and photos, written set-based (generate_series). Claims are
 * spread over the residents (all but the busy one) and the claimable rules; created_at over the
 * last year for decided claims and the last 30 days for waiting ones.
 */
async function seed(db: Db, allianceId: string, actorId: string, now: Date) {
  await db.transaction(async (tx) => {
    await seedDemoRules(tx, allianceId, actorId);
    const have = (await rows<{ n: number }>(tx, sql`select count(*)::int as n from rules`))[0]!.n;
    for (let i = have; i < SIZE.rules; i++) {
      await createRule(
        tx,
        allianceId,
        {
          code: `bench-${i}`,
          category: DEMO_CATEGORIES[i % DEMO_CATEGORIES.length]!,
          titleZh: `测试规则 ${i}`,
          kind: 'fixed',
          points: 5 + (i % 10) * 5,
          evidence: 'optional',
          selfClaim: true,
        },
        actorId,
      );
    }
  });
  await db.execute(sql`
    insert into residents (alliance_id, name, phone)
    select ${allianceId}, '居民' || g, '139' || lpad(g::text, 8, '0')
    from generate_series(1, ${SIZE.residents}::int) g`);
  const [busy] = await rows<{ id: string }>(
    db,
    sql`select id from residents where alliance_id = ${allianceId} order by phone limit 1`,
  );
  // Claims: g numbers them; the resident, the rule and the time follow from g. A few rules take
  // most claims (as reading and patrols would), the last ones very few.
  const insertClaims = (opts: { from: number; to: number; waiting: boolean; busy: boolean }) => sql`
    with r as (
      select array_agg(id order by phone) as ids from residents
      where alliance_id = ${allianceId} and id <> ${busy!.id}
    ), v as (
      select array_agg(rv.id order by rv.id) as ids, array_agg(rv.rule_id order by rv.id) as rule_ids,
             array_agg(rv.kind order by rv.id) as kinds, array_agg(rv.points order by rv.id) as points,
             array_agg(rv.points_per_hour order by rv.id) as per_hour
      from rules join rule_versions rv on rv.id = rules.current_version_id
      where rules.alliance_id = ${allianceId} and rv.kind <> 'deduction'
    ), p as (
      select g, 1 + floor(cardinality(v.ids) * power(((g::bigint * 40503) % 65521) / 65521.0, 3))::int as k
      from generate_series(${opts.from}::int, ${opts.to}::int) as n(g), v
    ), s as (
      select g, v.ids[k] as version_id, v.rule_ids[k] as rule_id, v.kinds[k] as kind,
             v.points[k] as points, v.per_hour[k] as per_hour,
             ${opts.busy ? sql`${busy!.id}::uuid` : sql`r.ids[1 + (g * 7919) % cardinality(r.ids)]`} as resident_id,
             ${now.toISOString()}::timestamptz - (${opts.waiting ? sql`interval '30 days'` : sql`interval '365 days'`}
               * ((g * 2654435761::bigint) % 1000003) / 1000003.0) as created_at
      from p, v, r
    )
    insert into claims (alliance_id, resident_id, rule_id, rule_version_id, occurred_on, half_hours,
                        note, public, status, points, awarded_points, created_at, updated_at, decided_at)
    select ${allianceId}, resident_id, rule_id, version_id,
           to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'),
           case when kind = 'per_hour' then 2 end,
           case when g % 4 = 0 then '和邻居一起清理了楼道' end, g % 5 = 0,
           ${
             opts.waiting
               ? sql`case when g % 7 = 0 then 'awaiting_second' else 'submitted' end`
               : sql`case when g % 8 = 0 then 'refused' else 'approved' end`
           },
           case kind when 'fixed' then points when 'per_hour' then per_hour end,
           ${opts.waiting ? sql`null` : sql`case when g % 8 <> 0 then coalesce(points, per_hour, 40) end`},
           created_at, created_at,
           ${opts.waiting ? sql`null` : sql`created_at + interval '20 hours'`}
    from s`;
  const started = performance.now();
  // The busy resident: 200 claims over the year, the newest 40 still waiting; everyone else the rest.
  const busyWaiting = 40;
  const busyDecided = SIZE.busyResident - busyWaiting;
  const parts = [
    { n: SIZE.decided - busyDecided, waiting: false, busy: false },
    { n: SIZE.waiting - busyWaiting, waiting: true, busy: false },
    { n: busyDecided, waiting: false, busy: true },
    { n: busyWaiting, waiting: true, busy: true },
  ];
  let from = 1;
  for (const part of parts) {
    await db.execute(insertClaims({ from, to: from + part.n - 1, waiting: part.waiting, busy: part.busy }));
    from += part.n;
  }
  // Decisions: each decided claim's, and the first approval of each claim awaiting a second.
  await db.execute(sql`
    insert into claim_decisions (claim_id, reviewer_id, decision, points, reason, status_before, created_at)
    select id, ${actorId}, case status when 'refused' then 'refuse' else 'approve' end,
           coalesce(awarded_points, points, 40), case when status = 'refused' then '材料不全' end,
           'submitted',
           coalesce(decided_at, created_at + interval '2 hours')
    from claims where alliance_id = ${allianceId} and status in ('approved', 'refused', 'awaiting_second')`);
  // Photos: one for every third claim, a second for every ninth; small bytes (the size of the
  // bytes does not change the reads timed here: they never select them).
  await db.execute(sql`
    insert into evidence (alliance_id, uploaded_by, uploader_role, content_type, bytes, size, sha256,
                          claim_id, created_at)
    select c.alliance_id, c.resident_id, 'resident', 'image/jpeg', b.bytes, length(b.bytes),
           encode(sha256(b.bytes), 'hex'), c.id, c.created_at - interval '1 minute' * n
    from (select *, row_number() over (order by created_at) as k from claims where alliance_id = ${allianceId}) c
    cross join lateral generate_series(1, case when c.k % 9 = 0 then 2 when c.k % 3 = 0 then 1 else 0 end) n
    cross join lateral (select decode(repeat(md5(c.id::text || n), 16), 'hex') as bytes) b`);
  await db.execute(sql`analyze`);
  const counts = (
    await rows<{ waiting: number; decided: number; photos: number; residents: number; rules: number }>(
      db,
      sql`select
        (select count(*)::int from claims where status in ('submitted', 'awaiting_second')) as waiting,
        (select count(*)::int from claims where status in ('approved', 'refused')) as decided,
        (select count(*)::int from evidence) as photos,
        (select count(*)::int from residents) as residents,
        (select count(*)::int from rules) as rules`,
    )
  )[0]!;
  return { busyResidentId: busy!.id, counts, seconds: (performance.now() - started) / 1000 };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Times each function RUNS times after a warm-up, the functions taking turns run by run. */
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

interface Target {
  label: string;
  app: (ctx: AppContext) => Promise<{ id: string }[]>;
  plain: () => Promise<{ id: string }[]>;
}

/**
 * Where the time goes: each statement a read sends (caught by drizzle's logger), its round trip
 * from Node sent as it is (median of 20, rows parsed by postgres.js included) and EXPLAIN
 * ANALYZE's planning and execution times; what is left of the read's median is drizzle building
 * the statements and shaping the rows, the views, and the event loop between statements.
 */
async function profile(
  url: string,
  clock: Clock,
  reads: { label: string; read: (ctx: AppContext) => Promise<unknown>; median: number }[],
  log: (line: string) => void,
) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const statements: { query: string; params: unknown[] }[] = [];
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (query, params) => statements.push({ query, params }) },
  }) as unknown as Db;
  const ctx = contextOf(db, clock);
  const full = process.env.BENCH_EXPLAIN === '1';
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  try {
    for (const { label, read, median } of reads) {
      await read(ctx);
      statements.length = 0;
      await read(ctx);
      const sent = [...statements];
      const lines: string[][] = [];
      let trips = 0;
      for (const s of sent) {
        const params = s.params as never[];
        const rounds: number[] = [];
        for (let i = 0; i < 25; i++) {
          const start = performance.now();
          await client.unsafe(s.query, params);
          if (i >= 5) rounds.push(performance.now() - start);
        }
        const trip = percentile(rounds, 50);
        trips += trip;
        const plan = (await client.unsafe(`explain (analyze, buffers) ${s.query}`, params)) as unknown as {
          'QUERY PLAN': string;
        }[];
        const text = plan.map((p) => p['QUERY PLAN']);
        const timeOf = (what: string) =>
          text.find((t) => t.startsWith(what))?.replace(`${what}: `, '') ?? '?';
        const scans = [
          ...new Set(
            text.flatMap((t) => {
              const m =
                /(?:Seq|Index|Index Only|Bitmap Index) Scan(?: Backward)? (?:using (\S+)|on (\S+))/.exec(t);
              return m ? [m[1] ?? m[2]!] : [];
            }),
          ),
        ];
        lines.push([
          s.query.replace(/"/g, '').replace(/\s+/g, ' ').slice(0, 60),
          ms(trip),
          timeOf('Planning Time'),
          timeOf('Execution Time'),
          scans.join(' '),
        ]);
        if (full) log(`${s.query}\n${text.join('\n')}\n`);
      }
      log(`profile: ${label}: ${sent.length} statements`);
      log(table(['statement', 'round trip', 'planning', 'execution', 'scans'], lines));
      log(
        `  round trips ${ms(trips)} of the read's median ${ms(median)}; the rest (drizzle, views) ≈ ${ms(Math.max(0, median - trips))}`,
      );
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

export const earningReviewBench: Bench = {
  name: `earning: review queue and a resident's claims with ${SIZE.waiting} claims waiting (PostgreSQL)`,
  async run(log) {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
    const name = `bench_earning_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    try {
      await runMigrations(database);
      const clock = fixedClock('2026-11-20T02:00:00Z');
      const { db } = database;
      const { allianceId } = await bootstrap(
        db,
        { allianceName: '容东片区', timezone: 'Asia/Shanghai', demo: false },
        clock,
      );
      const [coordinator] = await db.select({ id: staffUsers.id }).from(staffUsers);
      const seeded = await seed(db, allianceId, coordinator!.id, clock.now());
      const c = seeded.counts;
      log(
        `seeded in ${seeded.seconds.toFixed(1)} s: ${c.waiting} claims waiting, ${c.decided} decided, ` +
          `${c.photos} photos, ${c.residents} residents, ${c.rules} rules`,
      );

      const ctx = contextOf(db, clock);
      const reviewer: StaffPrincipal = {
        role: 'staff',
        subjectId: coordinator!.id,
        allianceId,
        rights: ['reviewer'],
      };
      const resident: ResidentPrincipal = { role: 'resident', subjectId: seeded.busyResidentId, allianceId };
      // The rule with the fewest claims waiting: a reviewer filtering the queue by it walks the
      // queue's index furthest before the page is full.
      const [rare] = await rows<{ code: string; id: string; n: number }>(
        db,
        sql`select rules.code, rules.id, count(*)::int as n from claims join rules on rules.id = claims.rule_id
            where claims.status in ('submitted', 'awaiting_second') group by rules.code, rules.id
            order by n, rules.code limit 1`,
      );
      const waiting = sql`alliance_id = ${allianceId} and status in ('submitted', 'awaiting_second')`;
      const targets: Target[] = [
        {
          label: `review queue, first page of ${PAGE} (claimQueue as a reviewer)`,
          app: (x) => claimQueue(x, reviewer, {}),
          plain: () =>
            rows<{ id: string }>(
              db,
              sql`select * from claims where ${waiting} order by created_at limit ${PAGE}`,
            ),
        },
        {
          label: `a resident's claims, ${SIZE.busyResident} filed: newest ${RESIDENT_PAGE} (myClaims)`,
          app: (x) => myClaims(x, resident),
          plain: () =>
            rows<{ id: string }>(
              db,
              sql`select * from claims where alliance_id = ${allianceId} and resident_id = ${seeded.busyResidentId}
                  order by created_at desc limit ${RESIDENT_PAGE}`,
            ),
        },
        {
          label: `(not asked) the queue filtered by its rarest rule, ${rare!.n} waiting (claimQueue)`,
          app: (x) => claimQueue(x, reviewer, { ruleCode: rare!.code }),
          plain: () =>
            rows<{ id: string }>(
              db,
              sql`select * from claims where ${waiting} and rule_id = ${rare!.id} order by created_at limit ${PAGE}`,
            ),
        },
      ];

      // The same rows, in the same order, or the comparison means nothing.
      const same: boolean[] = [];
      for (const t of targets) {
        const [a, b] = [await t.app(ctx), await t.plain()];
        same.push(a.length > 0 && JSON.stringify(a.map((r) => r.id)) === JSON.stringify(b.map((r) => r.id)));
      }
      const times = await timeEach(targets.flatMap((t) => [() => t.app(ctx), t.plain]));
      const ms = (x: number) => `${x.toFixed(2)} ms`;
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
      log(
        `yardsticks: a plain select * from claims of the same rows (… order by created_at limit ${PAGE} for the ` +
          `queue; the resident's ${RESIDENT_PAGE} newest); ${RUNS} runs each after ${WARM_UP} warm-up, taking turns`,
      );
      log('no target set (issue #15): figures only');
      log(`the same rows as the yardstick: ${same.map((ok) => (ok ? 'yes' : 'NO')).join(', ')}`);
      await profile(
        url.toString(),
        clock,
        targets.map((t, i) => ({ label: t.label, read: t.app, median: percentile(times[2 * i]!, 50) })),
        log,
      );
      return same.every(Boolean);
    } finally {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  },
};
