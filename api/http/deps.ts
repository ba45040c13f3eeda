import type { TokenKeys } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { ClientAddress } from './client-ip.ts';
import type { Metrics } from './metrics.ts';

/** What every route factory receives from createApp. */
export interface RouteDeps {
  db: Db;
  clock: Clock;
  /** The alliance this instance serves. */
  allianceId: string;
  tokenKeys: TokenKeys;
  masterKey: Uint8Array;
  /** Keys the stored hash of enrollment codes (derived from the master key). */
  codeKey: Uint8Array;
  logger: Logger;
  metrics: Metrics;
  /** The caller's address, through trusted proxies (client-ip.ts). */
  clientIp: ClientAddress;
  /** The origin people reach the platform at (PUBLIC_URL), when it is set. */
  publicOrigin: string | undefined;
}
