/**
 * `alliance backup` and `alliance restore` as an operator runs them: a busy alliance served by
 * the real server, stopped, backed up, restored into an empty target, checked and served again.
 * On PGlite by default; on two fresh PostgreSQL databases when TEST_DATABASE_URL is set.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/client.ts';
import { rows } from '../../api/db/rows.ts';
import { startServer } from '../helpers/server-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'alliance-backup-'));
const backupFile = join(work, 'alliance.backup');
const ADMIN = { email: 'coordinator@backup.test', password: 'correct horse battery' };

/** The environment of one alliance: its DATA_DIR (and master.key), and its database when on PostgreSQL. */
function target(name: string): Record<string, string> {
  return {
    DATA_DIR: join(work, name),
    DATABASE_URL: '',
    ALLIANCE_MASTER_KEY: '',
    ALLIANCE_DEMO: '1',
    ALLIANCE_ADMIN_EMAIL: ADMIN.email,
    ALLIANCE_ADMIN_PASSWORD: ADMIN.password,
  };
}
const source = target('source');
const restored = target('restored');

function alliance(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/alliance.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What must survive a round trip: every stored balance, and the transfers behind the derived ones. */
async function books(env: Record<string, string>) {
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR! },
  );
  try {
    return {
      balances: await rows<{ id: string; balance: string }>(
        database.db,
        sql`select id, balance::text as balance from ledger_accounts order by id`,
      ),
      transfers: await rows<{ n: number; points: string }>(
        database.db,
        sql`select count(*)::int as n, coalesce(sum(amount), 0)::text as points from transfers`,
      ),
      openHolds: await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from holds where state = 'open'`,
      ),
    };
  } finally {
    await database.close();
  }
}

/** Some activity beyond the demo seed: a resident with a phone, a grant, an open voucher hold. */
async function makeActivity(baseUrl: string) {
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { accessToken } = await call('POST', '/v1/auth/login', ADMIN);
  const staff = { authorization: `Bearer ${accessToken}` };
  const resident = await call('POST', '/v1/residents', { name: '赵备份', phone: '138 0000 1234' }, staff);
  await call(
    'POST',
    '/v1/grants',
    { residentId: resident.id, points: 45, reason: '志愿服务' },
    { ...staff, 'idempotency-key': 'backup-test-grant' },
  );
  const phone = await call('POST', '/v1/enroll/resident', { code: resident.enrollmentCode });
  await call('POST', '/v1/vouchers', { capPoints: 20 }, { authorization: `Bearer ${phone.accessToken}` });
}

describe('alliance backup and restore', () => {
  let admin: postgres.Sql | undefined;
  const databases: string[] = [];

  beforeAll(async () => {
    if (!serverUrl) return;
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    for (const env of [source, restored]) {
      const name = `backup_${Math.random().toString(36).slice(2, 10)}`;
      await admin.unsafe(`create database ${name}`);
      databases.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
    }
  });
  afterAll(async () => {
    for (const name of databases) await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end({ timeout: 5 });
    rmSync(work, { recursive: true, force: true });
  });

  let before: Awaited<ReturnType<typeof books>>;

  it('backs up a busy alliance to a private file, and will not overwrite it', async () => {
    const server = await startServer(source);
    await makeActivity(server.baseUrl);
    expect(await server.stop()).toBe(0);
    before = await books(source);
    expect(before.balances.some((a) => Number(a.balance) > 0)).toBe(true);
    expect(before.openHolds[0]!.n).toBe(1);

    const run = alliance(source, 'backup', backupFile);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^backup: wrote ${backupFile} \\(\\d.*, (embedded PGlite|PostgreSQL)\\)\\n$`),
    );
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    const bytes = readFileSync(backupFile);
    if (serverUrl) {
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('PGDMP');
    } else {
      // The master key stays out of the backup: it must be kept apart.
      const key = readFileSync(join(source.DATA_DIR!, 'master.key'), 'utf8').trim();
      expect(gunzipSync(bytes).includes(key)).toBe(false);
    }

    const again = alliance(source, 'backup', backupFile);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(backupFile).equals(bytes)).toBe(true);
  }, 60_000);

  it('refuses a target that is not empty and changes nothing there', async () => {
    // The source itself is the non-empty target: a restore must not touch it.
    const files = readdirSync(source.DATA_DIR!).sort();
    const refused = alliance(source, 'restore', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not empty');
    if (!serverUrl) expect(refused.stderr).toContain(source.DATA_DIR);
    expect(readdirSync(source.DATA_DIR!).sort()).toEqual(files);
    expect(await books(source)).toEqual(before);
  }, 30_000);

  it('refuses a backup of the other kind of database', () => {
    const other = join(work, 'other-kind.backup');
    const wrongKind = serverUrl ? Buffer.from([0x1f, 0x8b, 8, 0]) : Buffer.from('PGDMP\x01\x0e\x00');
    writeFileSync(other, wrongKind);
    const refused = alliance(restored, 'restore', other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(serverUrl ? 'embedded (PGlite) backup' : 'PostgreSQL backup');
    if (!serverUrl) expect(existsSync(restored.DATA_DIR!)).toBe(false);
  });

  it('restores into an empty target with the same balances, a whole ledger and a server that starts', async () => {
    const run = alliance(restored, 'restore', backupFile);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ledger check: every invariant holds');
    expect(run.stdout).toContain('master key: not in the backup');
    expect(await books(restored)).toEqual(before);
    expect(alliance(restored, 'ledger', 'check').code).toBe(0);

    // As the restore says: the old master key goes with the restored data.
    mkdirSync(restored.DATA_DIR!, { recursive: true, mode: 0o700 });
    copyFileSync(join(source.DATA_DIR!, 'master.key'), join(restored.DATA_DIR!, 'master.key'));
    const server = await startServer(restored);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toContain('Generated password');
  }, 60_000);
});
