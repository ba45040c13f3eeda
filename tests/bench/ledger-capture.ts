/**
 * Captures per second on PostgreSQL with 8 concurrent clients (the full path: hold row lock,
 * capture and release transfers, holder balance, redemption record), beside PostgreSQL's own
 * pgbench simple-update rate (-N) on the same server as the yardstick. Target (#20, as the ledger
 * issue set it, never lowered): at least a third of pgbench. Uses BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/postgres) to create
 * two scratch databases and drops them afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { fixedClock } from '../../api/clock.ts';
import { type Database, openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import {
  alliances,
  holds,
  ledgerAccounts,
  merchants,
  residents,
  transfers,
} from '../../api/db/schema/index.ts';
import { allianceAccount } from '../../api/ledger/accounts.ts';
import { capturePoints } from '../../api/ledger/capture.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { holdIdOf } from '../../api/ledger/holds.ts';
import type { Bench } from './run.ts';

const CLIENTS = 8;
const SECONDS = 5;
/** A third of pgbench's simple-update rate at the same client count (issue #20). */
const TARGET = 1 / 3;
const RESIDENTS = 1000;
const HOLDS_PER_CLIENT = 4000;
const CAP = 10;

function pgbenchPath(): string {
  for (const p of ['/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench']) if (existsSync(p)) return p;
  return 'pgbench';
}

const withDatabase = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

interface Prepared {
  allianceId: string;
  merchantIds: string[];
  /** Per client, the vouchers it will capture. */
  vouchers: string[][];
}

/** An alliance whose residents hold open vouchers, written in bulk (not timed). */
async function prepare(database: Database): Promise<Prepared> {
  const { db } = database;
  const [alliance] = await db.insert(alliances).values({ name: 'bench' }).returning();
  const allianceId = alliance!.id;
  const merchantRows = await db
    .insert(merchants)
    .values(Array.from({ length: CLIENTS }, (_, i) => ({ allianceId, number: 1 + i, name: `m${i}` })))
    .returning();
  const residentRows = await db
    .insert(residents)
    .values(Array.from({ length: RESIDENTS }, (_, i) => ({ allianceId, name: `r${i}` })))
    .returning();
  const issuance = await allianceAccount(db, allianceId, 'issuance');
  const escrow = await allianceAccount(db, allianceId, 'escrow');
  const totalHolds = CLIENTS * HOLDS_PER_CLIENT;
  const perResident = Math.ceil(totalHolds / RESIDENTS);
  const minted = perResident * CAP + 100;
  const accounts = await db
    .insert(ledgerAccounts)
    .values(
      residentRows.map((r) => ({ allianceId, kind: 'resident' as const, ownerId: r.id, balance: minted })),
    )
    .returning();
  const now = new Date();
  await db.insert(transfers).values(
    accounts.map((a) => ({
      id: randomUUID(),
      allianceId,
      debitAccountId: issuance,
      creditAccountId: a.id,
      amount: minted,
      kind: 'mint' as const,
      createdAt: now,
    })),
  );
  const vouchers: string[][] = Array.from({ length: CLIENTS }, () => []);
  const heldBy = new Map<string, number>();
  for (let start = 0; start < totalHolds; start += 1000) {
    const holdRows = [];
    for (let i = start; i < Math.min(totalHolds, start + 1000); i++) {
      const account = accounts[i % RESIDENTS]!;
      const voucherId = randomBytes(12).toString('hex');
      vouchers[i % CLIENTS]!.push(voucherId);
      heldBy.set(account.id, (heldBy.get(account.id) ?? 0) + CAP);
      holdRows.push({
        id: holdIdOf(allianceId, voucherId),
        voucherId,
        account,
        resident: residentRows[i % RESIDENTS]!,
      });
    }
    await db.insert(transfers).values(
      holdRows.map((h) => ({
        id: h.id,
        allianceId,
        debitAccountId: h.account.id,
        creditAccountId: escrow,
        amount: CAP,
        kind: 'hold' as const,
        createdAt: now,
      })),
    );
    await db.insert(holds).values(
      holdRows.map((h) => ({
        id: h.id,
        allianceId,
        voucherId: h.voucherId,
        accountId: h.account.id,
        residentId: h.resident.id,
        capPoints: CAP,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 180_000),
        captureDeadline: new Date(now.getTime() + 7_380_000),
        createdAt: now,
      })),
    );
  }
  for (const a of accounts) {
    await db.execute(
      sql`update ledger_accounts set balance = balance - ${heldBy.get(a.id) ?? 0} where id = ${a.id}`,
    );
  }
  return { allianceId, merchantIds: merchantRows.map((m) => m.id), vouchers };
}

