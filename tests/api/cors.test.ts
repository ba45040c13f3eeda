import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

describe('CORS', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    app.request('/v1/pos/verify', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });

  it('is off unless origins are configured', async () => {
    const app = createApp({
      db: database.db,
      allianceId: crypto.randomUUID(),
      masterKey: new Uint8Array(32),
    });
    const res = await preflight(app, 'https://pos.example.cn');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    const app = createApp({
      db: database.db,
      allianceId: crypto.randomUUID(),
      masterKey: new Uint8Array(32),
      corsOrigins: ['https://pos.example.cn'],
    });
    expect((await preflight(app, 'https://pos.example.cn')).headers.get('access-control-allow-origin')).toBe(
      'https://pos.example.cn',
    );
    expect(
      (await preflight(app, 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});
