/**
 * Earning points, as both front doors ask for it: the rules (coordinator), photos, claims
 * (residents for themselves, staff at the counter for a resident without a phone), review with
 * four eyes, deductions and their appeals, and the public good-deeds feed. Each use case checks
 * the right, runs in one transaction with its audit entry, and answers in views the API and the
 * console both show.
 */
import { and, eq } from 'drizzle-orm';
import type { ClaimRequest, ClaimView, DeductionView, RuleView } from '../../shared/api/earning.ts';
import { formatDay } from '../../shared/calendar.ts';
import type { Principal, ResidentPrincipal, StaffPrincipal } from '../auth/principal.ts';
import { hasRight, requireRight } from '../auth/rights.ts';
import type { Queryable } from '../db/client.ts';
import { deductions } from '../db/schema/index.ts';
import { findResident } from '../directory/directory.ts';
import { allianceSettings } from '../directory/queries.ts';
import { addMaterial, approvalCounts, type Claim, fileClaim } from '../earning/claims.ts';
import {
  appealDeduction,
  appealUntil,
  type Deduction,
  decideAppeal,
  deductionsOf,
  openAppeals,
  recordDeduction,
} from '../earning/deductions.ts';
import { evidenceFile, evidenceOf, storeEvidence } from '../earning/evidence.ts';
import { hideDeed, likeDeed, publicFeed } from '../earning/feed.ts';
import { claimsOf, reviewQueue } from '../earning/queries.ts';
import { decideClaim, needsTwo } from '../earning/review.ts';
import { applyRuleFile, checkRuleFile, rulesCsv } from '../earning/rule-file.ts';
import { createRule, editRule, type Rule, type RuleInput, ruleVersion } from '../earning/rules.ts';
import { AppError } from '../errors.ts';
import { inAreas, requireHousehold, staffAreas } from '../households/places.ts';
import { localTime } from '../local-time.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import { photoFingerprint, storeFormPhotos } from './form-photos.ts';
import { idempotent, requestHash } from './idempotency.ts';

/** A staff member's areas (communities or grids; empty: everywhere). The coordinator has none. */
const areasOf = (ctx: AppContext, actor: StaffPrincipal): Promise<string[]> =>
  actor.role === 'staff' ? staffAreas(ctx.db, actor.subjectId) : Promise.resolve([]);

/**
 * Refuses a staff member limited to some communities or grids a resident or household placed
 * outside them. A resident in no household, or in one with neither grid nor community yet, is
 * not placed anywhere: every staff member may work with them, as before areas existed.
 */
async function requireInAreasOf(
  ctx: AppContext,
  actor: StaffPrincipal,
  target: { residentId?: string | null | undefined; householdId?: string | null | undefined },
): Promise<void> {
  const areas = await areasOf(ctx, actor);
  if (areas.length === 0) return;
  const householdId =
    target.householdId ??
    (target.residentId
      ? ((await findResident(ctx.db, actor.allianceId, target.residentId))?.householdId ?? null)
      : null);
  const household = householdId ? await requireHousehold(ctx.db, actor.allianceId, householdId) : undefined;
  if (!household || (!household.grid && !household.community)) return;
  if (!inAreas(areas, household)) {
    throw new AppError('outside_your_area', { detail: 'Not in the communities or grids you work in.' });
  }
}

export const toRuleView = (r: Rule): RuleView => ({
  id: r.ruleId,
  code: r.code,
  version: r.version,
  category: r.category,
  titleZh: r.titleZh,
  titleEn: r.titleEn,
  kind: r.kind,
  points: r.points,
  pointsPerHour: r.pointsPerHour,
  min: r.min,
  max: r.max,
  evidence: r.evidence,
  selfClaim: r.selfClaim,
  fourEyes: r.fourEyes,
  limits: r.limits,
  activeFrom: r.activeFrom,
  activeTo: r.activeTo,
});

export function addRule(ctx: AppContext, actor: StaffPrincipal, input: RuleInput) {
  requireRight(actor, 'rules');
  return inTransaction(ctx, async (tx) => {
    const rule = await createRule(tx, actor.allianceId, input, actor.subjectId);
    await audit(tx, actor, 'rule.create', rule.ruleId, { code: rule.code, title: rule.titleZh });
    return rule;
  });
}

export function changeRule(
  ctx: AppContext,
  actor: StaffPrincipal,
  ruleId: string,
  changes: Partial<RuleInput>,
) {
  requireRight(actor, 'rules');
  return inTransaction(ctx, async (tx) => {
    const rule = await editRule(tx, actor.allianceId, ruleId, changes, actor.subjectId);
    await audit(tx, actor, 'rule.update', rule.ruleId, { code: rule.code, version: rule.version });
    return rule;
  });
}

