/**
 * Households and inspections, as both front doors ask for them (issue #16): households as places
 * with door plates, inspection templates, checks by inspectors within their areas (under the
 * caller's Idempotency-Key), each household's monthly sheets, closing a scoring month, and
 * objections with the coordinator's decision. Each use case checks the right, runs in one
 * transaction with its audit entry, and answers in the views of shared/api/households.ts.
 */

import type {
  HouseholdView,
  InspectionView,
  ObjectionView,
  SheetView,
  TemplateView,
} from '../../shared/api/households.ts';
import { formatDay } from '../../shared/calendar.ts';
import type { Principal, ResidentPrincipal, StaffPrincipal } from '../auth/principal.ts';
import { hasRight, requireRight } from '../auth/rights.ts';
import { allianceSettings } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { closeScoringMonth, monthBounds, type Sheet, sheetsOf } from '../households/close.ts';
import {
  communitiesOf,
  householdAccountHistory,
  householdDeductions,
  memberClaims,
  scoringMonthsOf,
  spentByMerchant,
} from '../households/file.ts';
import { checksOf, type Inspection, monthClosedFor, recordCheck } from '../households/inspections.ts';
import { scoringNotice } from '../households/notice.ts';
import {
  decideObjection,
  fileObjection,
  type Objection,
  objectionsOf,
  objectionUntil,
  openObjections,
  requireSheet,
} from '../households/objections.ts';
import {
  addPlace,
  currentPlateToken,
  type Household,
  householdByPlate,
  inAreas,
  memberIds,
  membersOf,
  plateKey,
  platePath,
  reissuePlate,
  requireHousehold,
  searchPlaces,
  staffAreas,
} from '../households/places.ts';
import { householdScore, monthMaterial } from '../households/scoring.ts';
import { createTemplate, requireTemplate, type Template, templatesOf } from '../households/templates.ts';
import { localTime } from '../local-time.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import { photoFingerprint, storeFormPhoto } from './form-photos.ts';
import { idempotent, requestHash } from './idempotency.ts';
import type { HouseholdBody, InspectionBody, TemplateBody } from './inputs.ts';

/** The alliance's calendar day now, "YYYY-MM-DD". */
async function today(ctx: AppContext, allianceId: string): Promise<string> {
  const alliance = await allianceSettings(ctx.db, allianceId);
  return formatDay(localTime(alliance.timezone, ctx.clock.now()));
}

const plateUrl = (origin: string, token: string) => `${origin}${platePath(token)}`;

function householdView(
  ctx: AppContext,
  origin: string,
  h: Household,
  members: { id: string; name: string }[],
): HouseholdView {
  const token = currentPlateToken(plateKey(ctx.codeKey), h);
  return {
    id: h.id,
    name: h.name,
    doorNumber: h.doorNumber,
    community: h.community,
    grid: h.grid,
    plateUrl: token ? plateUrl(origin, token) : null,
    members: members.map((m) => ({ id: m.id, name: m.name })),
  };
}

/** The areas a staff member is limited to (empty: all); the coordinator is never limited. */
const areasOf = (ctx: AppContext, actor: StaffPrincipal) =>
  actor.role === 'coordinator' ? Promise.resolve([] as string[]) : staffAreas(ctx.db, actor.subjectId);

/** GET /v1/households?door=…: by door number, name or a member's phone, within the caller's areas. */
export async function findHouseholds(
  ctx: AppContext,
  actor: StaffPrincipal,
  query: { door?: string | undefined; limit?: number | undefined },
  origin: string,
) {
  requireRight(actor, 'residents');
  const found = await searchPlaces(ctx.db, {
    allianceId: actor.allianceId,
    door: query.door?.trim() || undefined,
    areas: await areasOf(ctx, actor),
    limit: query.limit ?? 50,
  });
  return found.map((f) => householdView(ctx, origin, f.household, f.members));
}

