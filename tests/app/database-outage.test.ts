/**
 * The database goes away under load and comes back. The API talks to PostgreSQL through a TCP
 * proxy the test controls; in the middle of a stream of captures from three devices the proxy
 * kills every connection and refuses new ones (a stopped server), then serves again.
 *
 * Promises checked: no answer is a 500 and none takes 2 s; during the outage captures answer
 * 503 service_unavailable with Retry-After and /readyz answers 503 within a second; the API
 * recovers by itself; re-sending what got no answer captures each record exactly once, and the
 * books balance.
 *
 * Both runs use a PostgreSQL server (TEST_DATABASE_URL, else the local one at 127.0.0.1:5432):
 * PGlite has no socket to cut, and @electric-sql/pglite-socket pins a PGlite other than ours.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { fixedClock } from '../../api/clock.ts';
import { type Database, openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { rows } from '../../api/db/rows.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { type RecordResult, SyncResponse } from '../../shared/api/merchant.ts';
import type { RedemptionRecord } from '../../shared/redemption-record.ts';
import { ADMIN, type TestApi } from '../helpers/api.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEVICES = 3;
const VOUCHERS_PER_DEVICE = 120;
/** Pause between one device's captures: a busy counter, not a flood that would empty the pool. */
const CAPTURE_GAP_MS = 50;

interface Answer {
  startedAt: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  body: { type?: string } & Partial<RecordResult>;
}

interface Capture extends Answer {
  device: TestDevice;
  record: RedemptionRecord;
}

