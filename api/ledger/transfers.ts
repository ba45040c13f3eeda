/**
 * Posting transfers and moving the stored balances of holder accounts. A transfer is immutable
 * (the database refuses UPDATE and DELETE); a holder's balance moves in the same transaction as
 * the transfer that explains it, by a conditional UPDATE that can never take it below zero.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { ledgerAccounts, transfers } from '../db/schema/index.ts';
import type { TransferKind } from '../db/schema/kinds.ts';

export type NewTransfer = typeof transfers.$inferInsert & { kind: TransferKind };

export async function postTransfers(tx: Tx, rows: NewTransfer[]): Promise<void> {
  if (rows.length > 0) await tx.insert(transfers).values(rows);
}

/** Takes `amount` free points, or nothing: false when the balance does not cover it. */
export async function debitHolder(tx: Tx, accountId: string, amount: number): Promise<boolean> {
  const updated = await tx
    .update(ledgerAccounts)
    .set({ balance: sql`${ledgerAccounts.balance} - ${amount}` })
    .where(and(eq(ledgerAccounts.id, accountId), gte(ledgerAccounts.balance, amount)))
    .returning({ id: ledgerAccounts.id });
  return updated.length === 1;
}

export async function creditHolder(tx: Tx, accountId: string, amount: number): Promise<void> {
  if (amount === 0) return;
  await tx
    .update(ledgerAccounts)
    .set({ balance: sql`${ledgerAccounts.balance} + ${amount}` })
    .where(eq(ledgerAccounts.id, accountId));
}

/** The free points of a holder account as this transaction sees them. */
export async function freeBalance(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  return Number(row?.balance ?? 0);
}

/** The free points of a holder account, its row locked until the transaction ends. */
export async function freeBalanceForUpdate(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId))
    .for('update');
  return Number(row?.balance ?? 0);
}
