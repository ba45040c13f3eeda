/** Merchant devices after enrollment: when each was last heard from. */
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { devices } from '../db/schema/index.ts';

/** Notes that the device was heard from now (the console lists devices that went quiet). */
export async function touchDevice(db: Queryable, deviceId: string, clock: Clock): Promise<void> {
  await db.update(devices).set({ lastSeenAt: clock.now() }).where(eq(devices.id, deviceId));
}
