/**
 * The API as the device sees it: same-origin fetches with a timeout, the device's Bearer token
 * refreshed before it runs out, answers parsed with the shared schemas. An API that cannot answer
 * (502, 503, 504) is a NetworkError, like no network at all.
 *
 * Promises: a rotated refresh token is stored before it is used (the old one is dead the moment
 * the API answers); a refresh that the API refuses (invalid_refresh_token, device_revoked) ends
 * the session through `onSignedOut`, never by a retry loop.
 */
import { z } from 'zod';
import { getKv, setKv, type Tokens } from './store.ts';

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** A problem+json answer: `type` is the API's stable code, `title` words for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
  ) {
    super(`${status} ${type}: ${title}`);
    this.name = 'ApiError';
  }
}

export type SignOutReason = 'revoked' | 'expired';
export class SignedOutError extends Error {
  constructor(readonly reason: SignOutReason) {
    super(`signed out: ${reason}`);
    this.name = 'SignedOutError';
  }
}

const SessionTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});
export const DeviceEnrollment = z.object({
  deviceId: z.string(),
  merchantNumber: z.number().int(),
  tokens: SessionTokens,
});
export type DeviceEnrollment = z.infer<typeof DeviceEnrollment>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The API's database is down (503 service_unavailable) or a proxy in front of it cannot reach it
 * (502, 504): no answer was given, so it is treated as no network. A capture stays in the outbox
 * and the sync retries it with the same id; the API answers a replay with the first outcome.
 */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

let signedOutHandler: (reason: SignOutReason) => Promise<void> = async () => {};
export function onSignedOut(handler: (reason: SignOutReason) => Promise<void>): void {
  signedOutHandler = handler;
}

async function send(
  method: string,
  path: string,
  init: { body?: unknown; token?: string; timeoutMs?: number },
) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e));
  }
  if (UNREACHABLE_STATUSES.has(res.status)) {
    void res.body?.cancel().catch(() => {});
    throw new NetworkError(`${res.status} ${res.statusText}: the server cannot answer now`);
  }
  return res;
}

async function problemOf(res: Response): Promise<ApiError> {
  let type = `http_${res.status}`;
  let title = res.statusText;
  try {
    const body = (await res.json()) as { type?: unknown; title?: unknown };
    if (typeof body.type === 'string') type = body.type;
    if (typeof body.title === 'string') title = body.title;
  } catch {
    // not problem+json (a proxy's error page): keep the status
  }
  return new ApiError(res.status, type, title);
}

export const tokensFrom = (t: z.infer<typeof SessionTokens>, now = Date.now()): Tokens => ({
  accessToken: t.accessToken,
  refreshToken: t.refreshToken,
  // Refresh a minute early so a request never leaves with a token about to die.
  expiresAt: now + Math.max(0, t.expiresIn - 60) * 1000,
});

export async function enrollDevice(
  code: string,
  publicKey: string,
  name?: string,
): Promise<DeviceEnrollment> {
  const res = await send('POST', '/v1/enroll/device', {
    body: { code, publicKey, ...(name ? { name } : {}) },
  });
  if (!res.ok) throw await problemOf(res);
  return DeviceEnrollment.parse(await res.json());
}

let refreshing: Promise<Tokens> | undefined;

async function endSession(reason: SignOutReason): Promise<never> {
  await signedOutHandler(reason);
  throw new SignedOutError(reason);
}

async function refreshNow(stale: Tokens): Promise<Tokens> {
  // Another tab may have refreshed already: its pair is in the store and ours is dead.
  const current = await getKv('tokens');
  if (!current) return endSession('expired');
  if (current.refreshToken !== stale.refreshToken) return current;
  const res = await send('POST', '/v1/auth/refresh', { body: { refreshToken: current.refreshToken } });
  if (!res.ok) {
    const problem = await problemOf(res);
    if (problem.type === 'device_revoked') return endSession('revoked');
    if (problem.status === 401) return endSession('expired');
    throw problem;
  }
  const tokens = tokensFrom(SessionTokens.parse(await res.json()));
  await setKv('tokens', tokens);
  return tokens;
}

/** One refresh at a time, across tabs where the browser has Web Locks. */
function refresh(stale: Tokens): Promise<Tokens> {
  const run = async (): Promise<Tokens> =>
    navigator.locks
      ? await navigator.locks.request('merchant-token-refresh', () => refreshNow(stale))
      : refreshNow(stale);
  const pending =
    refreshing ??
    run().finally(() => {
      refreshing = undefined;
    });
  refreshing = pending;
  return pending;
}

async function validTokens(): Promise<Tokens> {
  const tokens = await getKv('tokens');
  if (!tokens) return endSession('expired');
  return tokens.expiresAt > Date.now() ? tokens : refresh(tokens);
}

/**
 * A request as the enrolled device. A 401 on a token we thought good (the API restarted with
 * another key, the clock jumped) gets one refresh and one retry.
 */
export async function deviceRequest<T>(
  method: string,
  path: string,
  schema: z.ZodType<T>,
  init: { body?: unknown; timeoutMs?: number } = {},
): Promise<T> {
  let tokens = await validTokens();
  let res = await send(method, path, { ...init, token: tokens.accessToken });
  if (res.status === 401) {
    tokens = await refresh(tokens);
    res = await send(method, path, { ...init, token: tokens.accessToken });
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (problem.type === 'device_revoked') return endSession('revoked');
    throw problem;
  }
  return schema.parse(await res.json());
}
