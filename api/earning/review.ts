/**
 * Review (审核): a reviewer approves a claim (picking the points within a range rule), refuses it
 * with a reason, or asks for more material. Two pairs of eyes where it matters: a claim for more
 * points than the alliance's threshold, or under a rule marked so, needs two approvals by two
 * different reviewers, and only the second awards. Nobody reviews a claim they filed, nor one of
 * their own household (own-household.ts). Every
 * decision is kept with who, when, and the photos the reviewer was shown.
 * Promises: the claim's row is locked for the decision, so two approvals at once serialize; an
 * award is one mint transfer whose id is derived from the claim, so it is posted at most once;
 * the limits are checked again at the award.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import type { Decision } from '../db/schema/earning.ts';
import { claimDecisions, claims } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { derivedId } from '../ledger/ids.ts';
import { mintPoints } from '../ledger/mint.ts';
import { type Claim, checkLimits } from './claims.ts';
import { evidenceOf } from './evidence.ts';
import { refuseOwnHousehold } from './own-household.ts';
import { type Rule, ruleVersion } from './rules.ts';

export interface DecisionInput {
  allianceId: string;
  claimId: string;
  reviewerId: string;
  decision: Decision;
  points?: number | undefined;
  reason?: string | undefined;
  /** The alliance's four-eyes threshold: more points than this need two approvals. */
  fourEyesThreshold: number;
}

/** Whether a claim for these points under this rule needs a second reviewer. */
export const needsTwo = (rule: Pick<Rule, 'fourEyes'>, points: number, threshold: number): boolean =>
  rule.fourEyes || points > threshold;

export async function decideClaim(tx: Tx, input: DecisionInput, clock: Clock): Promise<Claim> {
  const [claim] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.id, input.claimId), eq(claims.allianceId, input.allianceId)))
    .for('update');
  if (!claim) throw new AppError('claim_not_found');
  if (claim.status === 'approved' || claim.status === 'refused') {
    throw new AppError('claim_decided', { detail: `This claim is already ${claim.status}.` });
  }
  if (claim.filedBy === input.reviewerId) {
    throw new AppError('own_claim', { detail: 'You filed this claim: another reviewer decides it.' });
  }
  await refuseOwnHousehold(tx, input.reviewerId, { residentId: claim.residentId });
  const rule = await ruleVersion(tx, claim.ruleVersionId);
  if (!rule) throw new AppError('rule_not_found');
  const now = clock.now();
  const shown = (await evidenceOf(tx, { claimIds: [claim.id] })).map((e) => e.id);
  const record = (decision: Decision, points: number | null, reason: string | null) =>
    tx.insert(claimDecisions).values({
      claimId: claim.id,
      reviewerId: input.reviewerId,
      decision,
      points,
      reason,
      statusBefore: claim.status,
      evidenceIds: shown,
      createdAt: now,
    });
  const update = async (changes: Partial<Claim>) => {
    const [updated] = await tx
      .update(claims)
      .set({ ...changes, updatedAt: now })
      .where(eq(claims.id, claim.id))
      .returning();
    return updated!;
  };

  if (input.decision !== 'approve') {
    const reason = input.reason?.trim();
    if (!reason)
      throw new AppError('reason_required', { detail: 'Say why, in words the resident will read.' });
    await record(input.decision, null, reason);
    return input.decision === 'refuse'
      ? update({ status: 'refused', reason, decidedAt: now })
      : update({ status: 'needs_more', reason });
  }

  const earlier = await tx
    .select()
    .from(claimDecisions)
    .where(and(eq(claimDecisions.claimId, claim.id), eq(claimDecisions.decision, 'approve')))
    .orderBy(asc(claimDecisions.createdAt));
  // An approval given before the claim went back for more material still counts as the first.
  const first = earlier[0];
  if (first?.reviewerId === input.reviewerId) {
    throw new AppError('second_reviewer_required', {
      detail: 'The second approval must come from another reviewer.',
    });
  }
  const points = approvedPoints(rule, claim, input.points, first?.points ?? null);
  await record('approve', points, input.reason?.trim() || null);
  if (!first && needsTwo(rule, points, input.fourEyesThreshold)) {
    return update({ status: 'awaiting_second', awardedPoints: null });
  }
  await checkLimits(tx, {
    rule,
    residentId: claim.residentId,
    occurredOn: claim.occurredOn,
    points,
    counting: 'approved',
    except: claim.id,
  });
  const minted = await mintPoints(
    tx,
    {
      allianceId: claim.allianceId,
      residentId: claim.residentId,
      points,
      reason: rule.titleZh,
      actorId: input.reviewerId,
      idempotencyId: derivedId('claim', claim.id),
    },
    clock,
  );
  return update({
    status: 'approved',
    awardedPoints: points,
    decidedAt: now,
    transferId: minted.transferId,
    reason: null,
  });
}

/**
 * The points an approval gives: the claim's own for a fixed or per-hour rule; the reviewer's pick
 * within a range rule; and a second approval agrees with the first.
 */
function approvedPoints(rule: Rule, claim: Claim, asked: number | undefined, first: number | null): number {
  if (rule.kind !== 'range') {
    if (asked !== undefined && asked !== claim.points) {
      throw new AppError('points_out_of_range', { detail: `This rule gives ${claim.points} points.` });
    }
    return claim.points!;
  }
  const points = asked ?? first;
  if (
    points === null ||
    points === undefined ||
    !Number.isInteger(points) ||
    points < rule.min! ||
    points > rule.max!
  ) {
    throw new AppError('points_out_of_range', {
      detail: `Pick the points from ${rule.min} to ${rule.max}.`,
      details: { min: rule.min, max: rule.max },
    });
  }
  if (first !== null && points !== first) {
    throw new AppError('points_disagree', {
      detail: `The first reviewer approved ${first} points.`,
      details: { first },
    });
  }
  return points;
}