export async function createPlace(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: HouseholdBody,
  origin: string,
) {
  requireRight(actor, 'residents');
  const { household, token } = await inTransaction(ctx, async (tx) => {
    const made = await addPlace(
      tx,
      {
        allianceId: actor.allianceId,
        ...input,
        actorId: actor.subjectId,
        plateKey: plateKey(ctx.codeKey),
      },
      ctx.clock,
    );
    await audit(tx, actor, 'household.create', made.household.id, {
      name: input.name,
      doorNumber: input.doorNumber ?? null,
      members: input.memberIds ?? [],
    });
    return made;
  });
  const members = await membersOf(ctx.db, [household.id]);
  return { ...householdView(ctx, origin, household, members), plateUrl: plateUrl(origin, token) };
}

/** A new door plate: the old token stops working. */
export async function reissueHouseholdPlate(
  ctx: AppContext,
  actor: StaffPrincipal,
  id: string,
  origin: string,
) {
  requireRight(actor, 'residents');
  const { token } = await inTransaction(ctx, async (tx) => {
    const done = await reissuePlate(tx, actor.allianceId, id, plateKey(ctx.codeKey));
    await audit(tx, actor, 'household.plate_reissue', id, { generation: done.household.plateGeneration });
    return done;
  });
  return { id, plateUrl: plateUrl(origin, token) };
}

/** The household a plate names, for an inspector who scanned it (within their areas). */
export async function householdOfPlate(
  ctx: AppContext,
  actor: StaffPrincipal,
  token: string,
  origin: string,
) {
  requireRight(actor, 'inspect');
  const household = await householdByPlate(ctx.db, actor.allianceId, token);
  if (!inAreas(await areasOf(ctx, actor), household)) throw new AppError('outside_your_area');
  return householdView(ctx, origin, household, await membersOf(ctx.db, [household.id]));
}

export const toTemplateView = (t: Template): TemplateView => ({
  id: t.id,
  name: t.name,
  items: t.items,
  bonus: t.bonus ?? null,
  monthRule: t.monthRule,
  frequency: t.frequency,
  createdAt: t.createdAt.toISOString(),
});

export async function listTemplates(ctx: AppContext, actor: StaffPrincipal) {
  if (!hasRight(actor, 'inspect') && !hasRight(actor, 'residents')) throw new AppError('forbidden');
  return (await templatesOf(ctx.db, actor.allianceId)).filter((t) => t.active).map(toTemplateView);
}

export function addTemplate(ctx: AppContext, actor: StaffPrincipal, input: TemplateBody) {
  requireRight(actor, 'scoring');
  return inTransaction(ctx, async (tx) => {
    const t = await createTemplate(tx, actor.allianceId, input, actor.subjectId);
    await audit(tx, actor, 'inspection_template.create', t.id, { name: t.name });
    return toTemplateView(t);
  });
}

export const toInspectionView = (i: Inspection): InspectionView => ({
  id: i.id,
  householdId: i.householdId,
  templateId: i.templateId,
  inspectorId: i.inspectorId,
  checkedOn: i.checkedOn,
  month: i.month,
  week: i.week,
  items: i.items,
  note: i.note,
  createdAt: i.createdAt.toISOString(),
});

/** A check, under the caller's Idempotency-Key: a retry after weak signal records nothing more. */
export async function submitInspection(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: InspectionBody,
  key: string,
) {
  requireRight(actor, 'inspect');
  const day = await today(ctx, actor.allianceId);
  const areas = await areasOf(ctx, actor);
  const run = () =>
    idempotent(ctx, actor, { key, hash: requestHash('POST /v1/inspections', input) }, async (tx) => {
      const household = input.plateToken
        ? await householdByPlate(tx, actor.allianceId, input.plateToken)
        : await requireHousehold(tx, actor.allianceId, input.householdId!);
      const template = await requireTemplate(tx, actor.allianceId, input.templateId);
      const check = await recordCheck(
        tx,
        {
          household,
          template,
          inspectorId: actor.subjectId,
          areas,
          checkedOn: input.checkedOn ?? day,
          today: day,
          items: input.items,
          note: input.note,
          confirmSecond: input.confirmSecond,
        },
        ctx.clock,
      );
      await audit(tx, actor, 'inspection.record', household.id, {
        inspection: check.id,
        checkedOn: check.checkedOn,
        failed: check.items.filter((i) => !i.ok).map((i) => i.code),
      });
      return toInspectionView(check);
    });
  try {
    return (await run()).result;
  } catch (e) {
    // A retry racing its first attempt waits for the household's lock, then finds the first's
    // check this week: once more, it finds the first's stored answer under the same key instead.
    if (e instanceof AppError && e.code === 'second_check_this_week') return (await run()).result;
    throw e;
  }
}

