/**
 * The merchant devices' two write paths measured from outside, through HTTP, against a real
 * server process (`api/server.ts`), with autocannon as the load generator (#20):
 * (1) POST /v1/redemptions, one online capture a request, 16 connections: captures/s, p50, p99;
 * (2) POST /v1/redemptions/sync, batches of 200 offline records from 8 devices: records/s;
 * both on a fresh PostgreSQL database (created for the run, dropped after), then both on PGlite
 * (reported, no target). The yardstick is pgbench's simple-update (-N) rate at the same client
 * count (16 and 8), on its own scratch database, measured before and after the PostgreSQL phase
 * in the same run and averaged.
 * Targets, as the issue set them: sync ≥ 3,000 captures/s; online ≥ 800/s with p99 ≤ 50 ms and
 * at least a third of pgbench's rate at 16 clients.
 * Every request body (signed vouchers, signed records) is made before the timed phase; the
 * vouchers' holds are written straight into the database before the server starts (issuing
 * them through the API is one code per person and sequential), the devices are enrolled through
 * the API. Afterwards every record sent must have been accepted exactly once and the ledger
 * check must be clean. BENCH_DATABASE_URL names the PostgreSQL server (default
 * postgres://root@127.0.0.1:5432/postgres); BENCH_CPU_PROF=<dir> writes the server's CPU profile.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { bootstrap } from '../../api/bootstrap.ts';
import { systemClock } from '../../api/clock.ts';
import { type Database, openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { rows } from '../../api/db/rows.ts';
import { holds, ledgerAccounts, residents, transfers } from '../../api/db/schema/index.ts';
import { allianceAccount } from '../../api/ledger/accounts.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { holdIdOf } from '../../api/ledger/holds.ts';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { signVoucher } from '../../api/vouchers/issue.ts';
import { currentSigningKey } from '../../api/vouchers/keys.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { type RedemptionRecord, signRedemptionRecord } from '../../shared/redemption-record.ts';
import { startServer } from '../helpers/server-process.ts';
import { table } from './measure.ts';
import type { Bench } from './run.ts';

const ONLINE_CONNECTIONS = 16;
const SYNC_DEVICES = 8;
const BATCH = 200;
const CAP = 10;
const POINTS = 5;
const MERCHANTS = 8;
const ONLINE_DEVICES_PER_MERCHANT = ONLINE_CONNECTIONS / MERCHANTS;
const RESIDENTS = 3000;
const PGBENCH_SECONDS = 5;
const ADMIN = { email: 'bench@bench.cn', password: 'bench password 123' };

/** The targets (#20): never lowered. */
const TARGET_SYNC_PER_S = 3000;
const TARGET_ONLINE_PER_S = 800;
const TARGET_ONLINE_P99_MS = 50;
const TARGET_PGBENCH_SHARE = 1 / 3;

interface Plan {
  label: string;
  seconds: number;
  onlineBodies: number;
  syncBatchesPerDevice: number;
}

const PG_PLAN: Plan = { label: 'PostgreSQL', seconds: 6, onlineBodies: 12_000, syncBatchesPerDevice: 24 };
const PGLITE_PLAN: Plan = { label: 'PGlite', seconds: 4, onlineBodies: 3000, syncBatchesPerDevice: 14 };

function pgbenchPath(): string {
  for (const p of ['/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench']) if (existsSync(p)) return p;
  return 'pgbench';
}

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** pgbench -N at each client count, on a scratch database made for it. */
async function pgbenchRates(serverUrl: string, clients: number[]): Promise<Map<number, number>> {
  const name = `bench_pgbench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  try {
    const url = withDatabase(serverUrl, name);
    const bin = pgbenchPath();
    execFileSync(bin, ['-i', '-q', '-s', '1', url], { stdio: 'pipe' });
    const rates = new Map<number, number>();
    for (const c of clients) {
      const out = execFileSync(bin, ['-c', String(c), '-j', '2', '-T', String(PGBENCH_SECONDS), '-N', url], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
      if (!tps) throw new Error(`cannot read pgbench's tps from:\n${out}`);
      rates.set(c, Number(tps));
    }
    return rates;
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

/**
 * Bootstraps the alliance as the server would and writes `count` open vouchers' holds (cap 10,
 * any merchant, an hour to live) on RESIDENTS residents; returns the signed voucher texts.
 */
