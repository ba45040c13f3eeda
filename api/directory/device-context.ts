/**
 * A merchant device with its merchant and alliance, as every device request needs them: read
 * once per request (by the auth middleware) and handed to whatever the request does.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { alliances, devices, merchants } from '../db/schema/index.ts';

export interface DeviceContext {
  id: string;
  allianceId: string;
  merchantId: string;
  publicKey: string;
  revokedAt: Date | null;
  /** When the device was last heard from, as read with the rest (touchDevice keeps it fresh). */
  lastSeenAt: Date | null;
  merchant: {
    id: string;
    number: number;
    name: string;
    /** Offline limits: the most points one offline capture, and one device's offline day, may take. */
    maxPointsPerCapture: number;
    maxPointsPerDeviceDay: number;
  };
  alliance: { id: string; name: string; timezone: string; skewSeconds: number };
}

/** The device, or undefined when it does not exist in this alliance. */
export async function loadDeviceContext(
  db: Queryable,
  input: { allianceId: string; deviceId: string },
): Promise<DeviceContext | undefined> {
  const [row] = await db
    .select({ device: devices, merchant: merchants, alliance: alliances })
    .from(devices)
    .innerJoin(merchants, eq(merchants.id, devices.merchantId))
    .innerJoin(alliances, eq(alliances.id, devices.allianceId))
    .where(and(eq(devices.id, input.deviceId), eq(devices.allianceId, input.allianceId)));
  if (!row) return undefined;
  const { device, merchant, alliance } = row;
  return {
    id: device.id,
    allianceId: device.allianceId,
    merchantId: device.merchantId,
    publicKey: device.publicKey,
    revokedAt: device.revokedAt,
    lastSeenAt: device.lastSeenAt,
    merchant: {
      id: merchant.id,
      number: merchant.number,
      name: merchant.name,
      maxPointsPerCapture: merchant.offlineMaxPointsPerCapture,
      maxPointsPerDeviceDay: merchant.offlineMaxPointsPerDeviceDay,
    },
    alliance: {
      id: alliance.id,
      name: alliance.name,
      timezone: alliance.timezone,
      skewSeconds: alliance.skewSeconds,
    },
  };
}
