/**
 * The API as a phone app sees it, written once for both apps: same-origin fetches with a
 * timeout, the Bearer token refreshed before it runs out, answers parsed with the shared schemas,
 * failures as the API's registered problem codes.
 *
 * Promises: a rotated refresh token is stored before anything uses it (the old one is dead the
 * moment the API answers); one refresh at a time, across tabs where the browser has Web Locks,
 * and a tab that finds another tab's fresh pair in the store uses it; a refresh the API refuses
 * ends the session through `onSignedOut` once, never by a retry loop; a 401 on a request gets
 * exactly one refresh and one retry. An API that cannot answer (no network, or 502/503/504 from
 * it or a proxy in front of it) is a NetworkError: the caller keeps what it was sending.
 */
import { z } from 'zod';

export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** A problem+json answer: `type` is the API's registered code (shared/problems.ts), which the app turns into words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail?: string,
    /** The problem's other members, e.g. `available` beside insufficient_points. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${status} ${type}${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiError';
  }
}

/** Why a session ended: the alliance revoked this phone, or the sign-in ran out (or was refused). */
export type SignOutReason = 'revoked' | 'expired';

export class SignedOutError extends Error {
  constructor(readonly reason: SignOutReason) {
    super(`signed out: ${reason}`);
    this.name = 'SignedOutError';
  }
}

export const SessionTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});
export type SessionTokens = z.infer<typeof SessionTokens>;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Unix ms when the access token should be refreshed (a minute before it dies). */
  expiresAt: number;
}

/** Where the app keeps its tokens (IndexedDB: one write replaces the pair, no tab sees half). */
export interface TokenStore {
  get(): Promise<Tokens | undefined>;
  set(tokens: Tokens): Promise<void>;
}

export interface SessionClientOptions {
  tokens: TokenStore;
  /** The Web Lock that keeps two tabs of this app from refreshing at once. */
  lockName: string;
  /** Takes the app back to enrollment; called once when the API ends the session (or set later with onSignedOut). */
  onSignedOut?: (reason: SignOutReason) => Promise<void>;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

export interface RequestInit {
  body?: unknown;
  timeoutMs?: number;
}

/** The pair as the app stores it: refreshed a minute early so no request leaves with a dying token. */
export const tokensFrom = (t: SessionTokens, now = Date.now()): Tokens => ({
  accessToken: t.accessToken,
  refreshToken: t.refreshToken,
  expiresAt: now + Math.max(0, t.expiresIn - 60) * 1000,
});

async function send(method: string, path: string, init: RequestInit & { token?: string }, timeoutMs: number) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? timeoutMs),
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

/** The problem an answer carries; an error page from a proxy keeps only its status. */
export async function problemOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { type?: unknown; detail?: unknown } & Record<string, unknown>;
    if (typeof body.type === 'string') {
      const { type, detail, title: _t, status: _s, instance: _i, ...extra } = body;
      return new ApiError(res.status, type, typeof detail === 'string' ? detail : undefined, extra);
    }
  } catch {
    // not problem+json
  }
  return new ApiError(res.status, `http_${res.status}`);
}

export function createSessionClient(options: SessionClientOptions) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let refreshing: Promise<Tokens> | undefined;
  let signedOut = options.onSignedOut ?? (async () => {});

  async function endSession(reason: SignOutReason): Promise<never> {
    await signedOut(reason);
    throw new SignedOutError(reason);
  }

  async function refreshNow(stale: Tokens): Promise<Tokens> {
    // Another tab may have refreshed already: its pair is in the store and ours is dead.
    const current = await options.tokens.get();
    if (!current) return endSession('expired');
    if (current.refreshToken !== stale.refreshToken) return current;
    const res = await send(
      'POST',
      '/v1/auth/refresh',
      { body: { refreshToken: current.refreshToken } },
      timeoutMs,
    );
    if (!res.ok) {
      const problem = await problemOf(res);
      if (problem.type === 'device_revoked') return endSession('revoked');
      if (problem.status === 401 || problem.status === 403) return endSession('expired');
      throw problem;
    }
    const tokens = tokensFrom(SessionTokens.parse(await res.json()));
    await options.tokens.set(tokens);
    return tokens;
  }

  /** One refresh at a time in this tab, and across tabs where the browser has Web Locks. */
  function refresh(stale: Tokens): Promise<Tokens> {
    if (refreshing) return refreshing;
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    const run = async (): Promise<Tokens> =>
      locks ? await locks.request(options.lockName, () => refreshNow(stale)) : refreshNow(stale);
    refreshing = run().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function validTokens(): Promise<Tokens> {
    const tokens = await options.tokens.get();
    if (!tokens) return endSession('expired');
    return tokens.expiresAt > Date.now() ? tokens : refresh(tokens);
  }

  return {
    /** Who takes the app back to enrollment when the session ends (the app's session module). */
    onSignedOut(handler: (reason: SignOutReason) => Promise<void>): void {
      signedOut = handler;
    },

    /** A request as the signed-in phone; the answer parsed with `schema`. */
    async request<T>(method: string, path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
      let tokens = await validTokens();
      let res = await send(method, path, { ...init, token: tokens.accessToken }, timeoutMs);
      if (res.status === 401) {
        tokens = await refresh(tokens);
        res = await send(method, path, { ...init, token: tokens.accessToken }, timeoutMs);
      }
      if (!res.ok) {
        const problem = await problemOf(res);
        if (problem.type === 'device_revoked') return endSession('revoked');
        throw problem;
      }
      // 204 No Content: nothing to parse (the schema says what "nothing" is, e.g. z.undefined()).
      return schema.parse(res.status === 204 ? undefined : await res.json());
    },

    /** A request with no session (enrollment): the answer parsed with `schema`. */
    async anonymous<T>(
      method: string,
      path: string,
      schema: z.ZodType<T>,
      init: RequestInit = {},
    ): Promise<T> {
      const res = await send(method, path, init, timeoutMs);
      if (!res.ok) throw await problemOf(res);
      return schema.parse(await res.json());
    },

    /** Tells the API to forget this phone's session; offline, the tokens simply go. */
    async logout(): Promise<void> {
      const tokens = await options.tokens.get();
      if (!tokens) return;
      try {
        await send(
          'POST',
          '/v1/auth/logout',
          { body: { refreshToken: tokens.refreshToken }, timeoutMs: 5000 },
          timeoutMs,
        );
      } catch {
        // offline: the refresh token dies on its own when it expires
      }
    },
  };
}