async function seedVouchers(database: Database, masterKey: Uint8Array, count: number) {
  const { db } = database;
  const boot = await bootstrap(
    db,
    {
      allianceName: '压测联盟',
      timezone: 'Asia/Shanghai',
      demo: false,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      masterKey,
    },
    systemClock,
  );
  const allianceId = boot.allianceId;
  const residentRows = await db
    .insert(residents)
    .values(Array.from({ length: RESIDENTS }, (_, i) => ({ allianceId, name: `居民${i}` })))
    .returning({ id: residents.id });
  const issuance = await allianceAccount(db, allianceId, 'issuance');
  const escrow = await allianceAccount(db, allianceId, 'escrow');
  const perResident = Math.ceil(count / RESIDENTS);
  const minted = perResident * CAP + 100;
  const accounts = await db
    .insert(ledgerAccounts)
    .values(
      residentRows.map((r) => ({ allianceId, kind: 'resident' as const, ownerId: r.id, balance: minted })),
    )
    .returning({ id: ledgerAccounts.id });
  const now = new Date();
  for (let start = 0; start < accounts.length; start += 1000) {
    await db.insert(transfers).values(
      accounts.slice(start, start + 1000).map((a) => ({
        id: randomUUID(),
        allianceId,
        debitAccountId: issuance,
        creditAccountId: a.id,
        amount: minted,
        kind: 'mint' as const,
        createdAt: now,
      })),
    );
  }
  const key = await currentSigningKey(db, allianceId, masterKey, systemClock);
  const issuedAt = Math.max(key.nbf, Math.floor(now.getTime() / 1000));
  const ttlSeconds = 3600;
  const texts: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const voucher = signVoucher({ key, capPoints: CAP, issuedAt, ttlSeconds, merchantScope: 0 });
      texts.push(voucher.text);
      const voucherId = voucher.fields.voucherId;
      batch.push({ id: holdIdOf(allianceId, voucherId), voucherId, n: i % RESIDENTS });
    }
    await db.insert(transfers).values(
      batch.map((h) => ({
        id: h.id,
        allianceId,
        debitAccountId: accounts[h.n]!.id,
        creditAccountId: escrow,
        amount: CAP,
        kind: 'hold' as const,
        createdAt: now,
      })),
    );
    await db.insert(holds).values(
      batch.map((h) => ({
        id: h.id,
        allianceId,
        voucherId: h.voucherId,
        accountId: accounts[h.n]!.id,
        residentId: residentRows[h.n]!.id,
        capPoints: CAP,
        issuedAt: new Date(issuedAt * 1000),
        expiresAt: new Date((issuedAt + ttlSeconds) * 1000),
        captureDeadline: new Date((issuedAt + ttlSeconds + 7200) * 1000),
        createdAt: now,
        kid: key.kid,
      })),
    );
  }
  await db.execute(sql`update ledger_accounts a set balance = a.balance - h.held
    from (select account_id, sum(cap_points)::bigint as held from holds where alliance_id = ${allianceId}
          group by account_id) h where a.id = h.account_id`);
  // As autovacuum would have by now on a live database: without statistics the planner takes the
  // freshly filled holds table for empty and scans it on every capture.
  await db.execute(sql`analyze`);
  return { allianceId, texts };
}

