/**
 * A file of grants (CSV: who, points, reason), checked line by line against the alliance's
 * residents before anything is granted. Every problem is named by its line and its kind, in no
 * language: the console says it in the reader's.
 */
import { eq } from 'drizzle-orm';
import { isCleanText } from '../../shared/text.ts';
import type { Queryable } from '../db/client.ts';
import { residents } from '../db/schema/index.ts';
import { MAX_POINTS_PER_TRANSFER } from './mint.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_GRANT_LINES = 5000;
/** As for a grant through the API. */
const MAX_REASON_CHARS = 200;

export interface GrantLine {
  line: number;
  residentId: string;
  residentName: string;
  points: number;
  reason: string;
}

export type GrantLineProblem =
  | { kind: 'empty_file' }
  | { kind: 'too_many_lines'; max: number }
  | { kind: 'columns'; found: number }
  | { kind: 'phone_ambiguous'; who: string }
  | { kind: 'unknown_resident'; who: string }
  | { kind: 'points_not_whole'; text: string }
  | { kind: 'points_range'; max: number }
  | { kind: 'reason_required' }
  | { kind: 'reason_too_long'; max: number }
  | { kind: 'bad_text' }
  | { kind: 'duplicate'; of: number };

export interface CheckedGrantFile {
  lines: GrantLine[];
  problems: { line: number; text: string; problems: GrantLineProblem[] }[];
}

/** Splits CSV text into rows of cells: commas (also the full-width ，), "quoted, fields" with "" for a quote. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let j = 0; j < raw.length; j++) {
      const ch = raw[j]!;
      if (quoted) {
        if (ch === '"' && raw[j + 1] === '"') {
          cur += '"';
          j++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"' && cur.trim() === '') {
        quoted = true;
        cur = '';
      } else if (ch === ',' || ch === '，') {
        cells.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    cells.push(cur.trim());
    rows.push({ line: i + 1, cells });
  });
  return rows;
}

/** Validates every line against the alliance's residents; names each bad line and why. */
export async function checkGrantFile(
  db: Queryable,
  allianceId: string,
  text: string,
): Promise<CheckedGrantFile> {
  const rows = parseCsv(text);
  const first = rows[0];
  if (first && /points|积分|reason|原因/i.test(first.cells.join(','))) rows.shift();
  const problems: CheckedGrantFile['problems'] = [];
  const lines: GrantLine[] = [];
  if (rows.length > MAX_GRANT_LINES) {
    problems.push({ line: 0, text: '', problems: [{ kind: 'too_many_lines', max: MAX_GRANT_LINES }] });
    return { lines, problems };
  }
  if (rows.length === 0) problems.push({ line: 0, text: '', problems: [{ kind: 'empty_file' }] });
  const all = await db
    .select({ id: residents.id, name: residents.name, phone: residents.phone })
    .from(residents)
    .where(eq(residents.allianceId, allianceId));
  const byId = new Map(all.map((r) => [r.id.toLowerCase(), r]));
  const byPhone = new Map<string, (typeof all)[number][]>();
  for (const r of all) {
    if (!r.phone) continue;
    const key = r.phone.replace(/[\s-]/g, '');
    byPhone.set(key, [...(byPhone.get(key) ?? []), r]);
  }
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const text = cells.join(', ');
    const bad = (found: GrantLineProblem[]) => problems.push({ line, text, problems: found });
    if (cells.length !== 3) {
      bad([{ kind: 'columns', found: cells.length }]);
      continue;
    }
    const [who, pointsText, reason] = cells as [string, string, string];
    let resident: (typeof all)[number] | undefined;
    if (UUID.test(who)) resident = byId.get(who.toLowerCase());
    else {
      const found = byPhone.get(who.replace(/[\s-]/g, '')) ?? [];
      if (found.length > 1) {
        bad([{ kind: 'phone_ambiguous', who }]);
        continue;
      }
      resident = found[0];
    }
    const lineProblems: GrantLineProblem[] = [];
    if (!resident) lineProblems.push({ kind: 'unknown_resident', who });
    const points = /^\d{1,9}$/.test(pointsText) ? Number(pointsText) : Number.NaN;
    if (!Number.isSafeInteger(points)) lineProblems.push({ kind: 'points_not_whole', text: pointsText });
    else if (points < 1 || points > MAX_POINTS_PER_TRANSFER)
      lineProblems.push({ kind: 'points_range', max: MAX_POINTS_PER_TRANSFER });
    if (!reason) lineProblems.push({ kind: 'reason_required' });
    else if (reason.length > MAX_REASON_CHARS)
      lineProblems.push({ kind: 'reason_too_long', max: MAX_REASON_CHARS });
    if (!isCleanText(text)) lineProblems.push({ kind: 'bad_text' });
    if (resident && Number.isSafeInteger(points)) {
      const key = `${resident.id}|${points}|${reason}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) lineProblems.push({ kind: 'duplicate', of: earlier });
      else seen.set(key, line);
    }
    if (lineProblems.length) {
      bad(lineProblems);
      continue;
    }
    lines.push({ line, residentId: resident!.id, residentName: resident!.name, points, reason });
  }
  return { lines, problems };
}
