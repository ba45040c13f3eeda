/** Merchant devices after enrollment: when each was last heard from. */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { devices } from '../db/schema/index.ts';

/** Notes that the device was heard from now (the console lists devices that went quiet). */
export async function touchDevice(db: Queryable, deviceId: string, clock: Clock): Promise<void> {
  await db.update(devices).set({ lastSeenAt: clock.now() }).where(eq(devices.id, deviceId));
}

/** How stale last_seen_at may get: the console lists devices quiet for a day, so a minute is plenty. */
export const TOUCH_INTERVAL_MS = 60_000;

/**
 * Notes that the device was heard from, at most once a minute (#20): every capture used to
 * commit an UPDATE of the device's row of its own, and every request of that device queued on
 * the row's lock behind the previous one's commit. Skipped when the row, as the request read
 * it, is fresher than a minute; the UPDATE's own condition keeps concurrent requests from all
 * writing it at the minute's turn.
 */
export async function touchDeviceAtMostEveryMinute(
  db: Queryable,
  device: { id: string; lastSeenAt: Date | null },
  clock: Clock,
): Promise<void> {
  const now = clock.now();
  if (device.lastSeenAt && now.getTime() - device.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
  const stale = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  await db
    .update(devices)
    .set({ lastSeenAt: now })
    .where(and(eq(devices.id, device.id), or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, stale))));
}
