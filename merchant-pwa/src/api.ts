/**
 * The API as the device sees it: the shared session client (shared/client/session-client.ts)
 * with the device's tokens from its own store; a revoked device or an ended session goes back to
 * enrollment through `onSignedOut`.
 */
import { z } from 'zod';
import {
  ApiError,
  createSessionClient,
  NetworkError,
  SessionTokens,
  SignedOutError,
  type SignOutReason,
  tokensFrom,
} from '../../shared/client/session-client.ts';
import { getKv, setKv } from './store.ts';

export type { SignOutReason };
export { ApiError, NetworkError, SignedOutError, tokensFrom };

export const DeviceEnrollment = z.object({
  deviceId: z.string(),
  merchantNumber: z.number().int(),
  tokens: SessionTokens,
});
export type DeviceEnrollment = z.infer<typeof DeviceEnrollment>;

const client = createSessionClient({
  tokens: { get: () => getKv('tokens'), set: (tokens) => setKv('tokens', tokens) },
  lockName: 'merchant-token-refresh',
});

export const { onSignedOut, request: deviceRequest } = client;

export function enrollDevice(code: string, publicKey: string, name?: string): Promise<DeviceEnrollment> {
  return client.anonymous('POST', '/v1/enroll/device', DeviceEnrollment, {
    body: { code, publicKey, ...(name ? { name } : {}) },
  });
}
