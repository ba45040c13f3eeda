import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adaptDocumentedConfig,
  documentedNginxBlock,
  type Nginx,
  type Reply,
  request,
  selfSignedCert,
  startNginx,
  wrapNginxConf,
} from '../helpers/reverse-proxy.ts';
import { freePort, type ServerProcess, startServer } from '../helpers/server-process.ts';

/**
 * docs/deploy.md's nginx block, run for real in front of real API instances: two sharing one
 * PostgreSQL database when TEST_DATABASE_URL is set, else one on PGlite (one process per data dir)
 * named by both upstream lines. Clients are told apart by their source address on loopback.
 */
const deployDoc = fileURLToPath(new URL('../../docs/deploy.md', import.meta.url));
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const ADMIN_EMAIL = 'coordinator@proxy.test';
const ADMIN_PASSWORD = 'correct horse battery staple';
const WRONG_PASSWORD = 'not the password';
/** The throttle's rule (api/auth/throttle.ts): 10 wrong logins per address per 15 minutes. */
const LOGIN_LIMIT = 10;
const WINDOW_MS = 15 * 60 * 1000;

describe('behind the documented nginx reverse proxy', () => {
  const work = mkdtempSync(join(tmpdir(), 'alliance-proxy-'));
  const instances: ServerProcess[] = [];
  let nginx: Nginx | undefined;
  let httpsPort = 0;
  let httpPort = 0;
  let dropDatabase = async () => {};
  const proxied = (path: string) => `https://localhost:${httpsPort}${path}`;
  const publicOrigin = () => `https://localhost:${httpsPort}`;
  const upstreamOf = (s: ServerProcess) => new URL(s.baseUrl).host;

  beforeAll(async () => {
    httpsPort = await freePort();
    httpPort = await freePort();
    const env: Record<string, string> = {
      PUBLIC_URL: publicOrigin(),
      TRUST_PROXY: '127.0.0.1',
      ALLIANCE_MASTER_KEY: randomBytes(32).toString('base64url'),
      ALLIANCE_ADMIN_EMAIL: ADMIN_EMAIL,
      ALLIANCE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ALLIANCE_DEMO: '0',
      DATA_DIR: join(work, 'data'),
      DATABASE_URL: '',
      CORS_ORIGINS: '',
      METRICS_TOKEN: '',
    };
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const name = `proxy_${randomBytes(6).toString('hex')}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      dropDatabase = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      };
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      // One after the other: the first start on an empty database creates the alliance and
      // its coordinator, which two instances must not both try (docs/deploy.md says so too).
      instances.push(await startServer(env));
      instances.push(await startServer(env));
    } else {
      instances.push(await startServer(env));
    }
    const { cert, key } = selfSignedCert(work);
    const a = upstreamOf(instances[0]!);
    const b = upstreamOf(instances[1] ?? instances[0]!);
    const servers = adaptDocumentedConfig(documentedNginxBlock(deployDoc), {
      httpPort,
      httpsPort,
      cert,
      key,
      serverName: 'localhost',
      upstreams: [a, b],
      tlsServerExtra: 'add_header X-Upstream $upstream_addr always;',
    });
    nginx = await startNginx(work, wrapNginxConf(work, servers), [httpPort, httpsPort]);
  }, 90_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(instances.map((s) => s.stop()));
    await dropDatabase();
    rmSync(work, { recursive: true, force: true });
  });

  /** Fixed 15-minute windows: make sure the next `seconds` do not straddle two of them. */
  async function withinOneThrottleWindow(seconds: number) {
    const left = WINDOW_MS - (Date.now() % WINDOW_MS);
    if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 500));
  }

  const apiLogin = (url: string, from: string, email: string, password: string, headers = {}) =>
    request({
      url,
      method: 'POST',
      from,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });

  const consoleLogin = (from: string, origin: string, password = ADMIN_PASSWORD, email = ADMIN_EMAIL) =>
    request({
      url: proxied('/console/login'),
      method: 'POST',
      from,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ email, password, next: '/console/' }).toString(),
    });

  const cookie = (reply: Reply, name: string) =>
    (reply.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));

  it('plain HTTP is redirected to HTTPS, /metrics is not served and big bodies are refused', async () => {
    const plain = await request({
      url: `http://127.0.0.1:${httpPort}/console/`,
      headers: { host: 'localhost' },
    });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://localhost/console/');

    const ready = await request({ url: proxied('/readyz') });
    expect(ready.status).toBe(200);
    expect(ready.headers['strict-transport-security']).toMatch(/max-age=\d+/);

    expect((await request({ url: proxied('/metrics') })).status).toBe(403);

    const huge = await apiLogin(proxied('/v1/auth/login'), '127.0.0.9', ADMIN_EMAIL, 'x'.repeat(1_100_000));
    expect(huge.status).toBe(413);
  });

  it('the console signs in through the proxy with a Secure, HttpOnly, SameSite=Strict cookie', async () => {
    const login = await consoleLogin('127.0.0.5', publicOrigin());
    expect(login.status, login.body).toBe(303);
    expect(login.headers.location).toBe('/console/');
    const access = cookie(login, 'console_at');
    expect(access, String(login.headers['set-cookie'])).toBeDefined();
    const attributes = access!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/console');

    // Several times: on PostgreSQL these reach both instances, and a session one instance
    // issued must be good on the other (the same ALLIANCE_MASTER_KEY).
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const page = await request({
        url: proxied('/console/'),
        from: '127.0.0.5',
        headers: { cookie: access!.split(';')[0]! },
      });
      expect(page.status, `${page.headers.location ?? ''} ${page.body.slice(0, 200)}`).toBe(200);
      seen.add(String(page.headers['x-upstream']));
    }
    expect(seen.size).toBe(instances.length);
  });

  it('a form post from a foreign origin is refused', async () => {
    const forged = await consoleLogin('127.0.0.5', 'https://evil.example');
    expect(forged.status).toBe(403);
    expect(cookie(forged, 'console_at')).toBeUndefined();
  });

  it("the console's sign-in is throttled per client too: 401 pages, then 429 with Retry-After", async () => {
    await withinOneThrottleWindow(30);
    const replies: Reply[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i++) {
      replies.push(await consoleLogin('127.0.0.7', publicOrigin(), WRONG_PASSWORD, `page${i}@proxy.test`));
    }
    expect(replies.map((r) => r.status)).toEqual([...Array(LOGIN_LIMIT).fill(401), 429]);
    expect(replies[0]!.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(replies[LOGIN_LIMIT]!.headers['retry-after'])).toBeGreaterThan(0);
    // Meanwhile the coordinator, from another address, signs in.
    expect((await consoleLogin('127.0.0.8', publicOrigin())).status).toBe(303);
  });

  it('two clients behind the proxy are throttled separately', async () => {
    await withinOneThrottleWindow(30);
    const url = proxied('/v1/auth/login');
    const statuses: number[] = [];
    let last: Reply | undefined;
    for (let i = 0; i <= LOGIN_LIMIT; i++) {
      // A new e-mail each time, so only the per-address count can reach the limit.
      last = await apiLogin(url, '127.0.0.2', `nobody${i}@proxy.test`, WRONG_PASSWORD);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);

    const other = await apiLogin(url, '127.0.0.3', 'somebody@proxy.test', WRONG_PASSWORD);
    expect(other.status, 'another client is not throttled with the first').toBe(401);
    const right = await apiLogin(url, '127.0.0.3', ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(right.status, right.body).toBe(200);
    expect(JSON.parse(right.body)).toHaveProperty('accessToken');
  });

  it('X-Forwarded-For from an untrusted peer is ignored', async () => {
    await withinOneThrottleWindow(30);
    // Straight to an instance, bypassing nginx: the peer 127.0.0.4 is not a trusted proxy.
    const direct = `${instances[0]!.baseUrl}/v1/auth/login`;
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i++) {
      const reply = await apiLogin(direct, '127.0.0.4', `forger${i}@proxy.test`, WRONG_PASSWORD, {
        'x-forwarded-for': `10.0.0.${i + 1}`,
      });
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429]);

    // Through nginx, a client's own X-Forwarded-For is kept on the left of the real address,
    // and the API stops at that real address.
    const statusesViaProxy: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i++) {
      const reply = await apiLogin(
        proxied('/v1/auth/login'),
        '127.0.0.6',
        `spoof${i}@proxy.test`,
        WRONG_PASSWORD,
        {
          'x-forwarded-for': `10.0.1.${i + 1}`,
        },
      );
      statusesViaProxy.push(reply.status);
    }
    expect(statusesViaProxy).toEqual([...Array(LOGIN_LIMIT).fill(401), 429]);
  });

  it(`requests are spread over ${onPostgres ? 'both instances' : 'the instance (PGlite: one process)'}`, async () => {
    const expected = new Set(instances.map(upstreamOf));
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const reply = await request({ url: proxied('/readyz') });
      expect(reply.status).toBe(200);
      seen.add(String(reply.headers['x-upstream']));
    }
    expect(seen).toEqual(expected);
    expect(nginx!.output()).not.toMatch(/\[(emerg|alert|crit)\]/);
  });
});
