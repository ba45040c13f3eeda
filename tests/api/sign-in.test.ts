/**
 * Sign-in and sessions under attack: wrong passwords from one client slow the account but never
 * lock out the right password from another client; every 429 says when to retry; a disabled
 * account is refused at once, not when its access token runs out.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSlowdownMs } from '../../api/auth/login.ts';
import { hashPassword } from '../../api/auth/passwords.ts';
import { staffUsers } from '../../api/db/schema/index.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';

describe('sign-in and sessions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  /** A request from a client at `address` (the socket peer, as @hono/node-server gives it). */
  const from = (address: string, path: string, body: unknown) =>
    Promise.resolve(
      api.app.request(
        path,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        { incoming: { socket: { remoteAddress: address } } },
      ),
    );

  it('ten wrong passwords from one address do not keep the coordinator out from another', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await from('198.51.100.1', '/v1/auth/login', {
        email: ADMIN.email,
        password: `guess ${i}`,
      });
      expect(res.status).toBe(401);
    }
    const attacker = await from('198.51.100.1', '/v1/auth/login', {
      email: ADMIN.email,
      password: 'guess 11',
    });
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attacker.json()).retryAfter).toBe(Number(attacker.headers.get('retry-after')));
    const started = performance.now();
    const owner = await from('203.0.113.5', '/v1/auth/login', ADMIN);
    expect(owner.status).toBe(200);
    // The account is slowed down (a quarter second now), not locked.
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    api.clock.advance(16 * 60_000);
  });

  it('the account slowdown grows with the failures and stays bounded', () => {
    expect(accountSlowdownMs(0)).toBe(0);
    expect(accountSlowdownMs(9)).toBe(0);
    expect(accountSlowdownMs(10)).toBe(250);
    expect(accountSlowdownMs(12)).toBe(1000);
    expect(accountSlowdownMs(1000)).toBe(4000);
  });

  it('the console sign-in page answers 429 with Retry-After too', async () => {
    const session = consoleSession(() => api.app);
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await session.request('POST', '/console/login', {
        email: 'nobody@x.cn',
        password: `p${i}`,
        next: '',
      });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    api.clock.advance(16 * 60_000);
  });

  it('a disabled staff member is refused at once, through the API and the console', async () => {
    await api.database.db.insert(staffUsers).values({
      allianceId: api.allianceId,
      email: 'leaving@test.cn',
      name: '离职员工',
      role: 'staff',
      passwordHash: await hashPassword('staff password 1'),
    });
    const token = await api.login('leaving@test.cn', 'staff password 1');
    const session = consoleSession(() => api.app);
    await session.request('POST', '/console/login', {
      email: 'leaving@test.cn',
      password: 'staff password 1',
      next: '/console/',
    });
    expect((await api.call('GET', '/v1/residents', { token })).status).toBe(200);
    expect((await session.request('GET', '/console/residents')).status).toBe(200);
    await api.database.db
      .update(staffUsers)
      .set({ disabledAt: api.clock.now() })
      .where(eq(staffUsers.email, 'leaving@test.cn'));
    const refused = await api.call('POST', '/v1/residents', { token, body: { name: '不该建' } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).type).toBe('account_disabled');
    const page = await session.request('GET', '/console/residents');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toContain('/console/login');
  });
});
