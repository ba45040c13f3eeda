/**
 * Closing a scoring month (一月一评分、一月一记录) for the alliance or one community. In one
 * transaction, under the month row's lock (a check holds it in share mode), it scores every
 * household in scope that has no sheet for the month yet (scoring.ts), freezes the sheet, and
 * pays base + bonus at the alliance's rate (points per score point, frozen on the sheet; the
 * month's deductions lower the score and the rank, but their 积分 were taken when recorded) as
 * one mint transfer per household into the household's account, its id derived from the sheet.
 * Promises, like the settlement close: atomic; idempotent (closing a closed month or community
 * changes nothing and answers `already_closed`); after a close no check may be entered for the
 * month (inspections.ts), and a sheet changes only by an audited correction (objections.ts).
 */
import { and, desc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { parseMonth } from '../../shared/calendar.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import {
  alliances,
  households,
  ledgerAccounts,
  scoringMonths,
  scoringSheets,
  transfers,
} from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, ensureAccount } from '../ledger/accounts.ts';
import { derivedId } from '../ledger/ids.ts';
import { MAX_POINTS_PER_TRANSFER } from '../ledger/mint.ts';
import { ledgerTransaction } from '../ledger/transaction.ts';
import { localTime, periodOfMonth } from '../local-time.ts';
import { householdScore, monthMaterial } from './scoring.ts';
import { templatesOf } from './templates.ts';

export type Sheet = typeof scoringSheets.$inferSelect;

export interface ScoringCloseInput {
  allianceId: string;
  month: string;
  /** Close only this community's households; omitted: the whole alliance. */
  community?: string | undefined;
  actorId: string;
}

export interface ScoringCloseResult {
  outcome: 'closed' | 'already_closed';
  month: string;
  community: string | null;
  /** Sheets this close froze (0 when already closed). */
  sheets: number;
  /** Points this close posted. */
  points: number;
}

export const sheetId = (householdId: string, month: string) => derivedId('scoring-sheet', householdId, month);
export const scoringTransferId = (sheet: string) => derivedId('scoring-mint', sheet);

/** The month's bounds in the alliance's time zone. */
export const monthBounds = (timezone: string, month: string) =>
  periodOfMonth({ timezone, periodMonths: 1 }, month);

