/**
 * The scoring section of the monthly notice (一月一公示), read from the frozen sheets: every
 * household of the month (or of one community) with its door number, masked name, base, bonus,
 * deductions and score, ranked (equal scores share a rank: 1, 2, 2, 4), and the items most often
 * lost. Names are masked for everyone but staff.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { maskName } from '../../shared/text.ts';
import type { Queryable } from '../db/client.ts';
import { scoringSheets } from '../db/schema/index.ts';

export async function scoringNotice(
  db: Queryable,
  input: { allianceId: string; month: string; community?: string | undefined; masked: boolean },
) {
  const sheets = await db
    .select()
    .from(scoringSheets)
    .where(
      and(
        eq(scoringSheets.allianceId, input.allianceId),
        eq(scoringSheets.month, input.month),
        input.community ? eq(scoringSheets.community, input.community) : undefined,
      ),
    )
    .orderBy(desc(scoringSheets.score), asc(scoringSheets.doorNumber), asc(scoringSheets.householdName));
  let rank = 0;
  const rows = sheets.map((s, i) => {
    if (i === 0 || s.score !== sheets[i - 1]!.score) rank = i + 1;
    return {
      rank,
      sheetId: s.id,
      householdId: s.householdId,
      doorNumber: s.doorNumber,
      name: input.masked ? maskName(s.householdName) : s.householdName,
      community: s.community,
      grid: s.grid,
      base: s.base,
      bonus: s.bonus,
      deductions: s.deductions,
      score: s.score,
      points: s.points,
    };
  });
  const lost = new Map<string, { code: string; title: string; households: number }>();
  for (const s of sheets) {
    for (const line of s.lines) {
      if (line.kept || (line as { bonus?: boolean }).bonus) continue;
      const entry = lost.get(line.code) ?? { code: line.code, title: line.title, households: 0 };
      entry.households += 1;
      lost.set(line.code, entry);
    }
  }
  const mostLost = [...lost.values()].sort(
    (a, b) => b.households - a.households || (a.code < b.code ? -1 : 1),
  );
  return {
    month: input.month,
    community: input.community ?? null,
    households: rows,
    mostLost: mostLost.slice(0, 5),
  };
}
