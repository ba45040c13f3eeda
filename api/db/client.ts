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
  /**
   * PostgreSQL. The serving API sets `statementTimeoutMs`: a stuck statement ends and a
   * transaction left open by a vanished client releases its locks. Operator commands (month-end
   * at town scale, seeding) run without it.
   */
  | { url: string; statementTimeoutMs?: number }
  | { dataDir: string }
  /** In memory, optionally starting from a dump made with PGlite's dumpDataDir (tests). */
  | { memory: true; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) {
    // A database that is down must cost a request about two seconds at most, never a hang: the
    // request answers 503 (unavailable.ts) and the client comes back; postgres.js reconnects by
    // itself on the next query once the server is back.
    const client = postgres(target.url, {
      max: 10,
      onnotice: () => {},
      // Seconds for TCP, TLS and authentication together (postgres.js waits 30 by default): with a
      // connection that must be made first, a request still answers within two seconds.
      connect_timeout: 1.5,
      // After repeated failures postgres.js waits up to 20 s before the next attempt, and a query
      // queued on a closed connection waits for that attempt: keep the wait short.
      backoff: (attempt) => Math.min(0.05 * 2 ** attempt, 0.25),
      // Seconds before probing an idle connection whose peer may be gone (default 60).
      keep_alive: 10,
      connection: {
        application_name: 'alliance-api',
        ...(target.statementTimeoutMs
          ? {
              // ms, as PostgreSQL reads a bare number
              statement_timeout: target.statementTimeoutMs,
              idle_in_transaction_session_timeout: target.statementTimeoutMs,
            }
          : {}),
      },
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