/**
 * A check from the inspector's phone page (the console's form, posted plainly or re-posted by its
 * script on a weak signal): the photos of items marked 差 are stored and the check recorded in
 * one transaction under the form's nonce, so a form sent twice records one check.
 */
export async function submitInspectionFromPhone(
  ctx: AppContext,
  actor: StaffPrincipal,
  input: InspectionBody,
  photos: { code: string; bytes: Uint8Array }[],
  nonce: string,
) {
  requireRight(actor, 'inspect');
  const day = await today(ctx, actor.allianceId);
  const areas = await areasOf(ctx, actor);
  const hash = requestHash('console inspection', {
    ...input,
    photos: photos.map((p) => ({ code: p.code, sha256: photoFingerprint(p.bytes) })),
  });
  const run = () =>
    idempotent(ctx, actor, { key: `console-inspection:${nonce}`, hash }, async (tx) => {
      const household = input.plateToken
        ? await householdByPlate(tx, actor.allianceId, input.plateToken)
        : await requireHousehold(tx, actor.allianceId, input.householdId!);
      const template = await requireTemplate(tx, actor.allianceId, input.templateId);
      const items = input.items.map((i) => ({ ...i }));
      for (const photo of photos) {
        const item = items.find((i) => i.code === photo.code && !i.ok);
        if (!item) continue;
        item.evidenceId = await storeFormPhoto(tx, actor, photo.bytes, ctx.clock);
      }
      const check = await recordCheck(
        tx,
        {
          household,
          template,
          inspectorId: actor.subjectId,
          areas,
          checkedOn: input.checkedOn ?? day,
          today: day,
          items,
          note: input.note,
          confirmSecond: input.confirmSecond,
        },
        ctx.clock,
      );
      await audit(tx, actor, 'inspection.record', household.id, {
        inspection: check.id,
        checkedOn: check.checkedOn,
        failed: check.items.filter((i) => !i.ok).map((i) => i.code),
      });
      return toInspectionView(check);
    });
  try {
    return await run();
  } catch (e) {
    // As submitInspection: a retry racing its first attempt finds the first's stored answer.
    if (e instanceof AppError && e.code === 'second_check_this_week') return await run();
    throw e;
  }
}

const toObjectionView = (o: Objection): ObjectionView => ({
  id: o.id,
  sheetId: o.sheetId,
  residentId: o.residentId,
  note: o.note,
  state: o.state,
  createdAt: o.createdAt.toISOString(),
  decidedAt: o.decidedAt?.toISOString() ?? null,
  reason: o.reason,
  scoreBefore: o.scoreBefore,
  scoreAfter: o.scoreAfter,
  correctionPoints: o.correctionPoints,
  transferId: o.transferId,
});

function closedSheetView(
  s: Sheet,
  windowDays: number,
  checks: Inspection[],
  objections: Objection[],
): SheetView {
  return {
    id: s.id,
    status: 'closed',
    householdId: s.householdId,
    month: s.month,
    templateId: s.templateId,
    lines: s.lines,
    checks: s.checks,
    base: s.base,
    bonus: s.bonus,
    deductions: s.deductions,
    score: s.score,
    closedScore: s.closedScore,
    rate: s.rate,
    points: s.points,
    transferId: s.transferId,
    closedAt: s.closedAt.toISOString(),
    objectionUntil: objectionUntil(s, windowDays).toISOString(),
    inspections: checks.map(toInspectionView),
    objections: objections.filter((o) => o.sheetId === s.id).map(toObjectionView),
  };
}

