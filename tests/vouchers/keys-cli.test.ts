import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
const dataDir = join(mkdtempSync(join(tmpdir(), 'keys-cli-')), 'data');
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATA_DIR: dataDir,
  ALLIANCE_MASTER_KEY: randomBytes(32).toString('base64url'),
};

function alliance(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/alliance.js'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const states = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/)[1]);

describe('alliance keys rotate / list', () => {
  let pg: TestDatabase | undefined;

  // The CLI opens the database itself: an alliance in a PGlite data dir, or in a PostgreSQL
  // database made for this file.
  beforeAll(async () => {
    if (onPostgres) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url!;
      await pg.db.insert(alliances).values({ name: '测试联盟' });
    } else {
      delete env.DATABASE_URL;
      const database = await openDatabase({ dataDir });
      await runMigrations(database);
      await database.db.insert(alliances).values({ name: '测试联盟' });
      await database.close();
    }
  });
  afterAll(() => pg?.close());

  it('the first rotation makes a key that signs at once', () => {
    const run = alliance('keys', 'rotate');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('published new key');
    expect(states(alliance('keys', 'list').stdout)).toEqual(['active']);
  });

  it('the next one is published pending and the current one is scheduled out', () => {
    const run = alliance('keys', 'rotate', '--lead', '3600');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('replaced:');
    expect(states(alliance('keys', 'list').stdout)).toEqual(['active', 'pending']);
  });

  it('a bad --lead is a usage error', () => {
    const run = alliance('keys', 'rotate', '--lead', 'soon');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--lead');
  });
});
