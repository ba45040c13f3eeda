/**
 * A clean, migrated database per test file: in-memory PGlite by default, or a fresh database
 * created on the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase extends Database {
  /** The database's own URL on PostgreSQL (for tests that open more connections). */
  url?: string;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (serverUrl) {
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
  } else if (options.migrate !== false) {
    // A copy of the migrated template made once per run (global-setup.ts); migrating it again
    // is a no-op that still proves the journal matches.
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    database = await openDatabase({ memory: true, loadDataDir: template });
  } else {
    database = await openDatabase({ memory: true });
  }
  if (options.migrate !== false) await runMigrations(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