/**
 * A household's sheets (一户一档): the month asked for — frozen when closed, else its score so
 * far — or, without a month, every closed sheet and this month's so far. Staff within their
 * areas, and the household's own members.
 */
export async function householdSheets(
  ctx: AppContext,
  actor: Principal,
  householdId: string,
  month?: string,
): Promise<SheetView[]> {
  const household = await requireHousehold(ctx.db, actor.allianceId, householdId);
  if (actor.role === 'resident') {
    if (!(await memberIds(ctx.db, householdId)).includes(actor.subjectId)) {
      throw new AppError('household_not_found', { detail: 'No such household.' });
    }
  } else if (hasRight(actor, 'residents') || hasRight(actor, 'inspect')) {
    if (!inAreas(await areasOf(ctx, actor), household)) throw new AppError('outside_your_area');
  } else {
    throw new AppError('forbidden');
  }
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const thisMonth = (await today(ctx, actor.allianceId)).slice(0, 7);
  const closed = await sheetsOf(ctx.db, householdId, month);
  const objections = await objectionsOf(
    ctx.db,
    closed.map((s) => s.id),
  );
  const views: SheetView[] = [];
  for (const s of closed) {
    views.push(
      closedSheetView(
        s,
        alliance.objectionWindowDays,
        await checksOf(ctx.db, householdId, s.month),
        objections,
      ),
    );
  }
  const openMonth = month ?? thisMonth;
  if (!closed.some((s) => s.month === openMonth) && openMonth <= thisMonth) {
    const closedNow = await inTransaction(ctx, (tx) => monthClosedFor(tx, household, openMonth, 'none'));
    if (!closedNow) views.unshift(await openSheet(ctx, household, openMonth, alliance));
  }
  return views;
}

async function openSheet(
  ctx: AppContext,
  household: Household,
  month: string,
  alliance: { timezone: string; pointsPerScorePoint: number },
): Promise<SheetView> {
  const templates = new Map((await templatesOf(ctx.db, household.allianceId)).map((t) => [t.id, t]));
  const bounds = monthBounds(alliance.timezone, month);
  const material = await monthMaterial(ctx.db, {
    allianceId: household.allianceId,
    month,
    householdIds: [household.id],
    templates,
    startsAt: bounds.startsAt,
    endsAt: bounds.endsAt,
  });
  const s = householdScore(household.id, material, templates, alliance.pointsPerScorePoint);
  return {
    id: null,
    status: 'open',
    householdId: household.id,
    month,
    templateId: s.templateId,
    lines: s.lines,
    checks: s.checks,
    base: s.base,
    bonus: s.bonus,
    deductions: s.deductions,
    score: s.score,
    closedScore: null,
    rate: alliance.pointsPerScorePoint,
    points: s.points,
    transferId: null,
    closedAt: null,
    objectionUntil: null,
    inspections: (await checksOf(ctx.db, household.id, month)).map(toInspectionView),
    objections: [],
  };
}

export function closeScoring(ctx: AppContext, actor: StaffPrincipal, month: string, community?: string) {
  requireRight(actor, 'scoring');
  return inTransaction(ctx, async (tx) => {
    const result = await closeScoringMonth(
      tx,
      { allianceId: actor.allianceId, month, community, actorId: actor.subjectId },
      ctx.clock,
    );
    if (result.outcome === 'closed') {
      await audit(tx, actor, 'scoring.close', null, {
        month,
        community: community ?? null,
        sheets: result.sheets,
        points: result.points,
      });
    }
    return result;
  });
}

export async function objectToSheet(
  ctx: AppContext,
  actor: ResidentPrincipal,
  sheetId: string,
  note: string,
) {
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  const o = await inTransaction(ctx, (tx) =>
    fileObjection(
      tx,
      {
        allianceId: actor.allianceId,
        sheetId,
        residentId: actor.subjectId,
        note,
        windowDays: alliance.objectionWindowDays,
      },
      ctx.clock,
    ),
  );
  return toObjectionView(o);
}

