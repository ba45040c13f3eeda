/**
 * A household's month score from its template (一月一评分): each item is kept or lost by the month
 * rule (every_check: kept only if it passed every check; last_check: as the last check found it)
 * and gives its kept or lost points, the base; bonus items add their points each time a check
 * marks them done and for each approved claim of their claim category by a member, up to the
 * bonus cap; the month's deductions (扣分, upheld appeals excepted) are taken off, in score points
 * (their 积分 divided by the alliance's rate, rounded up: at 10 积分 a point, a 20-积分 deduction is
 * 2 points and a 3-积分 one 1). score = base + min(bonus, cap) − deductions; it ranks the household
 * on the notice. What the close pays is (base + bonus) × rate, never below zero: a deduction took
 * its 积分 from the balance when it was recorded, so it is not taken a second time. A month's
 * checks count under the template of the household's latest check that month.
 */
import { and, asc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import {
  type CheckItem,
  claims,
  deductions,
  inspections,
  residents,
  ruleVersions,
  type SheetLine,
} from '../db/schema/index.ts';
import type { Template } from './templates.ts';

export interface MonthCheck {
  checkedOn: string;
  createdAt: Date;
  templateId: string;
  items: CheckItem[];
}

export interface MonthScore {
  templateId: string | null;
  lines: (SheetLine & { bonus?: boolean })[];
  checks: number;
  base: number;
  bonus: number;
  deductions: number;
  score: number;
  /** What closing the month pays: (base + bonus) × rate, never below zero. */
  points: number;
}

/** The rule itself, on plain values: the scenario test checks the close against its own copy. */
export function scoreMonth(
  template: Pick<Template, 'id' | 'items' | 'bonus' | 'monthRule'> | null,
  allChecks: MonthCheck[],
  claimCounts: Record<string, number>,
  deductedPoints: number,
  rate: number,
): MonthScore {
  const deducted = deductedPoints > 0 ? Math.ceil(deductedPoints / rate) : 0;
  const checks = template
    ? allChecks
        .filter((c) => c.templateId === template.id)
        .sort((a, b) =>
          a.checkedOn === b.checkedOn
            ? a.createdAt.getTime() - b.createdAt.getTime()
            : a.checkedOn < b.checkedOn
              ? -1
              : 1,
        )
    : [];
  const lines: MonthScore['lines'] = [];
  let base = 0;
  if (template && checks.length > 0) {
    for (const item of template.items) {
      const marks = checks.map((c) => c.items.find((i) => i.code === item.code)?.ok === true);
      const failed = marks.filter((ok) => !ok).length;
      const kept = template.monthRule === 'last_check' ? marks.at(-1) === true : failed === 0;
      const points = kept ? item.kept : item.lost;
      base += points;
      lines.push({ code: item.code, title: item.title, checks: marks.length, failed, kept, points });
    }
  }
  let bonusRaw = 0;
  for (const item of template?.bonus?.items ?? []) {
    const done =
      checks.filter((c) => c.items.some((i) => i.code === item.code && i.ok)).length +
      (item.claimCategory ? (claimCounts[item.code] ?? 0) : 0);
    if (done === 0) continue;
    bonusRaw += done * item.points;
    lines.push({
      code: item.code,
      title: item.title,
      checks: done,
      failed: 0,
      kept: true,
      points: done * item.points,
      bonus: true,
    });
  }
  const bonus = Math.min(bonusRaw, template?.bonus?.cap ?? 0);
  return {
    templateId: template && checks.length > 0 ? template.id : null,
    lines,
    checks: checks.length,
    base,
    bonus,
    deductions: deducted,
    score: base + bonus - deducted,
    points: Math.max(0, base + bonus) * rate,
  };
}

/** What a month's scores are made of, for some households: checks, claim bonuses, deductions. */
export async function monthMaterial(
  db: Queryable,
  input: {
    allianceId: string;
    month: string;
    householdIds: string[];
    templates: Map<string, Template>;
    /** [start, end) of the month in the alliance's time zone. */
    startsAt: Date;
    endsAt: Date;
  },
) {
  const checks = new Map<string, MonthCheck[]>();
  const claimsBy = new Map<string, Record<string, number>>();
  const deductedBy = new Map<string, number>();
  if (input.householdIds.length === 0) return { checks, claimsBy, deductedBy };
  const ids = input.householdIds;
  for (const c of await db
    .select({
      householdId: inspections.householdId,
      checkedOn: inspections.checkedOn,
      createdAt: inspections.createdAt,
      templateId: inspections.templateId,
      items: inspections.items,
    })
    .from(inspections)
    .where(
      and(
        eq(inspections.allianceId, input.allianceId),
        eq(inspections.month, input.month),
        inArray(inspections.householdId, ids),
      ),
    )
    .orderBy(asc(inspections.checkedOn), asc(inspections.createdAt))) {
    const list = checks.get(c.householdId) ?? [];
    list.push(c);
    checks.set(c.householdId, list);
  }
  // Approved claims of bonus categories by the members, by the day the deed was done.
  const categories = new Set(
    [...input.templates.values()].flatMap((t) =>
      (t.bonus?.items ?? []).flatMap((i) => (i.claimCategory ? [i.claimCategory] : [])),
    ),
  );
  if (categories.size > 0) {
    const counted = await db
      .select({
        householdId: residents.householdId,
        category: ruleVersions.category,
        n: sql<number>`count(*)`,
      })
      .from(claims)
      .innerJoin(residents, eq(residents.id, claims.residentId))
      .innerJoin(ruleVersions, eq(ruleVersions.id, claims.ruleVersionId))
      .where(
        and(
          eq(claims.allianceId, input.allianceId),
          eq(claims.status, 'approved'),
          gte(claims.occurredOn, `${input.month}-01`),
          lt(claims.occurredOn, `${input.month}-99`),
          inArray(residents.householdId, ids),
          inArray(ruleVersions.category, [...categories]),
        ),
      )
      .groupBy(residents.householdId, ruleVersions.category);
    for (const row of counted) {
      const byCategory = claimsBy.get(row.householdId!) ?? {};
      byCategory[row.category] = (byCategory[row.category] ?? 0) + Number(row.n);
      claimsBy.set(row.householdId!, byCategory);
    }
  }
  const deducted = await db
    .select({
      householdId: sql<string>`coalesce(${deductions.householdId}, ${residents.householdId})`,
      points: sql<number>`sum(${deductions.points})`,
    })
    .from(deductions)
    .leftJoin(residents, eq(residents.id, deductions.residentId))
    .where(
      and(
        eq(deductions.allianceId, input.allianceId),
        gte(deductions.createdAt, input.startsAt),
        lt(deductions.createdAt, input.endsAt),
        ne(deductions.appeal, 'upheld'),
        sql`coalesce(${deductions.householdId}, ${residents.householdId}) in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(sql`1`);
  for (const row of deducted) deductedBy.set(row.householdId, Number(row.points));
  return { checks, claimsBy, deductedBy };
}

/** A household's score for the month from the gathered material. */
export function householdScore(
  householdId: string,
  material: Awaited<ReturnType<typeof monthMaterial>>,
  templates: Map<string, Template>,
  rate: number,
): MonthScore {
  const checks = material.checks.get(householdId) ?? [];
  const template = checks.length ? (templates.get(checks.at(-1)!.templateId) ?? null) : null;
  const byCategory = material.claimsBy.get(householdId) ?? {};
  const claimCounts: Record<string, number> = {};
  for (const item of template?.bonus?.items ?? []) {
    if (item.claimCategory) claimCounts[item.code] = byCategory[item.claimCategory] ?? 0;
  }
  return scoreMonth(template, checks, claimCounts, material.deductedBy.get(householdId) ?? 0, rate);
}