interface Device {
  token: string;
  deviceId: string;
  seed: Uint8Array;
  nextSeq: number;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Merchants and their devices, through the API as a coordinator makes them. */
async function enrollDevices(baseUrl: string): Promise<{ online: Device[]; sync: Device[] }> {
  const { accessToken: coordinator } = await call(baseUrl, 'POST', '/v1/auth/login', undefined, ADMIN);
  const online: Device[] = [];
  const sync: Device[] = [];
  for (let m = 0; m < MERCHANTS; m++) {
    const merchant = await call(baseUrl, 'POST', '/v1/merchants', coordinator, { name: `压测商户${m}` });
    for (let d = 0; d < ONLINE_DEVICES_PER_MERCHANT + SYNC_DEVICES / MERCHANTS; d++) {
      const slip = await call(baseUrl, 'POST', `/v1/merchants/${merchant.id}/devices`, coordinator);
      const seed = new Uint8Array(randomBytes(32));
      const publicKey = toBase64url(ed25519Node.publicKeyOf!(seed));
      // Each phone from its own address (through the trusted proxy): enrollment is throttled per address.
      const enrolled = await call(
        baseUrl,
        'POST',
        '/v1/enroll/device',
        undefined,
        { code: slip.enrollmentCode, publicKey },
        { 'x-forwarded-for': `10.20.${m}.${d + 1}` },
      );
      const device = { token: enrolled.tokens.accessToken, deviceId: enrolled.deviceId, seed, nextSeq: 1 };
      (d < ONLINE_DEVICES_PER_MERCHANT ? online : sync).push(device);
    }
  }
  return { online, sync };
}

const signFor = (device: Device, voucher: string): RedemptionRecord =>
  signRedemptionRecord(
    {
      id: randomUUID(),
      voucher,
      points: POINTS,
      offerId: null,
      billFen: 3500,
      discountFen: 500,
      scannedAt: Date.now(),
      deviceId: device.deviceId,
      seq: device.nextSeq++,
    },
    device.seed,
    ed25519Node,
  );

interface Body {
  headers: Record<string, string>;
  body: string;
}

/** Runs autocannon over prepared bodies, each sent once, round-robin over the devices. */
async function load(
  url: string,
  connections: number,
  seconds: number,
  bodies: Body[],
  from: { next: number },
): Promise<{ result: autocannon.Result; exhausted: boolean }> {
  let exhausted = false;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    // A batch the old per-record path took 10 s over still counts as an answer, late.
    timeout: 60,
    requests: [
      {
        setupRequest: (req) => {
          if (from.next >= bodies.length) {
            exhausted = true;
            from.next = 0;
          }
          const b = bodies[from.next++]!;
          return { ...req, method: 'POST', headers: b.headers, body: b.body };
        },
      },
    ],
  });
  return { result, exhausted };
}

interface PhaseFigures {
  onlinePerS: number;
  p50: number;
  p99: number;
  onlineErrors: number;
  syncPerS: number;
  syncP50: number;
  syncP99: number;
  syncErrors: number;
  /** What went wrong with the run (a FAIL of its own). */
  notes: string[];
  /** Context printed beside the figures. */
  info: string[];
}