/** The rules at their current versions as the CSV file the import reads (UTF-8 with a BOM). */
export function exportRules(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'rules');
  return rulesCsv(ctx.db, actor.allianceId);
}

/** Checks a catalogue without importing anything. */
export function previewRuleFile(_ctx: AppContext, actor: StaffPrincipal, text: string) {
  requireRight(actor, 'rules');
  return checkRuleFile(text);
}

/** Imports a clean catalogue in one transaction; a file with a problem imports nothing. */
export function importRuleFile(ctx: AppContext, actor: StaffPrincipal, text: string) {
  requireRight(actor, 'rules');
  const file = checkRuleFile(text);
  if (file.problems.length) {
    throw new AppError('invalid_rule_file', {
      detail: `${file.problems.length} line(s) have problems; nothing was imported.`,
      details: { problems: file.problems },
    });
  }
  return inTransaction(ctx, async (tx) => {
    const counts = await applyRuleFile(tx, actor.allianceId, file, actor.subjectId);
    await audit(tx, actor, 'rule.import', null, counts);
    return counts;
  });
}

/** The alliance's calendar day now, "YYYY-MM-DD". */
async function today(ctx: AppContext, allianceId: string): Promise<string> {
  const alliance = await allianceSettings(ctx.db, allianceId);
  return formatDay(localTime(alliance.timezone, ctx.clock.now()));
}

export function uploadEvidence(ctx: AppContext, actor: Principal, bytes: Uint8Array) {
  if (actor.role !== 'resident' && !hasRight(actor, 'residents') && !hasRight(actor, 'deduct')) {
    throw new AppError('forbidden');
  }
  return storeEvidence(
    ctx.db,
    {
      allianceId: actor.allianceId,
      id: actor.subjectId,
      role: actor.role as 'resident' | 'coordinator' | 'staff',
    },
    bytes,
    ctx.clock,
  );
}

/**
 * A photo, for who may see it: the uploader, the claimant (or the household member a deduction
 * was against), anyone for an approved public good deed, and staff who review or deduct.
 */
export async function readEvidence(ctx: AppContext, actor: Principal, id: string) {
  const file = await evidenceFile(ctx.db, actor.allianceId, id);
  if (!file) throw new AppError('evidence_not_found');
  const staff = hasRight(actor, 'review') || hasRight(actor, 'deduct') || hasRight(actor, 'residents');
  const resident = actor.role === 'resident';
  const own =
    file.uploadedBy === actor.subjectId ||
    (resident && (file.claimResidentId === actor.subjectId || file.deductionResidentId === actor.subjectId));
  if (!staff && !own && !(resident && file.claimPublic)) throw new AppError('evidence_not_found');
  if (file.removedAt || !file.bytes) throw new AppError('evidence_removed');
  return { contentType: file.contentType, bytes: file.bytes };
}

/** A claim, by a resident for themselves or by staff at the counter, under the caller's Idempotency-Key. */
export async function submitClaim(ctx: AppContext, actor: Principal, request: ClaimRequest, key: string) {
  let residentId: string;
  let filedBy: string | undefined;
  if (actor.role === 'resident') {
    if (request.residentId && request.residentId !== actor.subjectId) throw new AppError('forbidden');
    residentId = actor.subjectId;
  } else {
    requireRight(actor, 'residents');
    if (!request.residentId) {
      throw new AppError('invalid_request', {
        detail: 'Staff filing a claim name the resident (residentId).',
      });
    }
    residentId = request.residentId;
    filedBy = actor.subjectId;
  }
  const day = await today(ctx, actor.allianceId);
  const { result } = await idempotent(
    ctx,
    actor,
    { key, hash: requestHash('POST /v1/claims', request) },
    async (tx) => {
      const claim = await fileClaim(
        tx,
        {
          allianceId: actor.allianceId,
          residentId,
          ruleCode: request.ruleCode,
          occurredOn: request.occurredOn,
          hours: request.hours,
          note: request.note,
          evidenceIds: request.evidenceIds,
          public: request.public,
          filedBy,
          uploaderId: actor.subjectId,
        },
        day,
        ctx.clock,
      );
      if (filedBy) await audit(tx, actor as StaffPrincipal, 'claim.file', residentId, { claim: claim.id });
      return { id: claim.id, status: claim.status };
    },
  );
  return result;
}

