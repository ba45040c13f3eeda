/**
 * Files at rest are private whatever the umask: DATA_DIR is 0700 and everything PGlite and the
 * server write in it (ledger files, WAL, the generated master key) is 0600 or, for folders, 0700.
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server-process.ts';

function modes(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    out.push({ path, mode: stat.mode & 0o777, dir: stat.isDirectory() });
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}

describe('files at rest', () => {
  const parent = mkdtempSync(join(tmpdir(), 'alliance-perms-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('a server started with umask 000 keeps DATA_DIR 0700 and every file in it 0600, before and after it stops', async () => {
    const dataDir = join(parent, 'data');
    const server = await startServer(
      { DATA_DIR: dataDir, DATABASE_URL: '', ALLIANCE_MASTER_KEY: '' },
      90_000,
      {
        umask: '000',
      },
    );
    try {
      const running = modes(dataDir);
      expect(running.length).toBeGreaterThan(100);
      expect(running.filter((f) => f.mode !== (f.dir ? 0o700 : 0o600))).toEqual([]);
    } finally {
      await server.stop();
    }
    const stopped = modes(dataDir);
    expect(stopped.filter((f) => f.mode !== (f.dir ? 0o700 : 0o600))).toEqual([]);
  }, 120_000);

  it('files an older version left world-readable are tightened at the next start', async () => {
    const dataDir = join(parent, 'old');
    const first = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '', ALLIANCE_MASTER_KEY: '' }, 90_000);
    await first.stop();
    chmodSync(dataDir, 0o777);
    chmodSync(join(dataDir, 'master.key'), 0o666);
    writeFileSync(join(dataDir, 'left-behind'), 'x', { mode: 0o666 });
    chmodSync(join(dataDir, 'left-behind'), 0o666);
    const second = await startServer(
      { DATA_DIR: dataDir, DATABASE_URL: '', ALLIANCE_MASTER_KEY: '' },
      90_000,
    );
    await second.stop();
    expect(modes(dataDir).filter((f) => f.mode !== (f.dir ? 0o700 : 0o600))).toEqual([]);
  }, 180_000);
});
