/** Liveness and readiness, for load balancers and for the first-run check in the README. */
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../db/client.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.ts';

export function healthRoutes(deps: { db: Db }) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.db.execute(sql`select 1`);
      const applied = await appliedMigrationCount(deps.db);
      const expected = expectedMigrationCount();
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
