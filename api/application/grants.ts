/**
 * Granting points for good deeds: one grant through the API (under the caller's Idempotency-Key),
 * one from a resident's page on the console (under the form's nonce), or a checked file of them.
 * Every grant is a mint transfer under an id derived from what makes it one, so a retry, a double
 * submit or a file applied twice grants once; each new grant is in the audit log.
 */
import { createHash } from 'node:crypto';
import type { StaffPrincipal } from '../auth/principal.ts';
import { requireRight } from '../auth/rights.ts';
import type { Tx } from '../db/client.ts';
import { accountBalances } from '../ledger/accounts.ts';
import { type CheckedGrantFile, checkGrantFile } from '../ledger/grant-file.ts';
import { derivedId } from '../ledger/ids.ts';
import { mintPoints } from '../ledger/mint.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import { idempotent, requestHash } from './idempotency.ts';

export interface GrantInput {
  residentId: string;
  points: number;
  reason: string;
}

async function grantOnce(ctx: AppContext, tx: Tx, actor: StaffPrincipal, input: GrantInput, id: string) {
  const minted = await mintPoints(
    tx,
    { allianceId: actor.allianceId, ...input, actorId: actor.subjectId, idempotencyId: id },
    ctx.clock,
    ctx.ledgerCache,
  );
  if (!minted.replayed) {
    await audit(tx, actor, 'grant', input.residentId, { points: input.points, reason: input.reason });
  }
  return minted;
}

/** A grant through the API: the Idempotency-Key names it, and a retry gets the first answer. */
export async function grantPoints(ctx: AppContext, actor: StaffPrincipal, input: GrantInput, key: string) {
  requireRight(actor, 'grant');
  const { result } = await idempotent(
    ctx,
    actor,
    { key, hash: requestHash('POST /v1/grants', input) },
    async (tx) => {
      const minted = await grantOnce(ctx, tx, actor, input, derivedId('grant', actor.subjectId, key));
      const { balance } = await accountBalances(tx, {
        allianceId: actor.allianceId,
        residentId: input.residentId,
      });
      return { transferId: minted.transferId, residentId: input.residentId, points: input.points, balance };
    },
  );
  return result;
}

/** A grant from the console's form: its nonce makes a double submit grant once. */
export async function grantFromForm(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: GrantInput,
  nonce: string,
) {
  requireRight(actor, 'grant');
  return inTransaction(ctx, (tx) => grantOnce(ctx, tx, actor, input, derivedId('console-grant', nonce)));
}

/** Checks a file of grants without granting anything. */
export function previewGrantFile(ctx: AppContext, actor: StaffPrincipal, text: string) {
  requireRight(actor, 'grant');
  return checkGrantFile(ctx.db, actor.allianceId, text);
}

/**
 * Grants every line of a clean file in one transaction, each under an id derived from the file's
 * hash and its line, so applying the same file twice grants once. A file with a problem grants
 * nothing (checked again inside the transaction: the residents may have changed since the preview).
 */
export async function applyGrantFile(
  ctx: AppContext,
  actor: StaffPrincipal,
  text: string,
): Promise<CheckedGrantFile & { fresh: number }> {
  requireRight(actor, 'grant');
  const hash = createHash('sha256').update(text).digest('hex');
  return inTransaction(ctx, async (tx) => {
    const checked = await checkGrantFile(tx, actor.allianceId, text);
    if (checked.problems.length || checked.lines.length === 0) return { ...checked, fresh: 0 };
    let fresh = 0;
    for (const line of checked.lines) {
      const id = derivedId('console-bulk-grant', actor.allianceId, hash, String(line.line));
      const minted = await mintPoints(
        tx,
        { allianceId: actor.allianceId, ...pick(line), actorId: actor.subjectId, idempotencyId: id },
        ctx.clock,
        ctx.ledgerCache,
      );
      if (minted.replayed) continue;
      fresh++;
      await audit(tx, actor, 'grant', line.residentId, {
        points: line.points,
        reason: line.reason,
        file: hash,
        line: line.line,
      });
    }
    return { ...checked, fresh };
  });
}

const pick = ({ residentId, points, reason }: GrantInput): GrantInput => ({ residentId, points, reason });