/** A fresh database on the server, reached through the proxy; dropped again by `drop`. */
async function proxiedDatabase() {
  const name = `t_outage_${randomBytes(5).toString('hex')}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const server = new URL(SERVER_URL);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = new URL(SERVER_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), statementTimeoutMs: 15_000 });
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  return { database, proxy, drop };
}

/** The app on that database, shaped as the world helpers expect, logging warnings into `logLines`. */
async function outageApi(database: Database, logLines: string[]): Promise<TestApi> {
  await runMigrations(database);
  const masterKey = new Uint8Array(randomBytes(32));
  const clock = fixedClock('2026-11-22T02:00:00Z');
  const boot = await bootstrap(
    database.db,
    {
      allianceName: '停电联盟',
      timezone: 'Asia/Shanghai',
      demo: false,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      masterKey,
    },
    clock,
  );
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
  const app = createApp({ db: database.db, allianceId: boot.allianceId, masterKey, clock, logger });
  const call: TestApi['call'] = (method, path, { token, body, headers } = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
  return {
    database,
    app,
    clock,
    allianceId: boot.allianceId,
    masterKey,
    call,
    async login() {
      const res = await call('POST', '/v1/auth/login', { body: ADMIN });
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    close: () => database.close(),
  };
}

async function timed(send: () => Promise<Response>): Promise<Answer> {
  const startedAt = performance.now();
  const res = await send();
  const body = (await res.json()) as Answer['body'];
  return {
    startedAt,
    ms: performance.now() - startedAt,
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body,
  };
}

describe('a database outage under load', () => {
  let api: TestApi;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  let devices: TestDevice[];
  /** Voucher texts waiting to be captured, one pool per device. */
  let pools: string[][];
  const logLines: string[] = [];

  beforeAll(async () => {
    const proxied = await proxiedDatabase();
    proxy = proxied.proxy;
    drop = proxied.drop;
    api = await outageApi(proxied.database, logLines);
    const coordinator = await api.login();
    const merchant = await createMerchant(api, coordinator, '停电理发店');
    devices = [];
    pools = [];
    for (let d = 0; d < DEVICES; d++) {
      devices.push(await enrollDevice(api, coordinator, merchant.id));
      const resident = await createResident(api, coordinator, `居民${d}`, VOUCHERS_PER_DEVICE * 10);
      const pool: string[] = [];
      for (let v = 0; v < VOUCHERS_PER_DEVICE; v += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, () => resident.voucher({ capPoints: 10 })),
        );
        pool.push(...batch.map((b) => b.text));
      }
      pools.push(pool);
    }
  });

  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await drop?.();
  });

  it('answers 503 fast while the database is gone, recovers alone, and captures each record once', async () => {
    const captures: Capture[] = [];
    const readiness: Answer[] = [];
    let stop = false;

    const stream = async (k: number) => {
      const device = devices[k]!;
      for (let i = 0; !stop && pools[k]!.length > 0; i++) {
        const record = device.sign({ voucher: pools[k]!.pop()!, points: 1 + (i % 10) });
        const answer = await timed(() =>
          api.call('POST', '/v1/redemptions', { token: device.token, body: record }),
        );
        captures.push({ ...answer, device, record });
        await sleep(CAPTURE_GAP_MS);
      }
    };
    const probe = async () => {
      while (!stop) {
        readiness.push(await timed(() => Promise.resolve(api.app.request('/readyz'))));
        await sleep(100);
      }
    };
    const running = [...devices.map((_, k) => stream(k)), probe()];

    await sleep(1000);
    await proxy.cut('refuse');
    const cutAt = performance.now();
    await sleep(4000);
    const restoreAt = performance.now();
    await proxy.restore();
    // Recovery is the API's own doing: nothing here reconnects it.
    let backAt = 0;
    while (!backAt && performance.now() - restoreAt < 10_000) {
      if ((await timed(() => Promise.resolve(api.app.request('/readyz')))).status === 200) {
        backAt = performance.now();
      } else await sleep(50);
    }
    await sleep(1500);
    stop = true;
    await Promise.all(running);

    const during = (a: Answer) => a.startedAt >= cutAt && a.startedAt + a.ms <= restoreAt;
    const after = (a: Answer) => backAt > 0 && a.startedAt >= backAt;
    const statuses = (as: Answer[]) => [...new Set(as.map((a) => a.status))].sort();
    const slowest = (as: Answer[]) => Math.round(Math.max(...as.map((a) => a.ms)));
    const cutCaptures = captures.filter(during);
    console.info(
      `outage: ${captures.length} captures (${cutCaptures.length} during the cut, ` +
        `statuses ${statuses(captures).join('/')}), slowest ${slowest(captures)} ms; ` +
        `/readyz ${readiness.length} probes, slowest ${slowest(readiness)} ms; ` +
        `back ${Math.round(backAt - restoreAt)} ms after the restore`,
    );

    // Never a 500, never a hang.
    expect(captures.filter((c) => c.status === 500)).toEqual([]);
    expect(statuses(captures)).toEqual([200, 503]);
    expect(slowest(captures)).toBeLessThan(2000);

    // While the database is gone: 503 service_unavailable, with when to come back.
    expect(cutCaptures.length).toBeGreaterThan(20);
    for (const c of cutCaptures) {
      expect({ status: c.status, type: c.body.type, retryAfter: c.retryAfter }).toEqual({
        status: 503,
        type: 'service_unavailable',
        retryAfter: '5',
      });
    }

    // /readyz: 503 within a second while it is gone, 200 again once it is back.
    const readyDuring = readiness.filter(during);
    expect(readyDuring.length).toBeGreaterThan(10);
    expect(statuses(readyDuring)).toEqual([503]);
    expect(slowest(readiness)).toBeLessThan(1000);
    expect(backAt).toBeGreaterThan(0);
    const readyAfter = readiness.filter(after);
    expect(readyAfter.length).toBeGreaterThan(0);
    expect(statuses(readyAfter)).toEqual([200]);

    // Recovered by itself: captures sent once it is back all get their outcome.
    const capturesAfter = captures.filter(after);
    expect(capturesAfter.length).toBeGreaterThan(10);
    expect(statuses(capturesAfter)).toEqual([200]);

    // The outbox's turn: every record without an answer is sent again, same ids, per device.
    const unanswered = captures.filter((c) => c.status !== 200);
    const final = new Map<string, RecordResult>();
    for (const c of captures) if (c.status === 200) final.set(c.record.id, c.body as RecordResult);
    let replayedAfterOutage = 0;
    for (const device of devices) {
      const records = unanswered.filter((c) => c.device === device).map((c) => c.record);
      if (records.length === 0) continue;
      const results = await sync(device, records);
      for (const record of records) {
        const mine = results.filter((r) => r.id === record.id);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ outcome: 'accepted', points: record.points });
        if (mine[0]!.replayed) replayedAfterOutage++; // committed just before its connection died
        final.set(record.id, mine[0]!);
      }
    }
    console.info(
      `outage: ${unanswered.length} records re-sent, ${replayedAfterOutage} of them had been captured already`,
    );
    expect(final.size).toBe(captures.length);

    // Sending everything once more changes nothing: each record keeps its one outcome.
    for (const device of devices) {
      const records = captures.filter((c) => c.device === device).map((c) => c.record);
      for (const r of await sync(device, records)) {
        expect(r.replayed).toBe(true);
        expect({ outcome: r.outcome, points: r.points }).toEqual({
          outcome: final.get(r.id)!.outcome,
          points: final.get(r.id)!.points,
        });
      }
    }

    // Nothing captured twice: the ledger's captures are exactly the accepted records.
    const accepted = [...final.values()].filter((r) => r.outcome === 'accepted');
    const [ledger] = await rows<{ n: number; points: number }>(
      api.database.db,
      sql`select count(*)::int as n, coalesce(sum(amount), 0)::int as points from transfers where kind = 'capture'`,
    );
    expect(ledger).toEqual({ n: accepted.length, points: accepted.reduce((s, r) => s + r.points, 0) });
    expect(await checkLedger(api.database.db)).toEqual([]);

    // Logged as a warning naming the driver's error, never as an unhandled error with the SQL.
    const logged = logLines.map((l) => JSON.parse(l) as { level: number; msg: string; db?: object });
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(logged.some((l) => l.msg === 'database unavailable')).toBe(true);
    expect(logLines.join('\n')).not.toMatch(/params|insert into|select /i);
  }, 90_000);

  it('a database that accepts connections and never answers costs a request its connect timeout', async () => {
    await proxy.cut('blackhole');
    await sleep(300); // the pool sees its connections die, so these requests must open new ones
    const records = devices.map((d, k) => d.sign({ voucher: pools[k]!.pop()!, points: 3 }));
    const [ready, ...answers] = await Promise.all([
      timed(() => Promise.resolve(api.app.request('/readyz'))),
      ...records.map((record, k) =>
        timed(() => api.call('POST', '/v1/redemptions', { token: devices[k]!.token, body: record })),
      ),
    ]);
    console.info(
      `blackhole: /readyz ${ready!.status} in ${Math.round(ready!.ms)} ms; captures ` +
        answers.map((a) => `${a.status} in ${Math.round(a.ms)} ms`).join(', '),
    );
    // The /readyz timer answers before the driver gives up; the driver gives up after 1.5 s.
    expect({ status: ready!.status, fast: ready!.ms < 1000 }).toEqual({ status: 503, fast: true });
    for (const a of answers) {
      expect({ status: a.status, type: a.body.type, retryAfter: a.retryAfter }).toEqual({
        status: 503,
        type: 'service_unavailable',
        retryAfter: '5',
      });
      expect(a.ms).toBeLessThan(2000);
    }

    await proxy.restore();
    let back = false;
    for (let i = 0; i < 50 && !back; i++) {
      back = (await api.app.request('/readyz')).status === 200;
      if (!back) await sleep(100);
    }
    expect(back).toBe(true);
    for (const [k, record] of records.entries()) {
      expect(await sync(devices[k]!, [record])).toMatchObject([{ id: record.id, outcome: 'accepted' }]);
    }
    expect(await checkLedger(api.database.db)).toEqual([]);
  }, 30_000);

  async function sync(device: TestDevice, records: RedemptionRecord[]): Promise<RecordResult[]> {
    const res = await api.call('POST', '/v1/redemptions/sync', { token: device.token, body: { records } });
    expect(res.status).toBe(200);
    return SyncResponse.parse(await res.json()).results;
  }
});
