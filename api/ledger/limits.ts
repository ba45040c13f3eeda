/**
 * Offline exposure limits per merchant: the most points one offline capture may take and the
 * most one device may capture offline in a local day. The merchant device enforces them where
 * it makes the record (it asks `offlineAllowance` while online); sync checks them again and
 * reports a breach on the record — the points are still captured, since the merchant already
 * gave the discount, but the breach is stored, answered and counted on the statement.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { redemptions } from '../db/schema/index.ts';
import { loadDeviceContext } from '../directory/device-context.ts';
import { AppError } from '../errors.ts';
import { localDay } from '../local-time.ts';

export interface OfflineLimits {
  maxPointsPerCapture: number;
  maxPointsPerDeviceDay: number;
}

/** Why a capture of `points` breaks the limits when `usedToday` were already captured, or null. */
export function offlineLimitBreach(limits: OfflineLimits, points: number, usedToday: number): string | null {
  if (points > limits.maxPointsPerCapture) {
    return `offline capture of ${points} points exceeds the limit of ${limits.maxPointsPerCapture} per capture`;
  }
  if (usedToday + points > limits.maxPointsPerDeviceDay) {
    return `device captured ${usedToday + points} points offline today, over the limit of ${limits.maxPointsPerDeviceDay}`;
  }
  return null;
}

/** Points a device captured offline (accepted records) during the local day holding `at`. */
export async function deviceDayUsage(
  q: Queryable,
  input: { deviceId: string; timezone: string; at: Date },
): Promise<number> {
  const day = localDay(input.timezone, input.at);
  const [row] = await q
    .select({ used: sql<string>`coalesce(sum(${redemptions.points}), 0)` })
    .from(redemptions)
    .where(
      and(
        eq(redemptions.deviceId, input.deviceId),
        eq(redemptions.outcome, 'accepted'),
        eq(redemptions.offline, true),
        gte(redemptions.scannedAt, day.start),
        lt(redemptions.scannedAt, day.end),
      ),
    );
  return Number(row?.used ?? 0);
}

export interface OfflineAllowance extends OfflineLimits {
  usedToday: number;
  remainingToday: number;
}

/** What a device may still capture offline today: fetched by the merchant app while online. */
export async function offlineAllowance(
  q: Queryable,
  input: { allianceId: string; deviceId: string },
  clock: Clock,
): Promise<OfflineAllowance> {
  const device = await loadDeviceContext(q, input);
  if (!device) throw new AppError('device_not_found', { detail: 'No such device.' });
  const { maxPointsPerCapture, maxPointsPerDeviceDay } = device.merchant;
  const usedToday = await deviceDayUsage(q, {
    deviceId: device.id,
    timezone: device.alliance.timezone,
    at: clock.now(),
  });
  return {
    maxPointsPerCapture,
    maxPointsPerDeviceDay,
    usedToday,
    remainingToday: Math.max(0, maxPointsPerDeviceDay - usedToday),
  };
}
