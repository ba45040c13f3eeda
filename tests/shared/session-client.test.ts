/**
 * The phone apps' one session client against the real API (requests go to the app in-process):
 * refresh once for many callers, store the new pair before using it, retry a 401 once, end the
 * session once when the API refuses, and treat a server that cannot answer as no network.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createSessionClient,
  NetworkError,
  SignedOutError,
  type SignOutReason,
  type Tokens,
  tokensFrom,
} from '../../shared/client/session-client.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, enrollDevice } from '../helpers/world.ts';

const Me = z.object({ balance: z.number() });

describe('the shared session client', () => {
  let api: TestApi;
  let coordinator: string;
  const realFetch = globalThis.fetch;
  const calls: string[] = [];
  let answerWith: number | undefined;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    globalThis.fetch = (async (input: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${input}`);
      if (answerWith) return new Response('proxy error', { status: answerWith });
      return api.app.request(input, init);
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await api.close();
  });
  afterEach(() => {
    calls.length = 0;
    answerWith = undefined;
  });

  /** A client for a freshly enrolled resident whose access token is already due for refresh. */
  async function residentClient() {
    const created = await (
      await api.call('POST', '/v1/residents', { token: coordinator, body: { name: '王秀兰' } })
    ).json();
    const enrolled = await (
      await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })
    ).json();
    let stored: Tokens | undefined = { ...tokensFrom(enrolled), expiresAt: Date.now() - 1 };
    const ended: SignOutReason[] = [];
    const writes: Tokens[] = [];
    const client = createSessionClient({
      tokens: {
        get: async () => stored,
        set: async (t) => {
          writes.push(t);
          stored = t;
        },
      },
      lockName: 'test',
      onSignedOut: async (reason) => {
        ended.push(reason);
        stored = undefined;
      },
    });
    return {
      client,
      ended,
      writes,
      stored: () => stored,
      replace: (t: Tokens | undefined) => {
        stored = t;
      },
      refreshToken: enrolled.refreshToken as string,
    };
  }

  it('many requests with a stale token refresh once, and store the new pair before using it', async () => {
    const r = await residentClient();
    const answers = await Promise.all([1, 2, 3].map(() => r.client.request('GET', '/v1/me', Me)));
    expect(answers.map((a) => a.balance)).toEqual([0, 0, 0]);
    expect(calls.filter((c) => c === 'POST /v1/auth/refresh')).toHaveLength(1);
    expect(r.writes).toHaveLength(1);
    expect(r.stored()!.refreshToken).not.toBe(r.refreshToken);
  });

  it('a pair another tab stored is used without a second refresh', async () => {
    const r = await residentClient();
    const stale = r.stored()!;
    await r.client.request('GET', '/v1/me', Me);
    calls.length = 0;
    const fresh = r.stored()!;
    // This tab still holds the old pair, but the store has the new one.
    r.replace({ ...stale, expiresAt: Date.now() - 1 });
    r.replace(fresh);
    await r.client.request('GET', '/v1/me', Me);
    expect(calls).toEqual(['GET /v1/me']);
  });

  it('a 401 on a token thought good gets exactly one refresh and one retry', async () => {
    const r = await residentClient();
    r.replace({ ...r.stored()!, accessToken: 'not-a-token', expiresAt: Date.now() + 600_000 });
    await r.client.request('GET', '/v1/me', Me);
    expect(calls).toEqual(['GET /v1/me', 'POST /v1/auth/refresh', 'GET /v1/me']);
  });

  it('a refresh the API refuses ends the session once, with a SignedOutError, never a retry loop', async () => {
    const r = await residentClient();
    await r.client.request('GET', '/v1/me', Me);
    // The stolen old token is presented after the grace window: the family is revoked.
    api.clock.advance(31_000);
    await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: r.refreshToken } });
    r.replace({ ...r.stored()!, expiresAt: Date.now() - 1 });
    calls.length = 0;
    await expect(r.client.request('GET', '/v1/me', Me)).rejects.toBeInstanceOf(SignedOutError);
    expect(r.ended).toEqual(['expired']);
    expect(calls).toEqual(['POST /v1/auth/refresh']);
  });

  it('a revoked device is signed out as revoked', async () => {
    const merchant = await createMerchant(api, coordinator, '理发店');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const ended: SignOutReason[] = [];
    const client = createSessionClient({
      tokens: {
        get: async () => ({
          accessToken: device.token,
          refreshToken: device.refreshToken,
          expiresAt: Date.now() + 600_000,
        }),
        set: async () => {},
      },
      lockName: 'test',
      onSignedOut: async (reason) => {
        ended.push(reason);
      },
    });
    await api.call('POST', `/v1/devices/${device.deviceId}/revoke`, { token: coordinator });
    await expect(client.request('GET', '/v1/merchant/config', z.unknown())).rejects.toMatchObject({
      reason: 'revoked',
    });
    expect(ended).toEqual(['revoked']);
  });

  it('a 503 (or a proxy’s 502/504) is no network: the caller keeps what it was sending', async () => {
    const r = await residentClient();
    await r.client.request('GET', '/v1/me', Me);
    for (const status of [502, 503, 504]) {
      answerWith = status;
      await expect(r.client.request('GET', '/v1/me', Me)).rejects.toBeInstanceOf(NetworkError);
    }
    expect(r.ended).toEqual([]);
  });
});
