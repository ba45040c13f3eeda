/**
 * Long commands show their progress on a terminal and nothing extra anywhere else (#21):
 * `alliance demo town` run in a real pseudo-terminal (util-linux `script`) draws its progress
 * line on stderr, and the same command with its output piped prints its one summary line alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { alliances } from '../../api/db/schema/index.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(mkdtempSync(join(tmpdir(), 'progress-cli-')), 'data');
const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir };
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const town = (allianceId: string) => [
  'demo',
  'town',
  '--month',
  '2026-10',
  '--alliance',
  allianceId,
  '--residents',
  '50',
  '--merchants',
  '3',
  '--redemptions',
  '200',
];
const SUMMARY =
  /^seeded 50 residents \(5 households\), 3 merchants, 200 redemptions and 3 reversals in 2026-10, in \d+\.\d s\n$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's escape sequences
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g;

describe('progress of long commands', () => {
  let pg: TestDatabase | undefined;
  const ids: string[] = [];

  // Each run starts the CLI (tsx, the database, its migrations): slow on a busy machine.
  beforeAll(async () => {
    const names = [{ name: '示范镇' }, { name: '二号镇' }];
    if (onPostgres) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url!;
      for (const row of await pg.db.insert(alliances).values(names).returning()) ids.push(row.id);
    } else {
      delete env.DATABASE_URL;
      const database = await openDatabase({ dataDir });
      await runMigrations(database);
      for (const row of await database.db.insert(alliances).values(names).returning()) ids.push(row.id);
      await database.close();
    }
  });
  afterAll(() => pg?.close());

  it.skipIf(!hasScript)(
    '`alliance demo town` on a terminal shows a progress line, then its summary',
    () => {
      // A pseudo-terminal of 100 columns (one script gives nobody sized has none, and draws nothing).
      const command = [process.execPath, join(root, 'bin/alliance.js'), ...town(ids[0]!)]
        .map((w) => `'${w}'`)
        .join(' ');
      const run = spawnSync('script', ['-qfec', `stty cols 100 rows 30; ${command}`, '/dev/null'], {
        cwd: root,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const screen = run.stdout.replace(ESCAPES, '');
      expect(screen).toContain('demo town');
      expect(screen).toMatch(/demo town · \d+ s · opening the database/);
      expect(screen).toMatch(/demo town ░{20} 0\/13 · \d+ s · households/);
      expect(screen).toMatch(/demo town █+░+ 9\/13 · \d+ s · redemptions/);
      expect(screen).toMatch(/demo town █{20} 13\/13 · \d+ s · totals/);
      expect(screen).toMatch(/seeded 50 residents \(5 households\), 3 merchants, 200 redemptions/);
    },
    120_000,
  );

  it('with its output piped, `alliance demo town` prints its summary line and nothing else', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin/alliance.js'), ...town(ids[1]!)], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(SUMMARY);
    expect(run.stderr).toBe('');
  }, 120_000);
});
