/**
 * Ledger gauges for /metrics, read from the database when Prometheus scrapes: open holds and the
 * points they reserve, and how long since each device reached the API.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { devices, holds } from '../db/schema/index.ts';

/** Something that takes a gauge: its name, help, labels, and how to read it at scrape time. */
export type GaugeSink = (
  name: string,
  help: string,
  labelNames: string[],
  collect: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>,
) => void;

export function registerLedgerGauges(gauge: GaugeSink, deps: { db: Db; clock: Clock }) {
  gauge('alliance_holds_open', 'Open voucher holds and the points they reserve', ['measure'], async (set) => {
    const [row] = await deps.db
      .select({
        n: sql<number>`count(*)::int`,
        points: sql<number>`coalesce(sum(${holds.capPoints}), 0)::bigint`,
      })
      .from(holds)
      .where(eq(holds.state, 'open'));
    set({ measure: 'holds' }, Number(row?.n ?? 0));
    set({ measure: 'points' }, Number(row?.points ?? 0));
  });
  gauge(
    'alliance_device_sync_lag_seconds',
    'Seconds since each enrolled merchant device last reached the API',
    ['device'],
    async (set) => {
      const rows = await deps.db
        .select({ id: devices.id, lastSeenAt: devices.lastSeenAt, enrolledAt: devices.enrolledAt })
        .from(devices)
        .where(and(isNull(devices.revokedAt)));
      const now = deps.clock.now().getTime();
      for (const d of rows)
        set({ device: d.id }, Math.round((now - (d.lastSeenAt ?? d.enrolledAt).getTime()) / 1000));
    },
  );
}
