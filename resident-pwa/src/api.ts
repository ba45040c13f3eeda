/**
 * The API as the resident's phone sees it: the shared session client
 * (shared/client/session-client.ts) with the phone's tokens from its own store; an ended session
 * goes back to enrollment through `onSignedOut`.
 */
import {
  ApiError,
  createSessionClient,
  NetworkError,
  SessionTokens,
  SignedOutError,
  tokensFrom,
} from '../../shared/client/session-client.ts';
import { getKv, setKv } from './store.ts';

export { ApiError, NetworkError, SignedOutError };

const client = createSessionClient({
  tokens: { get: () => getKv('tokens'), set: (tokens) => setKv('tokens', tokens) },
  lockName: 'resident-token-refresh',
});

export const { onSignedOut, request: residentRequest, logout } = client;

/** Enrolls this phone with the 12-digit code and stores the tokens. */
export async function enrollResident(code: string): Promise<void> {
  const tokens = await client.anonymous('POST', '/v1/enroll/resident', SessionTokens, { body: { code } });
  await setKv('tokens', tokensFrom(tokens));
}
