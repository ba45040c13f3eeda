/**
 * The earning rules (积分规则). A rule has a code and versions: editing one writes a new version
 * and makes it current, and a claim keeps the version it was made under, so past awards never
 * change. What a rule needs is checked here, by kind: fixed and deduction rules their points,
 * per-hour rules points an hour, range rules min ≤ max; a deduction is for staff only.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { RuleLimits } from '../../shared/api/earning.ts';
import { parseDay } from '../../shared/calendar.ts';
import type { Queryable, Tx } from '../db/client.ts';
import type { EvidenceNeed, RuleKind } from '../db/schema/earning.ts';
import { rules, ruleVersions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export interface RuleInput {
  code: string;
  category: string;
  titleZh: string;
  titleEn?: string | undefined;
  kind: RuleKind;
  points?: number | undefined;
  pointsPerHour?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  evidence: EvidenceNeed;
  selfClaim: boolean;
  fourEyes?: boolean | undefined;
  limits?: RuleLimits | undefined;
  activeFrom?: string | undefined;
  activeTo?: string | undefined;
}

export type RuleVersion = typeof ruleVersions.$inferSelect;
export type Rule = RuleVersion & { code: string; allianceId: string };

/** The most points one rule may award or take in one go. */
export const MAX_RULE_POINTS = 10_000;

const invalid = (detail: string, field: string) =>
  new AppError('invalid_rule', { detail, details: { field } });

/** A rule as it will be stored: the fields its kind needs, and no others. */
export function checkedRule(
  input: RuleInput,
): Omit<RuleInput, 'code'> & { fourEyes: boolean; limits: RuleLimits } {
  const whole = (n: number | undefined, field: string, min = 1): number => {
    if (n === undefined || !Number.isInteger(n) || n < min || n > MAX_RULE_POINTS) {
      throw invalid(`${field} must be a whole number from ${min} to ${MAX_RULE_POINTS}.`, field);
    }
    return n;
  };
  const base = {
    category: input.category,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    kind: input.kind,
    evidence: input.evidence,
    selfClaim: input.selfClaim,
    fourEyes: input.fourEyes ?? false,
    limits: input.limits ?? {},
    activeFrom: input.activeFrom,
    activeTo: input.activeTo,
  };
  for (const [field, day] of [
    ['activeFrom', input.activeFrom],
    ['activeTo', input.activeTo],
  ] as const) {
    if (day !== undefined && !parseDay(day)) throw invalid(`${field} must be a date like 2026-11-22.`, field);
  }
  if (input.activeFrom && input.activeTo && input.activeFrom > input.activeTo) {
    throw invalid('activeFrom must not be after activeTo.', 'activeTo');
  }
  switch (input.kind) {
    case 'fixed':
      return { ...base, points: whole(input.points, 'points') };
    case 'deduction':
      if (input.selfClaim)
        throw invalid('A deduction is recorded by staff: selfClaim must be false.', 'selfClaim');
      return { ...base, points: whole(input.points, 'points') };
    case 'per_hour':
      return { ...base, pointsPerHour: whole(input.pointsPerHour, 'pointsPerHour') };
    case 'range': {
      const min = whole(input.min, 'min');
      const max = whole(input.max, 'max');
      if (min > max) throw invalid('min must not be more than max.', 'max');
      return { ...base, min, max };
    }
  }
}

const current = (q: Queryable) =>
  q
    .select({ version: ruleVersions, code: rules.code, allianceId: rules.allianceId })
    .from(rules)
    .innerJoin(ruleVersions, eq(ruleVersions.id, rules.currentVersionId));

const flatten = (row: { version: RuleVersion; code: string; allianceId: string }): Rule => ({
  ...row.version,
  code: row.code,
  allianceId: row.allianceId,
});

/** Every rule of the alliance at its current version, by category then code. */
export async function currentRules(db: Queryable, allianceId: string): Promise<Rule[]> {
  const rows = await current(db)
    .where(eq(rules.allianceId, allianceId))
    .orderBy(asc(ruleVersions.category), asc(rules.code));
  return rows.map(flatten);
}

export async function ruleByCode(db: Queryable, allianceId: string, code: string): Promise<Rule | undefined> {
  const [row] = await current(db).where(and(eq(rules.allianceId, allianceId), eq(rules.code, code)));
  return row && flatten(row);
}

