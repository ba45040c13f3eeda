/**
 * The API as the resident's phone sees it: the shared session client
 * (shared/client/session-client.ts) with the phone's tokens from its own store; an ended session
 * goes back to enrollment through `onSignedOut`.
 */
import { z } from 'zod';
import {
  ApiError,
  createSessionClient,
  NetworkError,
  problemOf,
  SessionTokens,
  SignedOutError,
  tokensFrom,
} from '../../shared/client/session-client.ts';
import { getKv, setKv } from './store.ts';

export { ApiError, NetworkError, SignedOutError };

const client = createSessionClient({
  tokens: { get: () => getKv('tokens'), set: (tokens) => setKv('tokens', tokens) },
  lockName: 'resident-token-refresh',
});

export const { onSignedOut, request: residentRequest, logout } = client;

/** Enrolls this phone with the 12-digit code and stores the tokens. */
export async function enrollResident(code: string): Promise<void> {
  const tokens = await client.anonymous('POST', '/v1/enroll/resident', SessionTokens, { body: { code } });
  await setKv('tokens', tokensFrom(tokens));
}

const UNREACHABLE = new Set([502, 503, 504]);

/**
 * The access token to send. The shared client owns refreshing (one at a time, across tabs,
 * signing out when the API refuses): when ours is due, or the API said 401, a small signed-in
 * request through it refreshes the pair, and we read the new one from the store.
 */
async function accessToken(stale: boolean): Promise<string> {
  const tokens = await getKv('tokens');
  if (tokens && !stale && tokens.expiresAt > Date.now()) return tokens.accessToken;
  await client.request('GET', '/v1/me', z.unknown());
  const fresh = await getKv('tokens');
  if (!fresh) throw new SignedOutError('expired');
  return fresh.accessToken;
}

/**
 * A signed-in request the shared client cannot make: a binary body (a photo) or a header of
 * its own (Idempotency-Key), or an answer that is not JSON (a photo). Same rules as the shared
 * client: no answer, or 502/503/504, is a NetworkError; a problem is an ApiError; a 401 gets one
 * refresh and one retry.
 */
export async function sendSigned(
  method: string,
  path: string,
  init: { body?: Blob | string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Response> {
  const send = async (token: string): Promise<Response> => {
    try {
      return await fetch(path, {
        method,
        headers: { accept: 'application/json', ...init.headers, authorization: `Bearer ${token}` },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
        cache: 'no-store',
      });
    } catch (e) {
      throw new NetworkError(e instanceof Error ? e.message : String(e));
    }
  };
  let res = await send(await accessToken(false));
  if (res.status === 401) res = await send(await accessToken(true));
  if (UNREACHABLE.has(res.status)) {
    void res.body?.cancel().catch(() => {});
    throw new NetworkError(`${res.status}: the server cannot answer now`);
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}