export function addClaimMaterial(
  ctx: AppContext,
  actor: ResidentPrincipal,
  claimId: string,
  input: { note?: string | undefined; evidenceIds?: string[] | undefined },
) {
  return inTransaction(ctx, (tx) =>
    addMaterial(
      tx,
      { allianceId: actor.allianceId, claimId, residentId: actor.subjectId, ...input },
      ctx.clock,
    ),
  );
}

/** Claims as views: the rule's words, the photos, the approvals so far and needed. */
export async function claimViews(
  db: Queryable,
  claimRows: Awaited<ReturnType<typeof claimsOf>>,
  threshold: number,
) {
  const ids = claimRows.map((r) => r.claim.id);
  const photos = await evidenceOf(db, { claimIds: ids });
  const approvals = await approvalCounts(db, ids);
  return claimRows.map(({ claim, rule, residentName }): ClaimView => {
    const approved = approvals.get(claim.id);
    const points = claim.awardedPoints ?? claim.points ?? approved?.points ?? rule.min ?? 0;
    return {
      id: claim.id,
      status: claim.status,
      residentId: claim.residentId,
      residentName,
      ruleCode: rule.code,
      ruleTitleZh: rule.titleZh,
      ruleTitleEn: rule.titleEn,
      category: rule.category,
      kind: rule.kind,
      occurredOn: claim.occurredOn,
      hours: claim.halfHours === null ? null : claim.halfHours / 2,
      note: claim.note,
      public: claim.public,
      points: claim.points,
      min: rule.min,
      max: rule.max,
      awardedPoints: claim.awardedPoints,
      reason: claim.reason,
      evidenceIds: photos.filter((p) => p.claimId === claim.id && !p.removedAt).map((p) => p.id),
      approvals: approved?.n ?? 0,
      approvalsNeeded: needsTwo(rule, points, threshold) ? 2 : 1,
      createdAt: claim.createdAt.toISOString(),
      decidedAt: claim.decidedAt?.toISOString() ?? null,
    };
  });
}

export async function myClaims(ctx: AppContext, actor: ResidentPrincipal) {
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const rows = await claimsOf(ctx.db, {
    allianceId: actor.allianceId,
    residentId: actor.subjectId,
    limit: 100,
  });
  return claimViews(ctx.db, rows, alliance.fourEyesThreshold);
}

export async function claimQueue(
  ctx: AppContext,
  actor: StaffPrincipal,
  filter: {
    status?: string | undefined;
    category?: string | undefined;
    ruleCode?: string | undefined;
    community?: string | undefined;
    limit?: number;
  },
) {
  requireRight(actor, 'review');
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const rows = await reviewQueue(ctx.db, {
    allianceId: actor.allianceId,
    ...filter,
    areas: await areasOf(ctx, actor),
    limit: filter.limit ?? 50,
  });
  return claimViews(ctx.db, rows, alliance.fourEyesThreshold);
}

export async function decide(
  ctx: AppContext,
  actor: StaffPrincipal,
  claimId: string,
  input: {
    decision: 'approve' | 'refuse' | 'ask_more';
    points?: number | undefined;
    reason?: string | undefined;
  },
): Promise<ClaimView> {
  requireRight(actor, 'review');
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const [found] = await claimsOf(ctx.db, { allianceId: actor.allianceId, claimId, limit: 1 });
  if (found) await requireInAreasOf(ctx, actor, { residentId: found.claim.residentId });
  const claim: Claim = await inTransaction(ctx, async (tx) => {
    const decided = await decideClaim(
      tx,
      {
        allianceId: actor.allianceId,
        claimId,
        reviewerId: actor.subjectId,
        ...input,
        fourEyesThreshold: alliance.fourEyesThreshold,
      },
      ctx.clock,
    );
    await audit(tx, actor, `claim.${input.decision}`, decided.residentId, {
      claim: decided.id,
      points: decided.awardedPoints ?? input.points ?? null,
      reason: input.reason ?? null,
      status: decided.status,
    });
    return decided;
  });
  const rows = await claimsOf(ctx.db, { allianceId: actor.allianceId, claimId: claim.id, limit: 1 });
  return (await claimViews(ctx.db, rows, alliance.fourEyesThreshold))[0]!;
}

export function toDeductionView(d: Deduction, rule: Rule | undefined, windowDays: number): DeductionView {
  return {
    id: d.id,
    ruleCode: rule?.code ?? '',
    ruleTitleZh: rule?.titleZh ?? '',
    ruleTitleEn: rule?.titleEn ?? null,
    points: d.points,
    takenPoints: d.takenPoints,
    note: d.note,
    createdAt: d.createdAt.toISOString(),
    appeal: d.appeal,
    appealUntil: d.appeal === 'none' ? appealUntil(d, windowDays).toISOString() : null,
    appealReason: d.appealReason,
  };
}

