/**
 * Console sessions ride on the API's own tokens, kept in HttpOnly cookies scoped to /console:
 * the access token, and the refresh token that renews it when it expires. SameSite=Strict and
 * hono's Origin check on every form POST keep other sites from acting with the cookies.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requireActiveStaff } from '../auth/login.ts';
import type { Principal, StaffPrincipal } from '../auth/principal.ts';
import { refreshSession, type SessionTokens } from '../auth/sessions.ts';
import { verifyAccessToken } from '../auth/tokens.ts';
import { allianceSettings } from '../directory/queries.ts';
import { isAppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import type { Lang } from './i18n.ts';

export type ConsoleEnv = {
  Variables: {
    requestId: string;
    principal: StaffPrincipal;
    lang: Lang;
    alliance: { name: string; timezone: string; periodMonths: number };
    /** Where people reach the console (PUBLIC_URL behind a proxy): for links on printed slips. */
    origin: string;
  };
};

const ACCESS = 'console_at';
const REFRESH = 'console_rt';
const LANG = 'console_lang';

/** Secure when people reach the console over HTTPS: PUBLIC_URL says so behind a TLS proxy. */
function cookieOptions(c: Context, publicOrigin: string | undefined, maxAge: number) {
  const origin = publicOrigin ?? new URL(c.req.url).origin;
  return {
    path: '/console',
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: origin.startsWith('https:'),
    maxAge,
  };
}

export function storeSession(c: Context, deps: Pick<RouteDeps, 'publicOrigin'>, tokens: SessionTokens): void {
  setCookie(c, ACCESS, tokens.accessToken, cookieOptions(c, deps.publicOrigin, tokens.expiresIn));
  // As long as the longest staff session (30 days); the server ends a shorter one (coordinator: 7).
  setCookie(c, REFRESH, tokens.refreshToken, cookieOptions(c, deps.publicOrigin, 30 * 24 * 3600));
}

export function clearSession(c: Context): string | undefined {
  const refresh = getCookie(c, REFRESH);
  deleteCookie(c, ACCESS, { path: '/console' });
  deleteCookie(c, REFRESH, { path: '/console' });
  return refresh;
}

/** `?lang=en|zh` switches and remembers; otherwise the cookie, else Chinese. */
export const consoleLanguage: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const asked = c.req.query('lang');
  if (asked === 'en' || asked === 'zh') {
    setCookie(c, LANG, asked, { path: '/console', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    c.set('lang', asked);
  } else {
    c.set('lang', getCookie(c, LANG) === 'en' ? 'en' : 'zh');
  }
  await next();
};

/** Lets coordinators and staff through; anyone else goes to the sign-in page. */
export function consoleAuth(deps: RouteDeps): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const principal = await activeStaff(deps, await currentPrincipal(c, deps));
    if (!principal || (principal.role !== 'coordinator' && principal.role !== 'staff')) {
      const back = encodeURIComponent(c.req.path);
      return c.redirect(`/console/login?next=${back}`, 303);
    }
    c.set('principal', principal);
    const alliance = await allianceSettings(deps.db, principal.allianceId);
    c.set('alliance', {
      name: alliance.name,
      timezone: alliance.timezone,
      periodMonths: alliance.periodMonths,
    });
    c.set('origin', deps.publicOrigin ?? new URL(c.req.url).origin);
    await next();
  };
}

/** A disabled account's cookie stops working at once: it is signed out. */
async function activeStaff(deps: RouteDeps, principal: Principal | undefined) {
  if (!principal || (principal.role !== 'coordinator' && principal.role !== 'staff')) return principal;
  try {
    return await requireActiveStaff(deps.db, principal);
  } catch (e) {
    if (isAppError(e)) return undefined;
    throw e;
  }
}

async function currentPrincipal(c: Context, deps: RouteDeps): Promise<Principal | undefined> {
  const access = getCookie(c, ACCESS);
  if (access) {
    try {
      return await verifyAccessToken(deps.tokenKeys, access, deps.clock);
    } catch {
      // expired or bad: try the refresh token below
    }
  }
  const refresh = getCookie(c, REFRESH);
  if (!refresh) return undefined;
  try {
    const tokens = await refreshSession(deps.db, deps.tokenKeys, refresh, deps.clock);
    storeSession(c, deps, tokens);
    return await verifyAccessToken(deps.tokenKeys, tokens.accessToken, deps.clock);
  } catch (e) {
    if (isAppError(e)) {
      clearSession(c);
      return undefined;
    }
    throw e;
  }
}