export async function closeScoringMonth(
  db: Queryable,
  input: ScoringCloseInput,
  clock: Clock,
): Promise<ScoringCloseResult> {
  if (!parseMonth(input.month))
    throw new AppError('invalid_month', { detail: 'Write the month like 2026-11.' });
  const [alliance] = await db.select().from(alliances).where(eq(alliances.id, input.allianceId));
  if (!alliance) throw new AppError('alliance_not_found', { detail: 'No such alliance.' });
  const bounds = monthBounds(alliance.timezone, input.month);
  const now = clock.now();
  if (now < bounds.endsAt) {
    const l = localTime(alliance.timezone, now);
    throw new AppError('scoring_month_not_over', {
      detail: `Scoring month ${input.month} has not ended (today is ${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}).`,
    });
  }
  const community = input.community ?? null;
  const inScope = and(
    eq(households.allianceId, input.allianceId),
    community === null ? undefined : eq(households.community, community),
  );
  await db
    .insert(scoringMonths)
    .values({ allianceId: input.allianceId, month: input.month })
    .onConflictDoNothing();
  // Household accounts outside the transaction (ensureAccount's rule); an unused one is harmless.
  const scope = await db.select({ id: households.id }).from(households).where(inScope);
  const haveAccounts = new Set(
    (
      await db
        .select({ ownerId: ledgerAccounts.ownerId })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.allianceId, input.allianceId), eq(ledgerAccounts.kind, 'household')))
    ).map((a) => a.ownerId),
  );
  for (const h of scope) {
    if (!haveAccounts.has(h.id)) await ensureAccount(db, input.allianceId, 'household', h.id);
  }
  const issuance = await allianceAccount(db, input.allianceId, 'issuance');

  return ledgerTransaction(db, async (tx) => {
    const [monthRow] = await tx
      .select()
      .from(scoringMonths)
      .where(and(eq(scoringMonths.allianceId, input.allianceId), eq(scoringMonths.month, input.month)))
      .for('update');
    const already: ScoringCloseResult = {
      outcome: 'already_closed',
      month: input.month,
      community,
      sheets: 0,
      points: 0,
    };
    if (monthRow!.closedAt) return already;
    if (community !== null && monthRow!.communities.includes(community)) return already;
    const open = await tx
      .select()
      .from(households)
      .where(
        and(
          inScope,
          notExists(
            tx
              .select({ one: sql`1` })
              .from(scoringSheets)
              .where(and(eq(scoringSheets.householdId, households.id), eq(scoringSheets.month, input.month))),
          ),
        ),
      )
      .orderBy(households.id);
    const templates = new Map((await templatesOf(tx, input.allianceId)).map((t) => [t.id, t]));
    const material = await monthMaterial(tx, {
      allianceId: input.allianceId,
      month: input.month,
      householdIds: open.map((h) => h.id),
      templates,
      startsAt: bounds.startsAt,
      endsAt: bounds.endsAt,
    });
    const rate = alliance.pointsPerScorePoint;
    const accounts = new Map(
      (
        await tx
          .select({ id: ledgerAccounts.id, ownerId: ledgerAccounts.ownerId })
          .from(ledgerAccounts)
          .where(
            and(
              eq(ledgerAccounts.allianceId, input.allianceId),
              eq(ledgerAccounts.kind, 'household'),
              open.length
                ? inArray(
                    ledgerAccounts.ownerId,
                    open.map((h) => h.id),
                  )
                : isNull(ledgerAccounts.id),
            ),
          )
      ).map((a) => [a.ownerId, a.id]),
    );
    const sheets = open.map((h) => {
      const s = householdScore(h.id, material, templates, rate);
      const id = sheetId(h.id, input.month);
      const points = Math.min(s.points, MAX_POINTS_PER_TRANSFER);
      return {
        id,
        allianceId: input.allianceId,
        householdId: h.id,
        month: input.month,
        templateId: s.templateId,
        householdName: h.name,
        doorNumber: h.doorNumber,
        community: h.community,
        grid: h.grid,
        lines: s.lines,
        checks: s.checks,
        base: s.base,
        bonus: s.bonus,
        deductions: s.deductions,
        score: s.score,
        closedScore: s.score,
        rate,
        points,
        transferId: points > 0 ? scoringTransferId(id) : null,
        closedAt: now,
        closedBy: input.actorId,
      };
    });
    for (const batch of chunks(sheets, 200)) await tx.insert(scoringSheets).values(batch);
    const mints = sheets
      .filter((s) => s.points > 0)
      .map((s) => {
        const account = accounts.get(s.householdId);
        if (!account) throw new Error(`household ${s.householdId} has no account`);
        return {
          id: s.transferId!,
          allianceId: input.allianceId,
          debitAccountId: issuance,
          creditAccountId: account,
          amount: s.points,
          kind: 'mint' as const,
          reason: `${input.month} 评分 ${s.score} 分（${s.doorNumber ?? s.householdName}）`,
          actorId: input.actorId,
          createdAt: now,
        };
      });
    for (const batch of chunks(mints, 500)) await tx.insert(transfers).values(batch);
    for (const m of mints) {
      await tx
        .update(ledgerAccounts)
        .set({ balance: sql`${ledgerAccounts.balance} + ${m.amount}` })
        .where(eq(ledgerAccounts.id, m.creditAccountId));
    }
    await tx
      .update(scoringMonths)
      .set(
        community === null
          ? { closedAt: now, closedBy: input.actorId }
          : { communities: [...monthRow!.communities, community] },
      )
      .where(eq(scoringMonths.id, monthRow!.id));
    return {
      outcome: 'closed',
      month: input.month,
      community,
      sheets: sheets.length,
      points: mints.reduce((n, m) => n + m.amount, 0),
    };
  });
}

/** A household's closed sheets, newest month first; with a month, that month's only. */
export function sheetsOf(db: Queryable, householdId: string, month?: string): Promise<Sheet[]> {
  return db
    .select()
    .from(scoringSheets)
    .where(
      and(eq(scoringSheets.householdId, householdId), month ? eq(scoringSheets.month, month) : undefined),
    )
    .orderBy(desc(scoringSheets.month));
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
