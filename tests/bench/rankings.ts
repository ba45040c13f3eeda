/**
 * Rankings on PostgreSQL at the size of the largest scheme (issue #17, "Performance"): 38,000
 * residents (36,000 of them in 12,000 households across 20 communities, 2,000 on their own), three
 * years of earning — 140,000 approved claims (each a claim row and its mint), 15,500 deductions
 * (deduct transfers, a tenth of them given back by an upheld appeal's restore) and 20,000 grants —
 * written set-based as the ledger would write them (the same accounts, kinds, ids and links — a
 * deduction against a member names the resident, not the household; the holders' stored balances
 * set to the sum of their transfers). The same seed at a small size is
 * checked first with `checkLedger`.
 *
 * Timed over repeated runs, through the application's own use case (api/application/rankings.ts):
 * a month's community ranking (residents and households), a year's community ranking, and a
 * resident's own rank (a resident asking this month's community ranking: top 20 and `me`). The
 * yardstick for each, in the same run and taking turns with it: a plain select of the period's
 * transfers. Issue #17 says "instant" and sets no number: figures (median, p95, ratio), no
 * PASS/FAIL. Everything is timed twice: on the schema as the migrations leave it (migration 0013
 * indexes claims.transfer_id and deductions' transfer ids for the rankings), then with the one more
 * index docs/rankings.md proposes for alliance-wide rankings, created in this scratch database only
 * (no migration); the two answers must be the same. Then a profile: EXPLAIN ANALYZE of the ranking statement each
 * way. Uses BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres) to create scratch
 * databases and drops them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
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
import { enrollmentCodeKey } from '../../api/directory/enrollment.ts';
import { createRule } from '../../api/earning/rules.ts';
import { allianceAccount, LedgerCache } from '../../api/ledger/accounts.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { silentLogger } from '../../api/logger.ts';
import { rankingPeriod } from '../../api/rankings/queries.ts';
import { KeyIndexCache } from '../../api/vouchers/record-verifier.ts';
import { table } from './measure.ts';
import type { Bench } from './run.ts';

interface Size {
  residents: number;
  households: number;
  communities: number;
  claims: number;
  grants: number;
}
const LARGEST: Size = {
  residents: 38_000,
  households: 12_000,
  communities: 20,
  claims: 140_000,
  grants: 20_000,
};
const SAMPLE: Size = { residents: 380, households: 120, communities: 4, claims: 1_400, grants: 200 };
/** Every ninth claim is followed by a deduction of 5; every tenth deduction is restored. */
const DEDUCT_EVERY = 9;
const RESTORE_EVERY = 10;
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
 * Households, residents, their accounts, claims with their mints, deductions with their deduct
 * and restore transfers, grants, and the holders' stored balances: as mintPoints, deductFree and
 * restoreDeducted write them (a household member's points on the household's account).
 */