export async function decideSheetObjection(
  ctx: AppContext,
  actor: StaffPrincipal,
  sheetId: string,
  objectionId: string,
  input: { uphold: boolean; score?: number | undefined; reason: string },
) {
  requireRight(actor, 'scoring');
  const o = await inTransaction(ctx, async (tx) => {
    const sheet = await requireSheet(tx, actor.allianceId, sheetId);
    const decided = await decideObjection(
      tx,
      { allianceId: actor.allianceId, sheetId, objectionId, deciderId: actor.subjectId, ...input },
      ctx.clock,
    );
    await audit(
      tx,
      actor,
      decided.state === 'upheld' ? 'objection.uphold' : 'objection.reject',
      sheet.householdId,
      {
        sheet: sheetId,
        month: sheet.month,
        scoreBefore: decided.scoreBefore,
        scoreAfter: decided.scoreAfter,
        correctionPoints: decided.correctionPoints,
        reason: input.reason,
      },
    );
    return decided;
  });
  return toObjectionView(o);
}

export async function objectionQueue(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'scoring');
  const rows = await openObjections(ctx.db, actor.allianceId);
  return rows.map(({ objection, sheet }) => ({
    ...toObjectionView(objection),
    householdId: sheet.householdId,
    doorNumber: sheet.doorNumber,
    householdName: sheet.householdName,
    month: sheet.month,
    score: sheet.score,
  }));
}

/** The notice's scoring section: staff see names, residents see them masked. */
export function monthNotice(ctx: AppContext, actor: Principal, month: string, community?: string) {
  if (actor.role !== 'resident' && !hasRight(actor, 'overview')) throw new AppError('forbidden');
  return scoringNotice(ctx.db, {
    allianceId: actor.allianceId,
    month,
    community,
    masked: actor.role === 'resident',
  });
}

/**
 * The household's file (一户一档) for the console: the household with its members and plate,
 * every sheet (householdSheets), every movement of its shared account in words, the points spent
 * at each shop, its members' claims and the deductions on it. Staff within their areas.
 */
export async function householdFile(ctx: AppContext, actor: StaffPrincipal, id: string, origin: string) {
  requireRight(actor, 'residents');
  const household = await requireHousehold(ctx.db, actor.allianceId, id);
  if (!inAreas(await areasOf(ctx, actor), household)) throw new AppError('outside_your_area');
  const scope = { allianceId: actor.allianceId, householdId: id };
  const history = await householdAccountHistory(ctx.db, { ...scope, limit: 2000 });
  return {
    household: householdView(ctx, origin, household, await membersOf(ctx.db, [id])),
    sheets: await householdSheets(ctx, actor, id),
    history,
    spent: spentByMerchant(history),
    claims: await memberClaims(ctx.db, { ...scope, limit: 500 }),
    deductions: await householdDeductions(ctx.db, { ...scope, limit: 500 }),
  };
}

/**
 * The scoring desk (月度评分): this month, the months touched with what was closed, the months
 * that have ended and are not closed for the whole alliance (newest first, a year back), and the
 * communities households are in.
 */
export async function scoringDesk(ctx: AppContext, actor: StaffPrincipal) {
  requireRight(actor, 'scoring');
  const thisMonth = (await today(ctx, actor.allianceId)).slice(0, 7);
  const months = await scoringMonthsOf(ctx.db, actor.allianceId);
  const closed = new Set(months.filter((m) => m.closedAt).map((m) => m.month));
  const ended: string[] = [];
  let [y, m] = thisMonth.split('-').map(Number) as [number, number];
  for (let i = 0; i < 12; i++) {
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (!closed.has(month)) ended.push(month);
  }
  return { thisMonth, months, closable: ended, communities: await communitiesOf(ctx.db, actor.allianceId) };
}
