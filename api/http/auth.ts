/**
 * Who is calling, for the JSON API: a Bearer access token (staff, resident, device) or a POS API
 * key (`Bearer pos_…`). Device tokens and staff tokens are re-checked against their row on every
 * request, so revoking a device or disabling an account takes effect at once, not in 15 minutes;
 * the device's row is read once here and handed to the route. What each role may then do is
 * auth/rights.ts's table, which the console consults too.
 */
import type { MiddlewareHandler } from 'hono';
import { requireActiveStaff } from '../auth/login.ts';
import { findPosKey } from '../auth/pos-keys.ts';
import type { Principal, PrincipalOf, Role } from '../auth/principal.ts';
import { type Right, requireRight } from '../auth/rights.ts';
import { invalidToken, verifyAccessToken } from '../auth/tokens.ts';
import { type DeviceContext, loadDeviceContext } from '../directory/device-context.ts';
import { AppError } from '../errors.ts';
import type { RouteDeps } from './deps.ts';

type AuthDeps = Pick<RouteDeps, 'db' | 'clock' | 'tokenKeys'>;

interface Authenticated {
  principal: Principal;
  device?: DeviceContext;
}

const deviceRevoked = () =>
  new AppError('device_revoked', { detail: 'This device has been revoked by the alliance.' });

async function authenticate(deps: AuthDeps, header: string | undefined): Promise<Authenticated> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new AppError('unauthenticated');
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

/** What a route behind requireRole(…roles) has in its context. */
export type RoleEnv<R extends Role> = {
  Variables: {
    principal: PrincipalOf<R>;
    device: R extends 'device' ? DeviceContext : DeviceContext | undefined;
  };
};

/** Lets through only the given roles; the route gets the principal typed by role (and a device's row). */
export function requireRole<R extends Role>(deps: AuthDeps, ...roles: R[]): MiddlewareHandler<RoleEnv<R>> {
  return async (c, next) => {
    const { principal, device } = await authenticate(deps, c.req.header('authorization'));
    if (!(roles as Role[]).includes(principal.role)) throw new AppError('forbidden');
    c.set('principal', principal as PrincipalOf<R>);
    if (device) c.set('device', device);
    await next();
  };
}

/** Staff with a right (auth/rights.ts), as the console checks it too. */
export function requireStaffRight(
  deps: AuthDeps,
  right: Right,
): MiddlewareHandler<RoleEnv<'coordinator' | 'staff'>> {
  return async (c, next) => {
    const { principal } = await authenticate(deps, c.req.header('authorization'));
    requireRight(principal, right);
    c.set('principal', principal);
    await next();
  };
}
