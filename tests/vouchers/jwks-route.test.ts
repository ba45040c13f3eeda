import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { alliances } from '../../api/db/schema/index.ts';
import { JWKS_PATH, jwksRoutes } from '../../api/v1/jwks.ts';
import { ensureSigningKey } from '../../api/vouchers/keys.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

describe('GET /.well-known/jwks.json', () => {
  let database: TestDatabase;
  let app: Hono;
  let kid: string;
  const clock = fixedClock('2026-11-22T02:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const [row] = await database.db.insert(alliances).values({ name: '测试联盟' }).returning();
    kid = (await ensureSigningKey(database.db, row!.id, new Uint8Array(randomBytes(32)), clock)).kid;
    app = new Hono();
    app.route('/.well-known', jwksRoutes({ db: database.db, allianceId: row!.id, clock }));
  });
  afterAll(() => database.close());

  it('serves the public keys with cache headers and an ETag', async () => {
    const res = await app.request(JWKS_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const body = await res.json();
    expect(keyIndexFromJwks(body).keys.map((k) => k.kid)).toEqual([kid]);
    expect(body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA', kid });
    expect(JSON.stringify(body)).not.toMatch(/"d"/);
    // A standard JOSE library accepts it too.
    expect(() => createLocalJWKSet(body)).not.toThrow();
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = (await app.request(JWKS_PATH)).headers.get('etag')!;
    const res = await app.request(JWKS_PATH, { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    const other = await app.request(JWKS_PATH, { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });
});
