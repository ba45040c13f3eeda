/**
 * Ledger accounts: the alliance's issuance, escrow, settlement and loss-fund accounts, one per
 * merchant, and one per holder — a resident, or the household a resident belongs to ("一户一档":
 * members earn into and spend from one account, each with their own phone and vouchers).
 * Promises: at most one account per (alliance, kind, owner); an account id never changes, so
 * ids read from committed rows may be cached; only holder accounts store a balance (free points).
 */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client.ts';
import { ledgerAccounts, residents, transfers } from '../db/schema/index.ts';
import type { AccountKind } from '../db/schema/kinds.ts';
import { AppError } from '../errors.ts';

export type AllianceAccountKind = 'issuance' | 'escrow' | 'settlement' | 'loss_fund';

/**
 * Ids that never change, remembered by the app that read them (createApp makes one per app):
 * account ids by owner, and merchants' numbers and accounts. Without one, every call reads.
 */
export class LedgerCache {
  readonly accounts = new Map<string, string>();
  readonly merchants = new Map<string, { number: number; accountId: string }>();
}

/** The account's id, creating it if needed. Call it outside the ledger transaction when you can. */
export async function ensureAccount(
  q: Queryable,
  allianceId: string,
  kind: AccountKind,
  ownerId: string,
  cache?: LedgerCache,
): Promise<string> {
  const key = `${allianceId}:${kind}:${ownerId}`;
  const cached = cache?.accounts.get(key);
  if (cached) return cached;
  const holder = kind === 'resident' || kind === 'household';
  const inserted = await q
    .insert(ledgerAccounts)
    .values({ allianceId, kind, ownerId, balance: holder ? 0 : null })
    .onConflictDoNothing()
    .returning({ id: ledgerAccounts.id });
  let id = inserted[0]?.id;
  if (!id) {
    const [row] = await q
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(
        and(
          eq(ledgerAccounts.allianceId, allianceId),
          eq(ledgerAccounts.kind, kind),
          eq(ledgerAccounts.ownerId, ownerId),
        ),
      );
    id = row!.id;
  }
  // Inside a transaction the row may still roll back with it: cache only committed ids.
  if (cache && !(q instanceof PgTransaction)) cache.accounts.set(key, id);
  return id;
}

export const allianceAccount = (
  q: Queryable,
  allianceId: string,
  kind: AllianceAccountKind,
  cache?: LedgerCache,
) => ensureAccount(q, allianceId, kind, allianceId, cache);

export const merchantAccount = (q: Queryable, allianceId: string, merchantId: string, cache?: LedgerCache) =>
  ensureAccount(q, allianceId, 'merchant', merchantId, cache);

export interface HolderAccount {
  accountId: string;
  kind: 'resident' | 'household';
  ownerId: string;
}

/** The account a resident earns into and spends from: their household's, else their own. */
export async function holderAccount(
  q: Queryable,
  allianceId: string,
  residentId: string,
  cache?: LedgerCache,
): Promise<HolderAccount> {
  const [resident] = await q
    .select({ householdId: residents.householdId })
    .from(residents)
    .where(and(eq(residents.id, residentId), eq(residents.allianceId, allianceId)));
  if (!resident) {
    throw new AppError('resident_not_found', {
      message: `resident ${residentId} is not in alliance ${allianceId}`,
      detail: 'No such resident in this alliance.',
    });
  }
  const kind = resident.householdId ? 'household' : 'resident';
  const ownerId = resident.householdId ?? residentId;
  return { accountId: await ensureAccount(q, allianceId, kind, ownerId, cache), kind, ownerId };
}

export interface Balances {
  accountId: string;
  /** Every point the holder owns, open vouchers included. */
  balance: number;
  /** Points held for open vouchers (of every member of the household). */
  held: number;
  /** What a new voucher can hold: balance − held. */
  available: number;
}

export async function accountBalances(
  q: Queryable,
  input: { allianceId: string; residentId: string },
): Promise<Balances> {
  const { accountId } = await holderAccount(q, input.allianceId, input.residentId);
  const [row] = await q
    .select({
      available: ledgerAccounts.balance,
      held: sql<string>`(select coalesce(sum(h.cap_points), 0) from holds h
        where h.account_id = ${accountId} and h.state = 'open')`,
    })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  const available = Number(row!.available);
  const held = Number(row!.held);
  return { accountId, balance: available + held, held, available };
}

export interface HistoryEntry {
  transferId: string;
  kind: string;
  /** Change of the holder's free points: + earned, released, reversed; − held, taken. */
  points: number;
  at: Date;
  reason: string | null;
  recordId: string | null;
  /** The hold a hold/capture/release/expire belongs to. */
  holdId: string | null;
}

/** The holder account's transfers, newest first. */
export async function residentHistory(
  q: Queryable,
  input: { allianceId: string; residentId: string; limit?: number; before?: Date },
): Promise<HistoryEntry[]> {
  const { accountId } = await holderAccount(q, input.allianceId, input.residentId);
  const touches = or(eq(transfers.debitAccountId, accountId), eq(transfers.creditAccountId, accountId));
  const rowsFound = await q
    .select()
    .from(transfers)
    .where(
      and(
        eq(transfers.allianceId, input.allianceId),
        touches,
        input.before ? lt(transfers.createdAt, input.before) : undefined,
      ),
    )
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(Math.min(input.limit ?? 50, 500));
  return rowsFound.map((t) => ({
    transferId: t.id,
    kind: t.kind,
    points: t.creditAccountId === accountId ? t.amount : -t.amount,
    at: t.createdAt,
    reason: t.reason,
    recordId: t.recordId,
    holdId: t.kind === 'hold' ? t.id : t.pendingId,
  }));
}