async function captureRate(serverUrl: string, log: (line: string) => void): Promise<number> {
  const name = `bench_ledger_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const clients: Database[] = [];
  try {
    const url = withDatabase(serverUrl, name);
    const main = await openDatabase({ url });
    clients.push(main);
    await runMigrations(main);
    const prepared = await prepare(main);
    for (let i = 0; i < CLIENTS; i++) clients.push(await openDatabase({ url }));
    const clock = fixedClock(Date.now());
    let measuring = false;
    let done = 0;
    let stopAt = 0;
    const client = async (n: number) => {
      const db = clients[n + 1]!.db;
      for (const voucherId of prepared.vouchers[n]!) {
        if (Date.now() >= stopAt) return;
        const result = await capturePoints(
          db,
          {
            allianceId: prepared.allianceId,
            recordId: randomUUID(),
            merchantId: prepared.merchantIds[n]!,
            voucherId,
            capPoints: CAP,
            merchantScope: 0,
            points: CAP / 2,
            billFen: 3500,
            discountFen: 500,
          },
          clock,
        );
        if (result.outcome !== 'accepted') throw new Error(`capture refused: ${result.outcome}`);
        if (measuring) done++;
      }
    };
    const warmUpEnd = Date.now() + 1000;
    stopAt = warmUpEnd + SECONDS * 1000;
    setTimeout(() => {
      measuring = true;
    }, warmUpEnd - Date.now());
    const started = warmUpEnd;
    let cpuAtStart = process.cpuUsage();
    setTimeout(() => {
      cpuAtStart = process.cpuUsage();
    }, warmUpEnd - Date.now());
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const cpu = process.cpuUsage(cpuAtStart);
    const elapsed = (Math.min(Date.now(), stopAt) - started) / 1000;
    const broken = await checkLedger(main.db, { allianceId: prepared.allianceId });
    if (broken.length > 0)
      throw new Error(`ledger check failed after the bench: ${broken.map((b) => b.invariant).join('; ')}`);
    log(`ledger captures: ${done} in ${elapsed.toFixed(1)} s with ${CLIENTS} clients; ledger check clean`);
    log(`client process CPU: ${(((cpu.user + cpu.system) / 1000 / done) * 1000).toFixed(0)} µs per capture`);
    return done / elapsed;
  } finally {
    for (const c of clients) await c.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

async function pgbenchRate(serverUrl: string, log: (line: string) => void): Promise<number> {
  const name = `bench_pgbench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  try {
    const url = withDatabase(serverUrl, name);
    const bin = pgbenchPath();
    execFileSync(bin, ['-i', '-q', '-s', '1', url], { stdio: 'pipe' });
    const out = execFileSync(bin, ['-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-N', url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    if (!tps) throw new Error(`cannot read pgbench's tps from:\n${out}`);
    log(`pgbench -N (simple update): ${Number(tps).toFixed(0)} tps with ${CLIENTS} clients`);
    return Number(tps);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

export const ledgerCaptureBench: Bench = {
  name: 'ledger capture (PostgreSQL)',
  async run(log) {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
    // pgbench before and after, averaged, so a change in machine load hits both sides alike.
    const before = await pgbenchRate(serverUrl, log);
    const captures = await captureRate(serverUrl, log);
    const yardstick = (before + (await pgbenchRate(serverUrl, log))) / 2;
    const ratio = captures / yardstick;
    log(
      `captures/s: ${captures.toFixed(0)}; pgbench simple-update tps: ${yardstick.toFixed(0)}; ` +
        `ratio ${(ratio * 100).toFixed(1)}% (target ≥ a third of pgbench, ${(TARGET * 100).toFixed(1)}%)`,
    );
    const pass = ratio >= TARGET;
    log(pass ? 'PASS' : 'FAIL');
    return pass;
  },
};