export async function ruleById(db: Queryable, allianceId: string, id: string): Promise<Rule | undefined> {
  const [row] = await current(db).where(and(eq(rules.allianceId, allianceId), eq(rules.id, id)));
  return row && flatten(row);
}

/** A version by its id (what a claim was made under), with its rule's code. */
export async function ruleVersion(db: Queryable, versionId: string): Promise<Rule | undefined> {
  const [row] = await db
    .select({ version: ruleVersions, code: rules.code, allianceId: rules.allianceId })
    .from(ruleVersions)
    .innerJoin(rules, eq(rules.id, ruleVersions.ruleId))
    .where(eq(ruleVersions.id, versionId));
  return row && flatten(row);
}

async function writeVersion(tx: Tx, ruleId: string, version: number, input: RuleInput, actorId: string) {
  const checked = checkedRule(input);
  const [row] = await tx
    .insert(ruleVersions)
    .values({
      ruleId,
      version,
      category: checked.category,
      titleZh: checked.titleZh,
      titleEn: checked.titleEn ?? null,
      kind: checked.kind,
      points: checked.points ?? null,
      pointsPerHour: checked.pointsPerHour ?? null,
      min: checked.min ?? null,
      max: checked.max ?? null,
      evidence: checked.evidence,
      selfClaim: checked.selfClaim,
      fourEyes: checked.fourEyes,
      limits: checked.limits,
      activeFrom: checked.activeFrom ?? null,
      activeTo: checked.activeTo ?? null,
      createdBy: actorId,
    })
    .returning();
  await tx.update(rules).set({ currentVersionId: row!.id }).where(eq(rules.id, ruleId));
  return row!;
}

/** A new rule (version 1). A code already in use is refused. */
export async function createRule(
  tx: Tx,
  allianceId: string,
  input: RuleInput,
  actorId: string,
): Promise<Rule> {
  checkedRule(input);
  const [rule] = await tx
    .insert(rules)
    .values({ allianceId, code: input.code })
    .onConflictDoNothing()
    .returning();
  if (!rule) {
    throw new AppError('rule_code_taken', { detail: `A rule with the code ${input.code} exists.` });
  }
  const version = await writeVersion(tx, rule.id, 1, input, actorId);
  return { ...version, code: rule.code, allianceId };
}

/** A new version of a rule: what is not given stays as it was. The code never changes. */
export async function editRule(
  tx: Tx,
  allianceId: string,
  ruleId: string,
  changes: Partial<Omit<RuleInput, 'code'>>,
  actorId: string,
): Promise<Rule> {
  const [locked] = await tx
    .select()
    .from(rules)
    .where(and(eq(rules.id, ruleId), eq(rules.allianceId, allianceId)))
    .for('update');
  const now = locked && (await ruleById(tx, allianceId, ruleId));
  if (!locked || !now) throw new AppError('rule_not_found');
  const merged: RuleInput = {
    code: now.code,
    category: changes.category ?? now.category,
    titleZh: changes.titleZh ?? now.titleZh,
    titleEn: changes.titleEn ?? now.titleEn ?? undefined,
    kind: changes.kind ?? now.kind,
    points: changes.points ?? now.points ?? undefined,
    pointsPerHour: changes.pointsPerHour ?? now.pointsPerHour ?? undefined,
    min: changes.min ?? now.min ?? undefined,
    max: changes.max ?? now.max ?? undefined,
    evidence: changes.evidence ?? now.evidence,
    selfClaim: changes.selfClaim ?? now.selfClaim,
    fourEyes: changes.fourEyes ?? now.fourEyes,
    limits: changes.limits ?? now.limits,
    activeFrom: 'activeFrom' in changes ? changes.activeFrom : (now.activeFrom ?? undefined),
    activeTo: 'activeTo' in changes ? changes.activeTo : (now.activeTo ?? undefined),
  };
  const version = await writeVersion(tx, ruleId, now.version + 1, merged, actorId);
  return { ...version, code: now.code, allianceId };
}

/** Whether a rule is in force on a day ("YYYY-MM-DD"). */
export const activeOn = (rule: Pick<RuleVersion, 'activeFrom' | 'activeTo'>, day: string): boolean =>
  (!rule.activeFrom || rule.activeFrom <= day) && (!rule.activeTo || day <= rule.activeTo);