async function deductionView(db: Queryable, d: Deduction, windowDays: number) {
  return toDeductionView(d, await ruleVersion(db, d.ruleVersionId), windowDays);
}

export async function deduct(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: {
    residentId?: string | undefined;
    householdId?: string | undefined;
    ruleCode: string;
    points?: number | undefined;
    note?: string | undefined;
    evidenceIds?: string[] | undefined;
  },
) {
  requireRight(actor, 'deduct');
  await requireInAreasOf(ctx, actor, input);
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const row = await inTransaction(ctx, async (tx) => {
    const d = await recordDeduction(
      tx,
      { ...input, allianceId: actor.allianceId, actorId: actor.subjectId },
      ctx.clock,
    );
    await audit(tx, actor, 'deduction.create', d.residentId ?? d.householdId, {
      points: d.points,
      taken: d.takenPoints,
      note: d.note,
    });
    return d;
  });
  return deductionView(ctx.db, row, alliance.appealWindowDays);
}

export async function myDeductions(ctx: AppContext, actor: ResidentPrincipal) {
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const rows = await deductionsOf(ctx.db, { allianceId: actor.allianceId, residentId: actor.subjectId });
  return Promise.all(rows.map((d) => deductionView(ctx.db, d, alliance.appealWindowDays)));
}

export async function appeal(ctx: AppContext, actor: ResidentPrincipal, deductionId: string, note?: string) {
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const row = await inTransaction(ctx, (tx) =>
    appealDeduction(
      tx,
      {
        allianceId: actor.allianceId,
        deductionId,
        residentId: actor.subjectId,
        note,
        windowDays: alliance.appealWindowDays,
      },
      ctx.clock,
    ),
  );
  return deductionView(ctx.db, row, alliance.appealWindowDays);
}

export async function decideDeductionAppeal(
  ctx: AppContext,
  actor: StaffPrincipal,
  deductionId: string,
  input: { uphold: boolean; reason: string },
) {
  requireRight(actor, 'review');
  const [target] = await ctx.db
    .select({ residentId: deductions.residentId, householdId: deductions.householdId })
    .from(deductions)
    .where(and(eq(deductions.id, deductionId), eq(deductions.allianceId, actor.allianceId)));
  if (target) await requireInAreasOf(ctx, actor, target);
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const row = await inTransaction(ctx, async (tx) => {
    const d = await decideAppeal(
      tx,
      { allianceId: actor.allianceId, deductionId, reviewerId: actor.subjectId, ...input },
      ctx.clock,
    );
    await audit(tx, actor, input.uphold ? 'appeal.uphold' : 'appeal.reject', d.residentId ?? d.householdId, {
      reason: input.reason,
    });
    return d;
  });
  return deductionView(ctx.db, row, alliance.appealWindowDays);
}

export async function appealQueue(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'review');
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const rows = await openAppeals(ctx.db, actor.allianceId);
  return Promise.all(
    rows.map(async (d) => ({
      deduction: d,
      view: await deductionView(ctx.db, d, alliance.appealWindowDays),
    })),
  );
}

export async function feed(
  ctx: AppContext,
  actor: Principal,
  input: { before?: Date | undefined; limit: number },
) {
  const items = await publicFeed(ctx.db, {
    allianceId: actor.allianceId,
    ...(actor.role === 'resident' ? { viewerId: actor.subjectId } : {}),
    ...(input.before ? { before: input.before } : {}),
    limit: input.limit,
  });
  const photos = await evidenceOf(ctx.db, { claimIds: items.map((i) => i.claim.id) });
  return items.map((i) => ({
    claimId: i.claim.id,
    name: i.name,
    titleZh: i.titleZh,
    titleEn: i.titleEn,
    note: i.claim.note,
    occurredOn: i.claim.occurredOn,
    points: i.claim.awardedPoints ?? 0,
    evidenceIds: photos.filter((p) => p.claimId === i.claim.id && !p.removedAt).map((p) => p.id),
    likes: i.likes,
    likedByMe: i.likedByMe,
    approvedAt: (i.claim.decidedAt ?? i.claim.updatedAt).toISOString(),
  }));
}

export const like = (ctx: AppContext, actor: ResidentPrincipal, claimId: string) =>
  likeDeed(ctx.db, { allianceId: actor.allianceId, claimId, residentId: actor.subjectId });

