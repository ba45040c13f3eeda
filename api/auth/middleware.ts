/**
 * Authentication and role checks for routes. A request carries either a Bearer access token
 * (staff, resident, device) or a POS API key (`Authorization: Bearer pos_…`). Device tokens are
 * re-checked against the device row, so revoking a device takes effect at once, not in 15 min.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { type DeviceContext, loadDeviceContext } from '../directory/device-context.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/router.ts';
import { requireActiveStaff } from './login.ts';
import { findPosKey } from './pos-keys.ts';
import type { Principal, Role } from './principal.ts';
import { invalidToken, type TokenKeys, verifyAccessToken } from './tokens.ts';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  tokenKeys: TokenKeys;
}

const forbidden = () => new AppError('forbidden', { detail: 'Your account may not do this.' });

export const deviceRevoked = () =>
  new AppError('device_revoked', {
    detail: 'This device has been revoked by the alliance. Ask the coordinator for a new enrollment code.',
  });

interface Authenticated {
  principal: Principal;
  /** A device's row with its merchant and alliance, read once here for the whole request. */
  device?: DeviceContext;
}

async function authenticate(deps: AuthDeps, header: string | undefined): Promise<Authenticated> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) {
    throw new AppError('unauthenticated', {
      detail: 'Sign in first: this request needs an Authorization: Bearer token.',
    });
  }
  if (token.startsWith('pos_')) {
    const key = await findPosKey(deps.db, token);
    if (!key) throw invalidToken('unknown or revoked POS key');
    return {
      principal: { role: 'pos', allianceId: key.allianceId, subjectId: key.id, merchantId: key.merchantId },
    };
  }
  const principal = await verifyAccessToken(deps.tokenKeys, token, deps.clock);
  if (principal.role === 'device') {
    const device = await loadDeviceContext(deps.db, {
      allianceId: principal.allianceId,
      deviceId: principal.subjectId,
    });
    if (!device || device.revokedAt) throw deviceRevoked();
    return { principal, device };
  }
  if (principal.role === 'coordinator' || principal.role === 'staff') {
    return { principal: await requireActiveStaff(deps.db, principal) };
  }
  return { principal };
}

/** Lets through only the given roles; sets `principal` for the handler. */
export function requireRole(deps: AuthDeps, ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { principal, device } = await authenticate(deps, c.req.header('authorization'));
    if (!roles.includes(principal.role)) throw forbidden();
    c.set('principal', principal);
    if (device) c.set('device', device);
    await next();
  };
}

/** Refuses a resource of another alliance or merchant as if it did not exist. */
export function assertScope(
  principal: Principal,
  resource: { allianceId: string; merchantId?: string },
  what: string,
) {
  const otherAlliance = resource.allianceId !== principal.allianceId;
  const otherMerchant =
    (principal.role === 'device' || principal.role === 'pos') && resource.merchantId !== principal.merchantId;
  if (otherAlliance || otherMerchant) {
    throw new AppError('not_found', { detail: `No such ${what}.` });
  }
}
