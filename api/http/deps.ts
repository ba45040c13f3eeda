import type { AppContext } from '../application/context.ts';
import type { ClientAddress } from './client-ip.ts';
import type { Metrics } from './metrics.ts';

/** What both front doors receive from createApp: the use cases' context, and what HTTP adds. */
export interface RouteDeps extends AppContext {
  /** The alliance this instance serves. */
  allianceId: string;
  metrics: Metrics;
  /** The caller's address, through trusted proxies (client-ip.ts). */
  clientIp: ClientAddress;
  /** The origin people reach the platform at (PUBLIC_URL), when it is set. */
  publicOrigin: string | undefined;
}