export function hide(ctx: AppContext, actor: StaffPrincipal, claimId: string) {
  requireRight(actor, 'review');
  return inTransaction(ctx, async (tx) => {
    await hideDeed(tx, { allianceId: actor.allianceId, claimId, at: ctx.clock.now() });
    await audit(tx, actor, 'feed.hide', claimId);
  });
}

/** What happened to one claim of a bulk approval: its new status, or the problem that stopped it. */
export type BulkOutcome =
  | { claimId: string; residentName: string; outcome: 'decided'; status: ClaimView['status'] }
  | { claimId: string; residentName: string; outcome: 'refused'; code: string };

/**
 * Approves many claims in one request (a patrol of ten people), each on its own, under the same
 * rules as one at a time: four eyes, the reviewer's own claims, the limits. A claim that cannot
 * be approved is reported with its problem and the others go on.
 */
export async function approveMany(
  ctx: AppContext,
  actor: StaffPrincipal,
  claimIds: string[],
): Promise<BulkOutcome[]> {
  requireRight(actor, 'review');
  const ids = [...new Set(claimIds)].slice(0, 200);
  const names = new Map(
    (await claimsOfIds(ctx.db, actor.allianceId, ids)).map((r) => [r.claim.id, r.residentName]),
  );
  const outcomes: BulkOutcome[] = [];
  for (const claimId of ids) {
    const residentName = names.get(claimId) ?? '';
    try {
      const view = await decide(ctx, actor, claimId, { decision: 'approve' });
      outcomes.push({ claimId, residentName, outcome: 'decided', status: view.status });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      outcomes.push({ claimId, residentName, outcome: 'refused', code: e.code });
    }
  }
  return outcomes;
}

async function claimsOfIds(db: Queryable, allianceId: string, ids: string[]) {
  const found = [];
  for (const claimId of ids) found.push(...(await claimsOf(db, { allianceId, claimId, limit: 1 })));
  return found;
}

/**
 * A claim filed at the counter from the console's form, with the photos the form carried: the
 * photos are stored and the claim filed in one transaction (a refused claim leaves no photo), and
 * the form's nonce makes a double submit file once.
 */
export async function fileClaimAtCounter(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: {
    residentId: string;
    ruleCode: string;
    occurredOn: string;
    hours?: number | undefined;
    note?: string | undefined;
    public?: boolean | undefined;
  },
  photos: Uint8Array[],
  nonce: string,
) {
  requireRight(actor, 'residents');
  const day = await today(ctx, actor.allianceId);
  const hash = requestHash('console claim', {
    ...input,
    photos: photos.map(photoFingerprint),
  });
  const { result, replayed } = await idempotent(
    ctx,
    actor,
    { key: `console-claim:${nonce}`, hash },
    async (tx) => {
      const evidenceIds = await storeFormPhotos(tx, actor, photos, ctx.clock);
      const claim = await fileClaim(
        tx,
        {
          allianceId: actor.allianceId,
          ...input,
          evidenceIds,
          filedBy: actor.subjectId,
          uploaderId: actor.subjectId,
        },
        day,
        ctx.clock,
      );
      await audit(tx, actor, 'claim.file', input.residentId, { claim: claim.id });
      return { id: claim.id, status: claim.status };
    },
  );
  return { ...result, replayed };
}

/**
 * A deduction recorded from the console's form, with its optional photo, in one transaction; the
 * form's nonce makes a double submit deduct once.
 */
export async function deductAtCounter(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: {
    residentId?: string | undefined;
    householdId?: string | undefined;
    ruleCode: string;
    points?: number | undefined;
    note?: string | undefined;
  },
  photos: Uint8Array[],
  nonce: string,
): Promise<DeductionView & { replayed: boolean }> {
  requireRight(actor, 'deduct');
  await requireInAreasOf(ctx, actor, input);
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const hash = requestHash('console deduction', {
    ...input,
    photos: photos.map(photoFingerprint),
  });
  const { result, replayed } = await idempotent(
    ctx,
    actor,
    { key: `console-deduction:${nonce}`, hash },
    async (tx) => {
      const evidenceIds = await storeFormPhotos(tx, actor, photos, ctx.clock);
      const d = await recordDeduction(
        tx,
        { ...input, evidenceIds, allianceId: actor.allianceId, actorId: actor.subjectId },
        ctx.clock,
      );
      await audit(tx, actor, 'deduction.create', d.residentId ?? d.householdId, {
        points: d.points,
        taken: d.takenPoints,
        note: d.note,
      });
      return toDeductionView(d, await ruleVersion(tx, d.ruleVersionId), alliance.appealWindowDays);
    },
  );
  return { ...result, replayed };
}
