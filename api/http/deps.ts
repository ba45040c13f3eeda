import type { TokenKeys } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';

/** What every route factory receives from createApp. */
export interface RouteDeps {
  db: Db;
  clock: Clock;
  /** The alliance this instance serves. */
  allianceId: string;
  tokenKeys: TokenKeys;
  masterKey: Uint8Array;
  logger: Logger;
  metrics: Metrics;
}
