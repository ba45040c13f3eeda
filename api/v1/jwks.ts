/**
^ * /.well-known/jwks.json: the alliance's public voucher keys, for merchant devices and POS
 * systems that verify vouchers offline. Cacheable for a few minutes (new keys are published a day
 * before they sign, so a stale copy is harmless) and revalidated cheaply with its ETag.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { RouteDeps } from '../http/deps.ts';
import { publishedJwks } from '../vouchers/keys.ts';

export const JWKS_PATH = '/.well-known/jwks.json';
export const JWKS_MAX_AGE_SECONDS = 300;

export type JwksRouteDeps = Pick<RouteDeps, 'db' | 'allianceId' | 'clock'>;

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

export function jwksRoutes(deps: JwksRouteDeps) {
  const app = new Hono();
  app.get('/jwks.json', async (c) => {
    const body = JSON.stringify(await publishedJwks(deps.db, deps.allianceId, deps.clock));
    const etag = etagOf(body);
    const headers = {
      'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}`,
      etag,
      // Public keys: any web POS may fetch them from the browser.
      'access-control-allow-origin': '*',
    };
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': 'application/jwk-set+json' });
  });
  return app;
}
