/**
 * Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL through postgres.js
 * when a URL is given. Both come back as the same drizzle `Db`, so no other module knows which.
 */
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { makePrivateDir } from './private-dir.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a domain function can run queries on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The PostgreSQL URL, when that is the driver (migrations open their own connection). */
  url?: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { url: string }
  | { dataDir: string }
  /** In memory, optionally starting from a dump made with PGlite's dumpDataDir (tests). */
  | { memory: true; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) {
    const client = postgres(target.url, {
      max: 10,
      onnotice: () => {},
      connection: { application_name: 'alliance-api' },
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return { db, kind: 'postgres', url: target.url, close: () => client.end({ timeout: 5 }) };
  }
  if ('dataDir' in target) {
    const { dataDir } = target;
    makePrivateDir(dataDir);
    const client = await PGlite.create({ dataDir });
    // A first start copies a fresh cluster in with explicit modes (0666), past the umask.
    makePrivateDir(dataDir);
    return {
      db: drizzlePglite({ client, schema }) as unknown as Db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        makePrivateDir(dataDir);
      },
    };
  }
  const client = await PGlite.create(
    target.loadDataDir ? { loadDataDir: target.loadDataDir } : { dataDir: 'memory://' },
  );
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: 'pglite',
    close: () => client.close(),
  };
}
