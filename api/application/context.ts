/**
 * What every use case runs with: the database, time, the app's secrets and caches, and where to
 * count what happened. createApp builds one per app; the CLI and tests build their own.
 */
import type { TokenKeys } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/client.ts';
import type { RedemptionOutcome } from '../db/schema/kinds.ts';
import type { LedgerCache } from '../ledger/accounts.ts';
import { ledgerTransaction } from '../ledger/transaction.ts';
import type { Logger } from '../logger.ts';
import type { KeyIndexCache } from '../vouchers/record-verifier.ts';

export interface AppContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Encrypts signing keys at rest (vouchers/master-key.ts). */
  masterKey: Uint8Array;
  /** Keys the stored hashes of enrollment codes. */
  codeKey: Uint8Array;
  tokenKeys: TokenKeys;
  ledgerCache: LedgerCache;
  keyIndexCache: KeyIndexCache;
  /** Counts each record outcome answered, by channel (metrics). */
  countOutcome: (outcome: RedemptionOutcome, channel: 'device' | 'sync' | 'pos') => void;
}

/**
 * One use case's transaction: the domain calls and the audit entry commit together or not at
 * all; a deadlock or serialization failure is retried as a whole with the same ids.
 */
export const inTransaction = <T>(ctx: Pick<AppContext, 'db'>, work: (tx: Tx) => Promise<T>): Promise<T> =>
  ledgerTransaction(ctx.db, work);
