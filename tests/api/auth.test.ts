import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveTokenKeys, signAccessToken } from '../../api/auth/tokens.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';

const devicePublicKey = () =>
  (generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as { x: string }).x;

describe('sign-in, tokens and enrollment', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('a coordinator signs in with e-mail and password, case-insensitively', async () => {
    const res = await api.call('POST', '/v1/auth/login', {
      body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(body.accessToken.split('.')).toHaveLength(3);
  });

  it('a wrong password and an unknown e-mail get the same answer', async () => {
    const a = await api.call('POST', '/v1/auth/login', { body: { email: ADMIN.email, password: 'nope' } });
    const b = await api.call('POST', '/v1/auth/login', { body: { email: 'nobody@x.cn', password: 'nope' } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((await a.json()).type).toBe('invalid_credentials');
    expect((await b.json()).type).toBe('invalid_credentials');
  });

  it('repeated failed logins are throttled with 429 and a retryAfter', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await api.call('POST', '/v1/auth/login', {
        body: { email: 'victim@x.cn', password: `guess${i}` },
      });
    }
    expect(last!.status).toBe(429);
    const body = await last!.json();
    expect(body.type).toBe('too_many_attempts');
    expect(body.retryAfter).toBeGreaterThan(0);
    api.clock.advance(16 * 60_000); // a new window
  });

  it('two refreshes of one token within the grace window get the very same new pair', async () => {
    const login = await (await api.call('POST', '/v1/auth/login', { body: ADMIN })).json();
    const refresh = () =>
      api.call('POST', '/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    const first = await (await refresh()).json();
    api.clock.advance(20_000); // a lost answer, retried 20 s later; or a second tab
    const again = await refresh();
    expect(again.status).toBe(200);
    const second = await again.json();
    expect(second.refreshToken).toBe(first.refreshToken);
    expect(second.accessToken).toBe(first.accessToken);
    expect(second.expiresIn).toBe(first.expiresIn - 20);
    // The pair is live: the session goes on.
    const onward = await api.call('POST', '/v1/auth/refresh', {
      body: { refreshToken: second.refreshToken },
    });
    expect(onward.status).toBe(200);
  });

  it('a refresh token works once; presenting it again after the grace window revokes the whole family', async () => {
    const login = await (await api.call('POST', '/v1/auth/login', { body: ADMIN })).json();
    const first = await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(first.status).toBe(200);
    const next = await first.json();
    api.clock.advance(31_000);
    const replay = await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(replay.status).toBe(401);
    expect((await replay.json()).type).toBe('invalid_refresh_token');
    // The thief's replay also ended the legitimate successor.
    const successor = await api.call('POST', '/v1/auth/refresh', {
      body: { refreshToken: next.refreshToken },
    });
    expect(successor.status).toBe(401);
  });

  it('sign-out ends the session', async () => {
    const login = await (await api.call('POST', '/v1/auth/login', { body: ADMIN })).json();
    expect(
      (await api.call('POST', '/v1/auth/logout', { body: { refreshToken: login.refreshToken } })).status,
    ).toBe(204);
    expect(
      (await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: login.refreshToken } })).status,
    ).toBe(401);
  });

  it('a resident enrolls once with the code; the code then stops working', async () => {
    const token = await api.login();
    const created = await api.call('POST', '/v1/residents', {
      token,
      body: { name: '张秀英', phone: '13800000001' },
    });
    expect(created.status).toBe(201);
    const { enrollmentCode } = await created.json();
    const enrolled = await api.call('POST', '/v1/enroll/resident', { body: { code: enrollmentCode } });
    expect(enrolled.status).toBe(200);
    expect((await enrolled.json()).refreshToken).toMatch(/^rt_/);
    const again = await api.call('POST', '/v1/enroll/resident', { body: { code: enrollmentCode } });
    expect(again.status).toBe(400);
    expect((await again.json()).type).toBe('invalid_enrollment_code');
  });

  it('an expired enrollment code is refused', async () => {
    const token = await api.login();
    const { enrollmentCode } = await (
      await api.call('POST', '/v1/residents', { token, body: { name: '过期' } })
    ).json();
    api.clock.advance(8 * 24 * 3600_000);
    const res = await api.call('POST', '/v1/enroll/resident', { body: { code: enrollmentCode } });
    expect(res.status).toBe(400);
  });

  it('a device enrolls with its public key and a revoked device is refused at once', async () => {
    const token = await api.login();
    const merchant = await (
      await api.call('POST', '/v1/merchants', { token, body: { name: '叶子发艺' } })
    ).json();
    expect(merchant.number).toBeGreaterThanOrEqual(1001);
    const slip = await (await api.call('POST', `/v1/merchants/${merchant.id}/devices`, { token })).json();
    const bad = await api.call('POST', '/v1/enroll/device', {
      body: { code: slip.enrollmentCode, publicKey: `${'not-a-key'.padEnd(43, 'x')}!` },
    });
    expect(bad.status).toBe(400);
    const res = await api.call('POST', '/v1/enroll/device', {
      body: { code: slip.enrollmentCode, publicKey: devicePublicKey() },
    });
    expect(res.status).toBe(200);
    const device = await res.json();
    expect(device.deviceId).toMatch(/^dev_[0-9a-f]{12}$/);
    expect(device.merchantNumber).toBe(merchant.number);
    const list = await api.call('GET', '/v1/merchants', { token: device.tokens.accessToken });
    expect(list.status).toBe(403); // devices do not browse the directory
    expect((await api.call('POST', `/v1/devices/${device.deviceId}/revoke`, { token })).status).toBe(204);
    const after = await api.call('POST', '/v1/auth/refresh', {
      body: { refreshToken: device.tokens.refreshToken },
    });
    expect(after.status).toBe(401);
  });

  describe('tokens that must be refused', () => {
    it('no token, a garbage token, a tampered token', async () => {
      expect((await api.call('GET', '/v1/residents')).status).toBe(401);
      expect((await api.call('GET', '/v1/residents', { token: 'abc.def.ghi' })).status).toBe(401);
      const token = await api.login();
      const [h, p, s] = token.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const forged = Buffer.from(
        JSON.stringify({ ...payload, role: 'coordinator', sub: 'someone-else' }),
      ).toString('base64url');
      expect((await api.call('GET', '/v1/residents', { token: `${h}.${forged}.${s}` })).status).toBe(401);
    });

    it('an expired token', async () => {
      const token = await api.login();
      api.clock.advance(16 * 60_000);
      const res = await api.call('GET', '/v1/residents', { token });
      expect(res.status).toBe(401);
      expect((await res.json()).type).toBe('invalid_token');
    });

    it('alg confusion: HS256 signed with the public key, and alg none', async () => {
      const keys = deriveTokenKeys(api.masterKey);
      const publicDer = keys.publicKey.export({ format: 'der', type: 'spki' });
      const now = Math.floor(api.clock.now().getTime() / 1000);
      const claims = {
        role: 'coordinator',
        aid: api.allianceId,
        sub: 'x',
        iss: 'alliance-api',
        aud: 'alliance-api',
        iat: now,
        exp: now + 600,
      };
      const hs = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new Uint8Array(publicDer));
      expect((await api.call('GET', '/v1/residents', { token: hs })).status).toBe(401);
      const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      expect((await api.call('GET', '/v1/residents', { token: none })).status).toBe(401);
    });

    it("a token signed with another alliance's master key", async () => {
      const other = deriveTokenKeys(new Uint8Array(32).fill(7));
      const token = await signAccessToken(
        other,
        { role: 'coordinator', allianceId: api.allianceId, subjectId: 'x' },
        api.clock,
      );
      expect((await api.call('GET', '/v1/residents', { token })).status).toBe(401);
    });
  });
});
