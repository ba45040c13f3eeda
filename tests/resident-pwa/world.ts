/**
 * The real API on a real database (fresh PGlite, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set), bootstrapped with the demo alliance like a first `npm start`, and
 * listening on a local port with the built resident app at /resident/. A merchant device is
 * enrolled and captures through the same HTTP API a shop's phone uses. Nothing is mocked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import type { Clock } from '../../api/clock.ts';
import type { Database } from '../../api/db/client.ts';
import type { DemoSeed } from '../../api/directory/demo.ts';
import { accountBalances } from '../../api/ledger/accounts.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { signRedemptionRecord } from '../../shared/redemption-record.ts';
import { ADMIN } from '../helpers/api.ts';

/** The server's clock: the wall clock, moved ahead on purpose by tests that skip time. */
export function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface ResidentWorld {
  baseUrl: string;
  clock: ReturnType<typeof movableClock>;
  demo: DemoSeed;
  coordinator: string;
  /** A JSON call to the API over HTTP; throws unless the status is the expected one. */
  json<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; status?: number },
  ): Promise<T>;
  close(): Promise<void>;
}

/** `database` is migrated and empty: tests pass createTestDatabase(), the bench in-memory PGlite. */
export async function startResidentWorld(database: Database, residentDist: string): Promise<ResidentWorld> {
  const masterKey = new Uint8Array(randomBytes(32));
  const clock = movableClock();
  const boot = await bootstrap(
    database.db,
    {
      allianceName: '示范镇德商联盟',
      timezone: 'Asia/Shanghai',
      demo: true,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      masterKey,
    },
    clock,
  );
  if (!boot.demo) throw new Error('bootstrap did not seed the demo');
  const app = createApp({
    db: database.db,
    allianceId: boot.allianceId,
    masterKey,
    clock,
    webApps: [{ prefix: 'resident', dist: residentDist }],
  });
  const server = serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const json: ResidentWorld['json'] = async (method, path, options = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    const expected = options.status ?? (method === 'POST' ? [200, 201] : [200]);
    const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
    if (!ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as never;
  };
  const { accessToken: coordinator } = await json<{ accessToken: string }>('POST', '/v1/auth/login', {
    body: ADMIN,
  });
  await grantDemoPoints(database, boot.allianceId, boot.demo, baseUrl, coordinator);

  return {
    baseUrl,
    clock,
    demo: boot.demo,
    coordinator,
    json,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

/**
 * The demo residents' points. Should the seed not have granted them (bootstrap seeds the
 * directory; granting on seed may come later), the coordinator grants them here through the
 * API, as community staff would, with the seed's amounts and reasons.
 */
async function grantDemoPoints(
  database: Database,
  allianceId: string,
  demo: DemoSeed,
  baseUrl: string,
  coordinator: string,
): Promise<void> {
  const balances = await Promise.all(
    demo.residents.map((r) => accountBalances(database.db, { allianceId, residentId: r.id })),
  );
  if (balances.some((b) => b.balance > 0)) return;
  for (const r of demo.residents) {
    const res = await fetch(`${baseUrl}/v1/grants`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${coordinator}`,
        'idempotency-key': `demo-${r.id}`,
      },
      body: JSON.stringify({ residentId: r.id, points: r.points, reason: r.reason }),
    });
    if (res.status !== 201) throw new Error(`grant for ${r.name} → ${res.status}: ${await res.text()}`);
  }
}

export interface MerchantDevice {
  deviceId: string;
  merchantNumber: number;
  /** Signs a redemption record for `voucher` and posts it as the shop's phone does online. */
  capture(
    voucher: string,
    points: number,
    offer?: { code: string; billFen: number; discountFen: number },
  ): Promise<{ outcome: string; points: number }>;
}

/** Enrolls a new device for the merchant (coordinator issues the code, the device registers its key). */
export async function enrollMerchantDevice(
  world: ResidentWorld,
  merchantId: string,
): Promise<MerchantDevice> {
  const slip = await world.json<{ enrollmentCode: string }>('POST', `/v1/merchants/${merchantId}/devices`, {
    token: world.coordinator,
  });
  const seed = new Uint8Array(randomBytes(32));
  const publicKey = toBase64url(ed25519Noble.publicKeyOf!(seed));
  const enrolled = await world.json<{
    deviceId: string;
    merchantNumber: number;
    tokens: { accessToken: string };
  }>('POST', '/v1/enroll/device', { body: { code: slip.enrollmentCode, publicKey, name: '收银台' } });
  let seq = 0;
  return {
    deviceId: enrolled.deviceId,
    merchantNumber: enrolled.merchantNumber,
    capture: async (voucher, points, offer) => {
      seq += 1;
      const record = signRedemptionRecord(
        {
          id: randomUUID(),
          voucher,
          points,
          offerId: offer?.code ?? null,
          billFen: offer?.billFen ?? 0,
          discountFen: offer?.discountFen ?? 0,
          scannedAt: world.clock.now().getTime(),
          deviceId: enrolled.deviceId,
          seq,
        },
        seed,
        ed25519Noble,
      );
      return world.json('POST', '/v1/redemptions', { token: enrolled.tokens.accessToken, body: record });
    },
  };
}
