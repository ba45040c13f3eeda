/**
 * The API as the resident's phone sees it: same-origin fetches with a timeout, the Bearer token
 * refreshed before it runs out, answers parsed with the shared schemas, failures as the API's
 * stable problem codes.
 *
 * Promises: a rotated refresh token is stored in the same write as its access token before
 * anything uses it (the old one is dead the moment the API answers); a refresh the API refuses
 * ends the session through `onSignedOut` once, never by a retry loop; a 401 on a request gets
 * exactly one refresh and one retry.
 */
import { z } from 'zod';
import { getKv, setKv, type Tokens } from './store.ts';

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** A problem+json answer: `type` is the API's stable code, which the app turns into words. */
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

/** The session ended (refresh refused): the app is back at enrollment. */
export class SignedOutError extends Error {
  constructor() {
    super('signed out');
    this.name = 'SignedOutError';
  }
}

const SessionTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});

const TIMEOUT_MS = 10_000;

let signedOutHandler: () => Promise<void> = async () => {};
export function onSignedOut(handler: () => Promise<void>): void {
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
  try {
    return await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e));
  }
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

const tokensFrom = (t: z.infer<typeof SessionTokens>, now = Date.now()): Tokens => ({
  accessToken: t.accessToken,
  refreshToken: t.refreshToken,
  expiresAt: now + Math.max(0, t.expiresIn - 60) * 1000,
});

/** Enrolls this phone with the 12-digit code and stores the tokens. */
export async function enrollResident(code: string): Promise<void> {
  const res = await send('POST', '/v1/enroll/resident', { body: { code } });
  if (!res.ok) throw await problemOf(res);
  await setKv('tokens', tokensFrom(SessionTokens.parse(await res.json())));
}

/** Tells the API to forget this phone's session; offline, the tokens simply go. */
export async function logout(): Promise<void> {
  const tokens = await getKv('tokens');
  if (!tokens) return;
  try {
    await send('POST', '/v1/auth/logout', { body: { refreshToken: tokens.refreshToken }, timeoutMs: 5000 });
  } catch {
    // offline: the refresh token dies on its own when it expires
  }
}

async function endSession(): Promise<never> {
  await signedOutHandler();
  throw new SignedOutError();
}

async function refreshNow(stale: Tokens): Promise<Tokens> {
  // Another tab may have refreshed already: its pair is in the store and ours is dead.
  const current = await getKv('tokens');
  if (!current) return endSession();
  if (current.refreshToken !== stale.refreshToken) return current;
  const res = await send('POST', '/v1/auth/refresh', { body: { refreshToken: current.refreshToken } });
  if (!res.ok) {
    const problem = await problemOf(res);
    if (res.status === 401) return endSession();
    throw problem;
  }
  const tokens = tokensFrom(SessionTokens.parse(await res.json()));
  await setKv('tokens', tokens);
  return tokens;
}

let refreshing: Promise<Tokens> | undefined;

/** One refresh at a time, across tabs where the browser has Web Locks. */
function refresh(stale: Tokens): Promise<Tokens> {
  if (refreshing) return refreshing;
  const run = async (): Promise<Tokens> =>
    navigator.locks
      ? await navigator.locks.request('resident-token-refresh', () => refreshNow(stale))
      : refreshNow(stale);
  const pending = run().finally(() => {
    refreshing = undefined;
  });
  refreshing = pending;
  return pending;
}

async function validTokens(): Promise<Tokens> {
  const tokens = await getKv('tokens');
  if (!tokens) return endSession();
  return tokens.expiresAt > Date.now() ? tokens : refresh(tokens);
}

export async function residentRequest<T>(
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
  if (!res.ok) throw await problemOf(res);
  return schema.parse(await res.json());
}
