import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { systemClock } from '../../api/clock.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

describe('health and readiness', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.close());

  const app = () =>
    createApp({
      db: database.db,
      allianceId: '00000000-0000-0000-0000-000000000000',
      masterKey: new Uint8Array(32),
    });

  it('/healthz answers while the process is up, whatever the database', async () => {
    const res = await app().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 503 until migrations are applied', async () => {
    const res = await app().request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'migrating', migrations: { applied: 0 } });
  });

  it('/readyz is 200 once migrated', async () => {
    await runMigrations(database);
    await bootstrap(database.db, { allianceName: 'A', timezone: 'Asia/Shanghai', demo: false }, systemClock);
    const res = await app().request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'ok' });
  });

  it('an unknown path is a problem+json 404 naming the path', async () => {
    const res = await app().request('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: 'not_found',
      status: 404,
      detail: expect.stringContaining('/v1/nothing-here'),
    });
  });

  it('a body over the size limit is refused with 413', async () => {
    const res = await app().request('/healthz', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'payload_too_large' });
  });
});
