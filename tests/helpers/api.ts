/**
 * Builds the real app on a fresh test database, bootstrapped like a first start, and offers
 * small helpers to call it as each role does. Requests go through app.request (real routing,
 * validation and middleware, no socket).
 */
import { randomBytes } from 'node:crypto';
import { type AppDeps, createApp } from '../../api/app.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { type Clock, fixedClock } from '../../api/clock.ts';
import { checkResponse, documentValidator } from './openapi-validator.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const ADMIN = { email: 'coordinator@test.cn', password: 'correct horse battery' };

export interface TestApi {
  database: TestDatabase;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof fixedClock>;
  allianceId: string;
  masterKey: Uint8Array;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApi(
  options: {
    demo?: boolean;
    start?: string;
    clock?: Clock;
    /** More of what server.ts would pass (metrics token, trusted proxies…). */
    app?: Partial<Omit<AppDeps, 'db' | 'allianceId' | 'masterKey' | 'clock'>>;
  } = {},
): Promise<TestApi> {
  const database = await createTestDatabase();
  const masterKey = new Uint8Array(randomBytes(32));
  const clock = fixedClock(options.start ?? '2026-11-22T02:00:00Z');
  const boot = await bootstrap(
    database.db,
    {
      allianceName: '测试联盟',
      timezone: 'Asia/Shanghai',
      demo: options.demo ?? false,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      masterKey,
    },
    clock,
  );
  const app = createApp({ ...options.app, db: database.db, allianceId: boot.allianceId, masterKey, clock });
  const validator = documentValidator(async () => (await app.request('/openapi.json')).json());
  const call: TestApi['call'] = async (method, path, { token, body, headers } = {}) => {
    const res = await app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    // Every answer of the JSON API is held to the document (tests/helpers/openapi-validator.ts).
    if (path.startsWith('/v1/') || path.startsWith('/.well-known/')) {
      await checkResponse(await validator, method, path, res);
    }
    return res;
  };
  return {
    database,
    app,
    clock,
    allianceId: boot.allianceId,
    masterKey,
    call,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await call('POST', '/v1/auth/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    close: () => database.close(),
  };
}