async function seed(db: Db, size: Size, allianceId: string, actorId: string, now: Date) {
  const started = performance.now();
  const { helpRule, litterRule } = await db.transaction(async (tx) => ({
    helpRule: await createRule(
      tx,
      allianceId,
      {
        code: 'help',
        category: '志愿活动',
        titleZh: '邻里互助',
        kind: 'range',
        min: 5,
        max: 40,
        evidence: 'none',
        selfClaim: true,
      },
      actorId,
    ),
    litterRule: await createRule(
      tx,
      allianceId,
      {
        code: 'litter',
        category: '扣分',
        titleZh: '乱堆乱放',
        kind: 'deduction',
        points: 5,
        evidence: 'none',
        selfClaim: false,
      },
      actorId,
    ),
  }));
  const issuance = await allianceAccount(db, allianceId, 'issuance');
  const [alliance, actor, iss] = [sql`${allianceId}::uuid`, sql`${actorId}::uuid`, sql`${issuance}::uuid`];
  const members = size.households * 3;
  await db.execute(sql`
    insert into households (alliance_id, name, door_number, community, grid)
    select ${alliance}, '户' || g, '门牌 ' || lpad(g::text, 6, '0'), '社区' || (g % ${size.communities}),
           '网格' || (g % ${size.communities * 5})
    from generate_series(1, ${size.households}::int) g`);
  await db.execute(sql`
    with h as (select array_agg(id order by door_number) as ids from households where alliance_id = ${alliance})
    insert into residents (alliance_id, household_id, name, phone)
    select ${alliance}, case when g <= ${members} then h.ids[1 + (g - 1) / 3] end,
           (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + g % 10] || '居民' || g,
           '139' || lpad(g::text, 8, '0')
    from generate_series(1, ${size.residents}::int) g, h`);
  await db.execute(sql`
    insert into ledger_accounts (alliance_id, kind, owner_id, balance)
    select ${alliance}, 'household', id, 0 from households where alliance_id = ${alliance}
    union all
    select ${alliance}, 'resident', id, 0 from residents where alliance_id = ${alliance} and household_id is null`);
  // Each resident with the account they earn into.
  await db.execute(sql`
    create temporary table holder as
    select r.id as resident_id, r.household_id, a.id as account_id, row_number() over (order by r.phone) as k
    from residents r
    join ledger_accounts a on a.alliance_id = r.alliance_id
      and a.owner_id = coalesce(r.household_id, r.id)
      and a.kind = case when r.household_id is null then 'resident' else 'household' end
    where r.alliance_id = ${alliance}`);
  const spread = (g: SQL) =>
    sql`${now.toISOString()}::timestamptz - interval '1095 days' * ((${g} * 2654435761::bigint) % 1000003) / 1000003.0 - interval '3 hours'`;
  // Claims, approved, each with its mint at the decision.
  await db.execute(sql`
    create temporary table seeded_claims as
    select g, gen_random_uuid() as id, gen_random_uuid() as transfer_id, h.resident_id, h.household_id,
           h.account_id, 5 + (g % 8) * 5 as points, ${spread(sql`g`)} as decided_at
    from generate_series(1, ${size.claims}::int) g
    join holder h on h.k = 1 + (g * 7919::bigint) % ${size.residents}`);
  await db.execute(sql`
    insert into claims (id, alliance_id, resident_id, rule_id, rule_version_id, occurred_on, status, points,
                        awarded_points, created_at, updated_at, decided_at, transfer_id)
    select id, ${alliance}, resident_id, ${helpRule.ruleId}::uuid, ${helpRule.id}::uuid,
           to_char((decided_at - interval '1 day') at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), 'approved', null,
           points, decided_at - interval '1 day', decided_at, decided_at, transfer_id
    from seeded_claims`);
  await db.execute(sql`
    insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, actor_id, created_at)
    select transfer_id, ${alliance}, ${iss}, account_id, points, 'mint', '邻里互助', ${actor}, decided_at
    from seeded_claims`);
  // Deductions of 5, an hour after every ninth claim (so no holder ever goes below zero), and the
  // restores of every tenth of them, a day later.
  await db.execute(sql`
    create temporary table seeded_deductions as
    select gen_random_uuid() as id, gen_random_uuid() as transfer_id,
           case when (g / ${DEDUCT_EVERY}) % ${RESTORE_EVERY} = 0 then gen_random_uuid() end as restore_id,
           resident_id, household_id, account_id, decided_at + interval '1 hour' as created_at
    from seeded_claims where g % ${DEDUCT_EVERY} = 0`);
  await db.execute(sql`
    insert into deductions (id, alliance_id, resident_id, household_id, rule_id, rule_version_id, points, taken_points,
                            transfer_id, created_by, created_at, appeal, appealed_at, appeal_decided_by,
                            appeal_decided_at, appeal_reason, appeal_transfer_id)
    select id, ${alliance}, resident_id, null::uuid, ${litterRule.ruleId}::uuid, ${litterRule.id}::uuid, 5, 5, transfer_id,
           ${actor}, created_at, case when restore_id is null then 'none' else 'upheld' end,
           case when restore_id is not null then created_at + interval '2 hours' end,
           case when restore_id is not null then ${actor} end,
           case when restore_id is not null then created_at + interval '1 day' end,
           case when restore_id is not null then '核实撤销' end, restore_id
    from seeded_deductions`);
  await db.execute(sql`
    insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, actor_id,
                           reverses_id, created_at)
    select transfer_id, ${alliance}, account_id, ${iss}, 5, 'deduct', '乱堆乱放', ${actor}, null, created_at
    from seeded_deductions
    union all
    select restore_id, ${alliance}, ${iss}, account_id, 5, 'restore', '核实撤销', ${actor}, transfer_id,
           created_at + interval '1 day'
    from seeded_deductions where restore_id is not null`);
  // Grants.
  await db.execute(sql`
    insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, actor_id, created_at)
    select gen_random_uuid(), ${alliance}, ${iss}, h.account_id, 10 + (g % 5) * 10, 'mint', '表彰', ${actor},
           ${spread(sql`(g + 7)`)}
    from generate_series(1, ${size.grants}::int) g
    join holder h on h.k = 1 + (g * 104729::bigint) % ${size.residents}`);
  await db.execute(sql`
    update ledger_accounts a set balance = s.balance
    from (select account_id, sum(points) as balance from (
            select credit_account_id as account_id, amount as points from transfers where alliance_id = ${alliance}
            union all
            select debit_account_id, -amount from transfers where alliance_id = ${alliance}) x
          group by account_id) s
    where a.id = s.account_id and a.kind in ('resident', 'household')`);
  await db.execute(sql`analyze`);
  const [counts] = await rows<{ transfers: number; claims: number; deductions: number; restores: number }>(
    db,
    sql`select (select count(*)::int from transfers) as transfers, (select count(*)::int from claims) as claims,
               (select count(*)::int from deductions) as deductions,
               (select count(*)::int from transfers where kind = 'restore') as restores`,
  );
  const [busy] = await rows<{ id: string; community: string }>(
    db,
    // A member who earned this month: their own rank has a place to be.
    sql`select r.id, h.community from residents r join households h on h.id = r.household_id
        join claims c on c.resident_id = r.id and c.decided_at > ${now.toISOString()}::timestamptz - interval '15 days'
        where r.alliance_id = ${alliance} order by r.phone limit 1`,
  );
  for (const t of ['holder', 'seeded_claims', 'seeded_deductions'])
    await db.execute(sql.raw(`drop table ${t}`));
  return { counts: counts!, resident: busy!, seconds: (performance.now() - started) / 1000 };
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
        `sample seed (${SAMPLE.residents} residents, ${s.counts.transfers} transfers): checkLedger ${clean ? 'clean' : `BROKEN: ${broken.map((b) => `${b.invariant} (${b.count})`).join('; ')}`}`,
      );
    } finally {
      await small.drop();
    }

    const big = await scratch(serverUrl, 'bench_rankings');
    try {
      const { db } = big.database;
      const seeded = await seed(db, LARGEST, big.allianceId, big.coordinatorId, big.clock.now());
      const c = seeded.counts;
      log(
        `seeded in ${seeded.seconds.toFixed(1)} s: ${LARGEST.residents} residents in ${LARGEST.households} households ` +
          `(+${LARGEST.residents - LARGEST.households * 3} on their own), ${LARGEST.communities} communities; ` +
          `${c.claims} approved claims, ${c.deductions} deductions (${c.restores} restored), ${LARGEST.grants} grants: ` +
          `${c.transfers} transfers over three years`,
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
        `yardstick: select * from transfers of the period (${monthRows} this month, ${yearRows} this year)`,
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
