/**
 * Runs the expiry sweep inside the server on a timer. Safe with several API instances: the
 * sweep locks due holds with SKIP LOCKED, so two instances share the work instead of doubling it.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { releaseExpiredHolds } from './expiry.ts';

export const SWEEP_INTERVAL_MS = 60_000;

export function startExpirySweeper(
  deps: { db: Db; clock: Clock; logger: Logger },
  intervalMs = SWEEP_INTERVAL_MS,
) {
  let running: Promise<void> | undefined;
  const sweep = () => {
    if (running) return; // a slow sweep is not stacked on
    running = releaseExpiredHolds(deps.db, {}, deps.clock)
      .then((r) => {
        if (r.expired > 0)
          deps.logger.info({ expired: r.expired, points: r.points }, 'released expired holds');
      })
      .catch((err) => deps.logger.error({ err }, 'expiry sweep failed; retrying next round'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  sweep();
  return {
    /** Stops the timer and waits for a sweep under way, so the database can close cleanly. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
