import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrationCount, expectedMigrationCount, runMigrations } from '../../api/db/migrate.ts';
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
