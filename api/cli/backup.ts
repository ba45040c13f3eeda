/**
 * `alliance backup FILE` and `alliance restore FILE`, for both databases. A backup holds the
 * database only: on PGlite a gzipped tarball of the data dir in PGlite's own dump format (without
 * master.key), on PostgreSQL a pg_dump archive in custom format. Promises: a backup file is 0600
 * and appears under its name only once complete, and an existing one is kept unless --force; a
 * restore only ever fills an empty target (a failed one leaves it as empty as it was), then
 * migrates the schema to this version and checks the ledger. The master key is never in a backup,
 * and restore says where it must come from.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.ts';
import { makePrivateDir } from '../db/private-dir.ts';
import { checkLedger } from '../ledger/check.ts';
import { type Progress, type ProgressSteps, progressSteps } from '../progress.ts';
import type { CliContext, Command } from './command.ts';
import { progressLine, withProgress } from './progress.ts';

/** A refusal or failure the operator can act on: printed as is, exit 1, no stack. */
class Refused extends Error {}
/** Wrong arguments: exit 2, like the other commands. */
class UsageError extends Refused {}

const MASTER_KEY_FILE = 'master.key';
type BackupFormat = 'pglite' | 'pg_dump';

async function refusing(ctx: CliContext, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    ctx.err(e.message);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** FILE and the flags allowed; anything else is a usage error (exit 2). */
function fileArgument(args: string[], flags: string[], usage: string): { file: string; flags: Set<string> } {
  const unknown = args.filter((a) => a.startsWith('-') && !flags.includes(a));
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) throw new UsageError(`Usage: alliance ${usage}`);
  return { file: files[0]!, flags: new Set(args.filter((a) => flags.includes(a))) };
}

