/**
 * The real API on a real database (fresh PGlite, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set), listening on a local port and serving the built merchant app at
 * /merchant/, plus the coordinator's and resident's calls a test needs to set up a shop and a
 * customer with points. Nothing here is mocked: every step goes through the HTTP API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { fixedClock } from '../../api/clock.ts';
import type { Database } from '../../api/db/client.ts';
import { webAppRoutes } from '../../api/http/web-apps.ts';
import { signVoucher } from '../../api/vouchers/issue.ts';
import { currentSigningKey } from '../../api/vouchers/keys.ts';
import { ADMIN } from '../helpers/api.ts';
import { merchantDist } from './browser.ts';

/** The parts of tests/helpers/api.ts's TestApi these tests use, built without vitest (the bench). */
export interface WorldApi {
  database: Database;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof fixedClock>;
  allianceId: string;
  masterKey: Uint8Array;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

export interface World {
  api: WorldApi;
  baseUrl: string;
  coordinator: string;
  /** The server's clock follows the wall clock (tests move it on purpose, then put it back). */
  syncClock(offsetMs?: number): void;
  json<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; status?: number },
  ): Promise<T>;
  close(): Promise<void>;
}

export const SHOP_OFFERS = [
  {
    code: 'haircut-5',
    kind: 'amount_off',
    titleZh: '理发减 5 元',
    titleEn: '¥5 off a haircut',
    points: 50,
    amountFen: 500,
  },
  {
    code: 'meal-20pct',
    kind: 'percent_off',
    titleZh: '用餐 8 折',
    titleEn: '20% off a meal',
    points: 100,
    percent: 20,
    capFen: 3000,
  },
  { code: 'soap', kind: 'item', titleZh: '换一块肥皂', titleEn: 'A bar of soap', points: 30, amountFen: 300 },
  { code: 'cash', kind: 'points_as_cash', titleZh: '积分抵现', titleEn: 'Points as cash', fenPerPoint: 10 },
] as const;

async function buildApi(database: Database): Promise<WorldApi> {
  const masterKey = new Uint8Array(randomBytes(32));
  // The alliance and its first key date from two hours ago, so a test can have a voucher that
  // expired long ago signed by a published key; then the clock joins the wall clock.
  const clock = fixedClock(Date.now() - 2 * 3600_000);
  const boot = await bootstrap(
    database.db,
    {
      allianceName: '测试联盟',
      timezone: 'Asia/Shanghai',
      demo: false,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      masterKey,
    },
    clock,
  );
  clock.set(Date.now());
  const app = createApp({ db: database.db, allianceId: boot.allianceId, masterKey, clock });
  const call: WorldApi['call'] = async (method, path, { token, body, headers } = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return { database, app, clock, allianceId: boot.allianceId, masterKey, call };
}

/**
 * `database` is a migrated, empty database: tests pass createTestDatabase() (PGlite or a fresh
 * PostgreSQL database), the bench an in-memory PGlite.
 */
export async function startWorld(database: Database): Promise<World> {
  const api = await buildApi(database);
  const web = webAppRoutes([{ prefix: 'merchant', dist: merchantDist }]);
  const server = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (request: Request) =>
      new URL(request.url).pathname.startsWith('/merchant') ? web.fetch(request) : api.app.fetch(request),
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const login = await api.call('POST', '/v1/auth/login', { body: ADMIN });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const coordinator = ((await login.json()) as { accessToken: string }).accessToken;

  const json: World['json'] = async (method, path, options = {}) => {
    const res = await api.call(method, path, options);
    const text = await res.text();
    const expected = options.status ?? (method === 'POST' ? [200, 201] : [200]);
    const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
    if (!ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as never;
  };

  return {
    api,
    baseUrl,
    coordinator,
    syncClock: (offsetMs = 0) => api.clock.set(Date.now() + offsetMs),
    json,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.database.close();
    },
  };
}

export interface Shop {
  id: string;
  number: number;
}

export async function createShop(
  world: World,
  name = '叶子发艺',
  offers: readonly object[] = SHOP_OFFERS,
): Promise<Shop> {
  return world.json<Shop>('POST', '/v1/merchants', { token: world.coordinator, body: { name, offers } });
}

export async function deviceCode(world: World, shop: Shop): Promise<string> {
  const slip = await world.json<{ enrollmentCode: string }>('POST', `/v1/merchants/${shop.id}/devices`, {
    token: world.coordinator,
  });
  return slip.enrollmentCode;
}

/**
 * A voucher signed by the alliance's current key without a hold behind it: it verifies like any
 * other, so it serves tests of what the merchant app refuses before anything is captured, and
 * the bench. A capture needs a real voucher from `residentVoucher`.
 */
export async function signedVoucher(
  world: World,
  fields: { capPoints: number; issuedAt?: number; ttlSeconds?: number; merchantScope?: number },
): Promise<string> {
  const key = await currentSigningKey(
    world.api.database.db,
    world.api.allianceId,
    world.api.masterKey,
    world.api.clock,
  );
  return signVoucher({
    key,
    capPoints: fields.capPoints,
    issuedAt: fields.issuedAt ?? Math.floor(world.api.clock.now().getTime() / 1000),
    ttlSeconds: fields.ttlSeconds ?? 180,
    merchantScope: fields.merchantScope ?? 0,
  }).text;
}

/** Changes one digit in the signature part, keeping the text a well-formed voucher. */
export function tamper(text: string): string {
  const at = 200;
  const digit = text[at] === '1' ? '2' : '1';
  return text.slice(0, at) + digit + text.slice(at + 1);
}

export interface Resident {
  id: string;
  token: string;
}

/** A resident with a phone enrolled and `points` granted by the coordinator. */
export async function residentWithPoints(world: World, name: string, points: number): Promise<Resident> {
  const resident = await world.json<{ id: string; enrollmentCode: string }>('POST', '/v1/residents', {
    token: world.coordinator,
    body: { name },
  });
  await world.json('POST', '/v1/grants', {
    token: world.coordinator,
    headers: { 'idempotency-key': randomUUID() },
    body: { residentId: resident.id, points, reason: '志愿服务' },
  });
  const tokens = await world.json<{ accessToken: string }>('POST', '/v1/enroll/resident', {
    body: { code: resident.enrollmentCode },
  });
  return { id: resident.id, token: tokens.accessToken };
}

/** A real voucher: the API places a hold of `capPoints` on the resident's points and signs it. */
export async function residentVoucher(
  world: World,
  resident: Resident,
  capPoints: number,
): Promise<{ text: string; voucherId: string }> {
  return world.json('POST', '/v1/vouchers', { token: resident.token, body: { capPoints } });
}

export async function residentBalance(
  world: World,
  resident: Resident,
): Promise<{ balance: number; held: number }> {
  return world.json('GET', '/v1/me', { token: resident.token });
}