/** Seeds, starts the server, runs both loads, checks every record was captured exactly once. */
async function phase(
  plan: Plan,
  target: { url: string } | { dataDir: string },
  log: (line: string) => void,
): Promise<PhaseFigures> {
  const sample = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (!('url' in target)) return fn();
    const url = new URL(target.url);
    const stop = sampleWaits(target.url, url.pathname.slice(1));
    const result = await fn();
    log(`${plan.label} ${what}: active backends on average, by wait event: ${await stop()}`);
    return result;
  };
  const masterKey = new Uint8Array(randomBytes(32));
  const syncRecords = SYNC_DEVICES * plan.syncBatchesPerDevice * BATCH;
  const seedStart = Date.now();
  let database = await openDatabase(target);
  await runMigrations(database);
  const { allianceId, texts } = await seedVouchers(database, masterKey, plan.onlineBodies + syncRecords);
  await database.close();
  const env: Record<string, string> = {
    ALLIANCE_MASTER_KEY: toBase64url(masterKey),
    ALLIANCE_DEMO: '0',
    ALLIANCE_NAME: '压测联盟',
    ALLIANCE_ADMIN_EMAIL: ADMIN.email,
    ALLIANCE_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: '127.0.0.1',
    ...('url' in target ? { DATABASE_URL: target.url } : { DATA_DIR: target.dataDir }),
  };
  const profile = process.env.BENCH_CPU_PROF;
  const server = await startServer(env, 120_000, {
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  });
  const notes: string[] = [];
  const info: string[] = [];
  try {
    const { online, sync } = await enrollDevices(server.baseUrl);
    const onlineBodies: Body[] = [];
    for (let i = 0; i < plan.onlineBodies; i++) {
      const device = online[i % online.length]!;
      onlineBodies.push({
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify(signFor(device, texts[i]!)),
      });
    }
    const syncBodies: Body[] = [];
    let v = plan.onlineBodies;
    for (let b = 0; b < plan.syncBatchesPerDevice; b++) {
      for (const device of sync) {
        const records = Array.from({ length: BATCH }, () => signFor(device, texts[v++]!));
        syncBodies.push({
          headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
          body: JSON.stringify({ records }),
        });
      }
    }
    log(
      `${plan.label}: ${texts.length} vouchers held and ${onlineBodies.length + syncRecords} records signed ` +
        `in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (not timed)`,
    );
    const onlineFrom = { next: 0 };
    const syncFrom = { next: 0 };
    // Each path warmed up (caches, JIT, pools) on bodies of its own, and the server left to
    // finish what the load generator stopped waiting for before the next measurement.
    const settle = () => new Promise((r) => setTimeout(r, 2000));
    const onlineUrl = `${server.baseUrl}/v1/redemptions`;
    const syncUrl = `${server.baseUrl}/v1/redemptions/sync`;
    // The ceiling this machine gives any route right now: GET /healthz (no database) at 16 connections.
    const floor = await autocannon({
      url: `${server.baseUrl}/healthz`,
      connections: ONLINE_CONNECTIONS,
      duration: 2,
    });
    info.push(
      `${plan.label}: GET /healthz (no database, same server) ${(floor['2xx'] / (floor.duration || 2)).toFixed(0)}/s, ` +
        `p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms at 16 connections`,
    );
    const warm = [await load(onlineUrl, ONLINE_CONNECTIONS, 1, onlineBodies, onlineFrom)];
    await settle();
    const onlineRun = await sample('online', () =>
      load(onlineUrl, ONLINE_CONNECTIONS, plan.seconds, onlineBodies, onlineFrom),
    );
    await settle();
    warm.push(await load(syncUrl, SYNC_DEVICES, 1, syncBodies, syncFrom));
    await settle();
    const syncRun = await sample('sync', () =>
      load(syncUrl, SYNC_DEVICES, plan.seconds, syncBodies, syncFrom),
    );
    await settle();
    if (onlineRun.exhausted || syncRun.exhausted || warm.some((w) => w.exhausted))
      notes.push(`${plan.label}: ran out of prepared bodies (replays counted): prepare more`);
    const answeredOnline = warm[0]!.result['2xx'] + onlineRun.result['2xx'];
    const answeredSync = (warm[1]!.result['2xx'] + syncRun.result['2xx']) * BATCH;
    const o = onlineRun.result;
    const s = syncRun.result;
    const figures: PhaseFigures = {
      onlinePerS: o['2xx'] / (o.duration || plan.seconds),
      p50: o.latency.p50,
      p99: o.latency.p99,
      onlineErrors: o.non2xx + o.errors + o.timeouts,
      syncPerS: (s['2xx'] * BATCH) / (s.duration || plan.seconds),
      syncP50: s.latency.p50,
      syncP99: s.latency.p99,
      syncErrors: s.non2xx + s.errors + s.timeouts,
      notes,
      info,
    };
    await server.stop();
    // Every record sent was answered `accepted`, once; the ledger adds up.
    database = await openDatabase(target);
    try {
      const [c] = await rows<{ online: number; synced: number; other: number }>(
        database.db,
        sql`select count(*) filter (where outcome = 'accepted' and not offline)::int as online,
                   count(*) filter (where outcome = 'accepted' and offline)::int as synced,
                   count(*) filter (where outcome <> 'accepted')::int as other
            from redemptions`,
      );
      if (!c) throw new Error('no counts');
      // A request the load generator gave up on (timeout) may still be captured: stored ≥ answered.
      if (Number(c.online) < answeredOnline)
        notes.push(`${plan.label}: ${c.online} online captures stored for ${answeredOnline} answered`);
      if (Number(c.synced) < answeredSync)
        notes.push(`${plan.label}: ${c.synced} synced captures stored for ${answeredSync} answered`);
      if (Number(c.other) > 0) notes.push(`${plan.label}: ${c.other} records not accepted`);
      const broken = await checkLedger(database.db, { allianceId });
      if (broken.length > 0)
        notes.push(`${plan.label}: ledger check: ${broken.map((b) => b.invariant).join('; ')}`);
      log(
        `${plan.label}: ${c.online} online and ${c.synced} synced captures stored ` +
          `for ${answeredOnline} and ${answeredSync} answered 200; ledger check ${broken.length === 0 ? 'clean' : 'BROKEN'}`,
      );
    } finally {
      await database.close();
    }
    return figures;
  } finally {
    await server.stop();
  }
}

/**
 * What the server's connections wait on while a load runs: pg_stat_activity sampled every 20 ms
 * (active backends of the bench database only), tallied by wait event; '(cpu)' is an active
 * backend waiting on nothing. Printed beside the figures, so a run shows where PostgreSQL's time
 * went (locks, WAL flushes at commit, client reads).
 */