function kindLabel(config: Config): string {
  return config.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The database's name and host, for messages: never the URL, which may hold a password. */
function databaseLabel(url: string): string {
  const u = new URL(url);
  return `database ${decodeURIComponent(u.pathname.slice(1)) || '(default)'} on ${u.hostname}`;
}

/** libpq arguments for a URL, with the password moved to the environment, out of `ps`. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return {
    dbname: u.toString(),
    env: { ...process.env, PGAPPNAME: 'alliance-backup', ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/**
 * Runs a PostgreSQL client tool; refuses with its own words when it is missing or fails. Not
 * spawnSync: the event loop stays free, so the progress line keeps moving while the tool works.
 */
async function runTool(tool: string, args: string[], url: string, stdout: number | 'ignore'): Promise<void> {
  const { dbname, env } = libpq(url);
  const result = await new Promise<{
    error?: NodeJS.ErrnoException;
    status: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => {
    const child = spawn(tool, [`--dbname=${dbname}`, ...args], { env, stdio: ['ignore', stdout, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ error, status: null, signal: null, stderr }));
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
  if (result.error?.code === 'ENOENT') {
    throw new Refused(
      `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major ` +
        'version or newer (Debian/Ubuntu: apt install postgresql-client).',
    );
  }
  if (result.error) throw new Refused(`${tool} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Refused(`${tool} failed (exit ${result.status ?? result.signal}):\n${result.stderr.trim()}`);
  }
}

// ---- backup ----------------------------------------------------------------------------------

/** Writes FILE through FILE.partial (0600, synced), so FILE is either complete or untouched. */
async function writeAtomically(file: string, write: (fd: number) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  let fd: number;
  try {
    rmSync(partial, { force: true });
    fd = openSync(partial, 'wx', 0o600);
  } catch (e) {
    throw new Refused(`cannot write ${partial}: ${(e as Error).message}`);
  }
  try {
    fchmodSync(fd, 0o600); // past any umask, either way
    await write(fd);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(partial, file);
}

/**
 * Drops the named top-level entries from an uncompressed tar. PGlite's dump is plain ustar with
 * short names ("/PG_VERSION", "/master.key"), so walking the 512-byte headers is enough.
 */
function tarWithout(tar: Uint8Array, names: Set<string>): Buffer {
  const buffer = Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength);
  const kept: Buffer[] = [];
  let offset = 0;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // the end-of-archive blocks
    const field = (start: number, length: number) =>
      header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const length = 512 + Math.ceil(size / 512) * 512;
    const name = field(0, 100).replace(/^\.?\/+/, '');
    if (!names.has(name)) kept.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  kept.push(Buffer.alloc(1024));
  return Buffer.concat(kept);
}

async function dumpPostgres(url: string, fd: number, onProgress: Progress | undefined): Promise<void> {
  const written = () => onProgress?.(0, 1, `pg_dump, ${formatSize(fstatSync(fd).size)} written`);
  written();
  const ticking = onProgress ? setInterval(written, 500) : undefined;
  try {
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-acl'], url, fd);
  } finally {
    clearInterval(ticking);
  }
  onProgress?.(1, 1, 'pg_dump');
}

async function dumpPglite(dataDir: string, fd: number, onProgress: Progress | undefined): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new Refused(`${dataDir} holds no embedded database: nothing to back up (is DATA_DIR right?).`);
  }
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new Refused(
      `${dataDir} is in use (postmaster.pid): stop the server first. If it is stopped already, it ` +
        'did not shut down cleanly: start it once, stop it with Ctrl-C, then back up.',
    );
  }
  const steps = progressSteps(4, onProgress);
  steps.next('opening the database');
  const database = await openDatabase({ dataDir });
  let tar: Blob;
  try {
    steps.next('dumping the data dir');
    tar = await (database.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
  } finally {
    await database.close();
  }
  // PGlite dumps every file of the folder; the master key must never travel with the data.
  const withoutKey = tarWithout(new Uint8Array(await tar.arrayBuffer()), new Set([MASTER_KEY_FILE]));
  steps.next('compressing');
  const gzipped = await promisify(gzip)(withoutKey);
  steps.next(`writing ${formatSize(gzipped.length)}`);
  writeFileSync(fd, gzipped);
  steps.finish('written');
}

async function backup(args: string[], ctx: CliContext): Promise<number> {
  const { file, flags } = fileArgument(args, ['--force'], backupCommand.usage.split('\n')[0]!);
  const config = ctx.config();
  if (existsSync(file) && !flags.has('--force')) {
    throw new Refused(`${file} already exists: choose another name, or pass --force to replace it.`);
  }
  const url = config.DATABASE_URL;
  await withProgress('backup', (onProgress) =>
    writeAtomically(file, async (fd) => {
      if (url) await dumpPostgres(url, fd, onProgress);
      else await dumpPglite(config.DATA_DIR, fd, onProgress);
    }),
  );
  ctx.out(`backup: wrote ${file} (${formatSize(statSync(file).size)}, ${kindLabel(config)})`);
  return 0;
}

// ---- restore ---------------------------------------------------------------------------------

/** Told by the first bytes: pg_dump's custom format starts "PGDMP", gzip with 1f 8b. */
function formatOf(file: string): BackupFormat | undefined {
  const head = Buffer.alloc(5);
  let n: number;
  try {
    const fd = openSync(file, 'r');
    try {
      n = readSync(fd, head, 0, 5, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new Refused(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (n === 5 && head.toString('latin1') === 'PGDMP') return 'pg_dump';
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return undefined;
}

function refuseMismatch(file: string, format: BackupFormat | undefined, config: Config): void {
  if (!format) {
    throw new Refused(`${file} is not an alliance backup (neither a pg_dump archive nor a PGlite tarball).`);
  }
  if (format === 'pg_dump' && !config.DATABASE_URL) {
    throw new Refused(
      `${file} is a PostgreSQL backup (pg_dump), but DATABASE_URL is not set: set it to the empty ` +
        'PostgreSQL database to restore into.',
    );
  }
  if (format === 'pglite' && config.DATABASE_URL) {
    throw new Refused(
      `${file} is an embedded (PGlite) backup, but DATABASE_URL is set: unset it and set DATA_DIR to ` +
        'an empty folder to restore into.',
    );
  }
}

async function tableCount(url: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client<{ n: number }[]>`
      select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`;
    return row?.n ?? 0;
  } catch (e) {
    throw new Refused(`cannot connect to the ${databaseLabel(url)}: ${(e as Error).message}`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function restorePostgres(url: string, file: string, steps: ProgressSteps): Promise<void> {
  steps.next('checking the database is empty');
  const tables = await tableCount(url);
  if (tables > 0) {
    throw new Refused(
      `the ${databaseLabel(url)} is not empty (${tables} tables in schemas public and drizzle): ` +
        'restore into a new, empty database and point DATABASE_URL at it.',
    );
  }
  // One transaction, so a restore that stops half-way leaves the database empty, not half full.
  steps.next('pg_restore');
  await runTool(
    'pg_restore',
    ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', file],
    url,
    'ignore',
  );
}

/** What is in the folder besides a master.key the operator may have copied there first. */
function occupants(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  try {
    return readdirSync(dataDir).filter((name) => name !== MASTER_KEY_FILE);
  } catch (e) {
    throw new Refused(`cannot use ${dataDir} as the data dir: ${(e as Error).message}`);
  }
}

async function restorePglite(dataDir: string, file: string, steps: ProgressSteps): Promise<void> {
  const existed = existsSync(dataDir);
  const found = occupants(dataDir);
  if (found.length > 0) {
    const shown = found.slice(0, 3).join(', ') + (found.length > 3 ? ', …' : '');
    throw new Refused(
      `${dataDir} is not empty (${shown}): restore into an empty or new folder (set DATA_DIR to it), ` +
        'or move this one aside first.',
    );
  }
  const before = new Set(existed ? readdirSync(dataDir) : []);
  makePrivateDir(dataDir);
  try {
    // Unzipped here: PGlite's own gunzip leaves an unhandled rejection behind on a damaged file.
    steps.next('unzipping the backup');
    const loadDataDir = new Blob([await promisify(gunzip)(readFileSync(file))]);
    steps.next(`loading it into ${dataDir}`);
    const client = await PGlite.create({ dataDir, loadDataDir });
    await client.close();
  } catch (e) {
    for (const name of readdirSync(dataDir)) {
      if (!before.has(name)) rmSync(join(dataDir, name), { recursive: true, force: true });
    }
    if (!existed) rmSync(dataDir, { recursive: true, force: true });
    throw new Refused(`${file} could not be loaded: ${(e as Error).message}`);
  }
  // PGlite writes the cluster with explicit modes, past the umask.
  makePrivateDir(dataDir);
}

function masterKeyNotice(config: Config): string {
  const lead = 'master key: not in the backup.';
  if (config.ALLIANCE_MASTER_KEY) {
    return `${lead} ALLIANCE_MASTER_KEY is set: it must be the key the backed-up alliance used.`;
  }
  if (config.DATABASE_URL) {
    return (
      `${lead} Start every API instance with the ALLIANCE_MASTER_KEY (or DATA_DIR/master.key) it used ` +
      'before: without it the signing keys in this backup cannot be decrypted and the server will not start.'
    );
  }
  const keyFile = join(config.DATA_DIR, MASTER_KEY_FILE);
  if (existsSync(keyFile)) {
    return `${lead} Using ${keyFile}, found there: it must be the master.key of the backed-up data dir.`;
  }
  return (
    `${lead} Before starting the server, copy the old data dir's master.key to ${keyFile} ` +
    '(mode 0600) or set ALLIANCE_MASTER_KEY to its content: without it the signing keys in this ' +
    'backup cannot be decrypted and the server will not start.'
  );
}

async function restore(args: string[], ctx: CliContext): Promise<number> {
  const { file } = fileArgument(args, [], restoreCommand.usage.split('\n')[0]!);
  const config = ctx.config();
  refuseMismatch(file, formatOf(file), config);
  const line = progressLine('restore');
  let db: Awaited<ReturnType<CliContext['database']>>['db'];
  try {
    // Two steps to load (check or unzip, then load), one to migrate.
    const steps = progressSteps(3, line.onProgress);
    if (config.DATABASE_URL) await restorePostgres(config.DATABASE_URL, file, steps);
    else await restorePglite(config.DATA_DIR, file, steps);
    const target = config.DATABASE_URL ? `the ${databaseLabel(config.DATABASE_URL)}` : config.DATA_DIR;
    ctx.out(`restore: loaded ${file} into ${target} (${kindLabel(config)})`);
    // Opening migrates: an older backup comes up to this version's schema.
    steps.next('migrating the schema');
    db = (await ctx.database()).db;
  } finally {
    line.stop();
  }
  ctx.out(`restore: schema at ${await appliedMigrationCount(db)} of ${expectedMigrationCount()} migrations`);
  const broken = await withProgress('ledger check', (onProgress) => checkLedger(db, { onProgress }));
  if (broken.length === 0) ctx.out('ledger check: every invariant holds');
  for (const b of broken) ctx.err(`BROKEN: ${b.invariant} (${b.count}${b.count >= 20 ? '+' : ''} rows)`);
  ctx.out(masterKeyNotice(config));
  return broken.length === 0 ? 0 : 1;
}

// ---- commands --------------------------------------------------------------------------------

const backupCommand: Command = {
  name: 'backup',
  summary: 'Write a backup of the database to FILE (embedded: stop the server first)',
  usage: [
    'backup FILE [--force]',
    '',
    'Embedded PGlite: stop the server first (one process per data dir). Writes a gzipped tarball',
    'of DATA_DIR, without master.key. PostgreSQL: runs pg_dump (custom format) on DATABASE_URL;',
    'the server may keep running. FILE is created 0600; --force replaces an existing FILE.',
    'The master key is not in the backup: keep ALLIANCE_MASTER_KEY or DATA_DIR/master.key apart.',
  ].join('\n'),
  run: (args, ctx) => refusing(ctx, () => backup(args, ctx)),
};

const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a backup into an empty database (embedded: stop the server first)',
  usage: [
    'restore FILE',
    '',
    'Embedded PGlite: stop the server first (one process per data dir). DATA_DIR must be empty or',
    'missing (a master.key copied there is fine). PostgreSQL: DATABASE_URL must name an empty',
    'database (no tables); pg_restore loads it in one transaction. Then the schema is migrated to',
    'this version and the ledger checked. The master key is not in the backup: copy the old',
    'master.key into DATA_DIR or set ALLIANCE_MASTER_KEY before starting the server.',
  ].join('\n'),
  run: (args, ctx) => refusing(ctx, () => restore(args, ctx)),
};

export const backupCommands: Command[] = [backupCommand, restoreCommand];
