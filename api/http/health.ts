/**
 * Liveness and readiness, for load balancers and for the first-run check in the README.
 * /readyz always answers within a second: 503 when the database is down or too slow to answer,
 * 200 again as soon as it answers (the driver reconnects on the next query).
 */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../db/client.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.ts';

/** A probe that hangs is worse than one that fails: the balancer must hear "not ready" in time. */
export const READY_TIMEOUT_MS = 800;

async function migrationState(db: Db): Promise<{ applied: number; expected: number }> {
  await db.execute(sql`select 1`);
  return { applied: await appliedMigrationCount(db), expected: expectedMigrationCount() };
}

/** Rejects after `ms` unless `work` settles first; the late result is dropped. */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: { db: Db }) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      const { applied, expected } = await within(migrationState(deps.db), READY_TIMEOUT_MS);
      if (applied < expected) {
        return c.json({ status: 'migrating', database: 'ok', migrations: { applied, expected } }, 503);
      }
      return c.json({ status: 'ready', database: 'ok', migrations: { applied, expected } });
    } catch {
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });
  return app;
}
