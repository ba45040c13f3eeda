/**
 * Inspection templates (检查模板): the items a check marks 好 / 差, each with the points it gives
 * when kept and when lost, an optional bonus section with its own items and cap, how often checks
 * happen, and the month rule — an item counts as kept only if it passed every check of the month
 * (every_check, the default) or as the last check found it (last_check). A template is never
 * changed once written: a new one is made, so a sheet always keeps the template it was scored by.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import {
  type BonusSection,
  type CheckFrequency,
  inspectionTemplates,
  type MonthRule,
  type TemplateItem,
} from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export type Template = typeof inspectionTemplates.$inferSelect;

export interface TemplateInput {
  name: string;
  items: TemplateItem[];
  bonus?: BonusSection | undefined;
  monthRule?: MonthRule | undefined;
  frequency?: CheckFrequency | undefined;
}

export async function createTemplate(
  db: Queryable,
  allianceId: string,
  input: TemplateInput,
  actorId: string,
): Promise<Template> {
  const codes = [...input.items.map((i) => i.code), ...(input.bonus?.items ?? []).map((i) => i.code)];
  if (new Set(codes).size !== codes.length) {
    throw new AppError('invalid_template', { detail: 'Item codes (bonus items included) must be unique.' });
  }
  if (input.items.some((i) => i.lost > i.kept)) {
    throw new AppError('invalid_template', { detail: 'An item must give at least as much kept as lost.' });
  }
  const [row] = await db
    .insert(inspectionTemplates)
    .values({
      allianceId,
      name: input.name,
      items: input.items,
      bonus: input.bonus ?? null,
      monthRule: input.monthRule ?? 'every_check',
      frequency: input.frequency ?? 'weekly',
      createdBy: actorId,
    })
    .returning();
  return row!;
}

export function templatesOf(db: Queryable, allianceId: string) {
  return db
    .select()
    .from(inspectionTemplates)
    .where(eq(inspectionTemplates.allianceId, allianceId))
    .orderBy(desc(inspectionTemplates.createdAt));
}

export async function requireTemplate(db: Queryable, allianceId: string, id: string): Promise<Template> {
  const [row] = await db
    .select()
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.id, id), eq(inspectionTemplates.allianceId, allianceId)));
  if (!row) throw new AppError('template_not_found', { detail: 'No such inspection template.' });
  return row;
}
