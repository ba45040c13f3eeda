import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appliedMigrationCount,
  expectedMigrationCount,
  migrationsFolder,
  runMigrations,
} from '../../api/db/migrate.ts';
import { rows } from '../../api/db/rows.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.close());

  it('an empty database has applied none', async () => {
    expect(await appliedMigrationCount(database.db)).toBe(0);
  });

  it('apply from empty and record every migration', async () => {
    await runMigrations(database);
    expect(await appliedMigrationCount(database.db)).toBe(expectedMigrationCount());
    const tables = await rows<{ name: string }>(
      database.db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['alliances', 'merchants', 'residents']),
    );
  });

  it('running them again changes nothing', async () => {
    await runMigrations(database);
    expect(await appliedMigrationCount(database.db)).toBe(expectedMigrationCount());
  });
});

describe('upgrading from each earlier version', () => {
  const journalEntries = expectedMigrationCount();

  /** A copy of the migrations folder as it was when only the first `k` existed. */
  function folderWithFirst(k: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(migrationsFolder, dir, { recursive: true });
    const journalPath = join(dir, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries = journal.entries.slice(0, k);
    writeFileSync(journalPath, JSON.stringify(journal));
    return dir;
  }

  // From empty and from the previous release: the two upgrades a real alliance makes.
  it.each([...new Set([0, journalEntries - 1])])(
    'a database at version %i migrates to the latest',
    async (k) => {
      const database = await createTestDatabase({ migrate: false });
      try {
        if (k > 0) await runMigrations(database, folderWithFirst(k));
        expect(await appliedMigrationCount(database.db)).toBe(k);
        await runMigrations(database);
        expect(await appliedMigrationCount(database.db)).toBe(journalEntries);
      } finally {
        await database.close();
      }
    },
  );
});