function sampleWaits(serverUrl: string, database: string) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const tally = new Map<string, number>();
  const queries = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await sql<{ w: string; q: string; n: number }[]>`
        select coalesce(wait_event_type || ':' || wait_event, '(cpu)') as w,
          regexp_replace(left(query, 48), '[[:space:]]+', ' ', 'g') as q, count(*)::int as n
        from pg_stat_activity where datname = ${database} and state = 'active' and pid <> pg_backend_pid()
        group by 1, 2`;
      samples++;
      for (const r of rows) {
        tally.set(r.w, (tally.get(r.w) ?? 0) + r.n);
        if (r.w === '(cpu)') queries.set(r.q, (queries.get(r.q) ?? 0) + r.n);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await sql.end({ timeout: 5 });
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([w, k]) => `${w} ${(k / samples).toFixed(1)}`)
        .join(', ') || 'none';
    return `${top(tally, 6)}; on CPU: ${top(queries, 3)}`;
  };
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export const httpLoadBench: Bench = {
  name: 'http load (captures and sync through HTTP)',
  async run(log) {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
    const before = await pgbenchRates(serverUrl, [ONLINE_CONNECTIONS, SYNC_DEVICES]);
    const name = `bench_http_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    let pg: PhaseFigures;
    try {
      pg = await phase(PG_PLAN, { url: withDatabase(serverUrl, name) }, log);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
    const after = await pgbenchRates(serverUrl, [ONLINE_CONNECTIONS, SYNC_DEVICES]);
    const yard = (c: number) => (before.get(c)! + after.get(c)!) / 2;
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-pglite-'));
    let lite: PhaseFigures;
    try {
      lite = await phase(PGLITE_PLAN, { dataDir }, log);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const f = (n: number) => n.toFixed(0);
    log(
      table(
        ['path', 'database', 'rate/s', 'p50 ms', 'p99 ms', 'errors', 'pgbench -N tps'],
        [
          [
            'POST /v1/redemptions (16 conn.)',
            'PostgreSQL',
            f(pg.onlinePerS),
            f(pg.p50),
            f(pg.p99),
            String(pg.onlineErrors),
            `${f(yard(ONLINE_CONNECTIONS))} (16 cl.)`,
          ],
          [
            'POST /v1/redemptions/sync (8 dev. × 200)',
            'PostgreSQL',
            f(pg.syncPerS),
            f(pg.syncP50),
            f(pg.syncP99),
            String(pg.syncErrors),
            `${f(yard(SYNC_DEVICES))} (8 cl.)`,
          ],
          [
            'POST /v1/redemptions (16 conn.)',
            'PGlite',
            f(lite.onlinePerS),
            f(lite.p50),
            f(lite.p99),
            String(lite.onlineErrors),
            '—',
          ],
          [
            'POST /v1/redemptions/sync (8 dev. × 200)',
            'PGlite',
            f(lite.syncPerS),
            f(lite.syncP50),
            f(lite.syncP99),
            String(lite.syncErrors),
            '—',
          ],
        ],
      ),
    );
    log(
      `pgbench -N: 16 clients ${f(before.get(16)!)} before, ${f(after.get(16)!)} after; ` +
        `8 clients ${f(before.get(8)!)} before, ${f(after.get(8)!)} after`,
    );
    for (const line of [...pg.info, ...lite.info]) log(line);
    for (const note of [...pg.notes, ...lite.notes]) log(`note: ${note}`);
    const share = pg.onlinePerS / yard(ONLINE_CONNECTIONS);
    const checks: [string, boolean][] = [
      [
        `batched sync ≥ 3,000 captures/s (batches of 200 records) on PostgreSQL, through HTTP: ${f(pg.syncPerS)}/s`,
        pg.syncPerS >= TARGET_SYNC_PER_S && pg.syncErrors === 0,
      ],
      [
        `single online captures ≥ 800/s at 16 connections: ${f(pg.onlinePerS)}/s`,
        pg.onlinePerS >= TARGET_ONLINE_PER_S && pg.onlineErrors === 0,
      ],
      [`single online captures p99 ≤ 50 ms: ${f(pg.p99)} ms`, pg.p99 <= TARGET_ONLINE_P99_MS],
      [
        `single online captures ≥ a third of pgbench's simple-update rate at 16 clients (≥ 33.3 %): ` +
          `${(share * 100).toFixed(1)} % of ${f(yard(ONLINE_CONNECTIONS))} tps`,
        share >= TARGET_PGBENCH_SHARE,
      ],
    ];
    for (const [line, ok] of checks) log(`${pass(ok)}  ${line}`);
    const clean = pg.notes.length === 0 && lite.notes.length === 0;
    if (!clean)
      log(
        'FAIL  the run is not clean: records not captured exactly once, or too few bodies prepared (notes above)',
      );
    return clean && checks.every(([, ok]) => ok);
  },
};
