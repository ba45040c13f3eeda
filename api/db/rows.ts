import type { SQL } from 'drizzle-orm';
import type { Queryable } from './client.ts';

/**
 * Runs raw SQL and returns its rows. postgres.js answers `execute` with an array and PGlite
 * with `{ rows }`; this is the one place that knows.
 */
export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
