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
const dataDir = join(mkdtempSync(join(tmpdir(), 'town-cli-')), 'data');
const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir };

function alliance(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/alliance.js'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `alliance demo town`: seeds a town once, then refuses to seed what now looks like a real one. */
describe('alliance demo town', () => {
  let pg: TestDatabase | undefined;

  beforeAll(async () => {
    if (onPostgres) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url!;
      await pg.db.insert(alliances).values({ name: '示范镇' });
    } else {
      delete env.DATABASE_URL;
      const database = await openDatabase({ dataDir });
      await runMigrations(database);
      await database.db.insert(alliances).values({ name: '示范镇' });
      await database.close();
    }
  });
  afterAll(() => pg?.close());

  it('asks for a month, seeds the town, checks clean, and will not seed it twice', () => {
    const noMonth = alliance('demo', 'town');
    expect(noMonth.code).toBe(2);
    expect(noMonth.stderr).toContain('--month YYYY-MM');
    const run = alliance(
      'demo',
      'town',
      '--month',
      '2026-10',
      '--residents',
      '50',
      '--merchants',
      '3',
      '--redemptions',
      '200',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('seeded 50 residents (5 households), 3 merchants, 200 redemptions');
    expect(alliance('ledger', 'check').code).toBe(0);
    const again = alliance('demo', 'town', '--month', '2026-10');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has 50 residents');
  }, 120_000); // four CLI processes, each starting Node and its database: slow on a loaded box
});
