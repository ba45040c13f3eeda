/**
 * A catalogue of rules as a spreadsheet (CSV with a header row), typed once and imported: each
 * line is checked as a rule would be, every bad line is named with its field, and nothing is
 * imported until the whole file is clean. Importing creates the rules that are new and a new
 * version of each rule that changed; a rule that is the same is left alone, so importing the same
 * file twice changes nothing.
 */
import type { RuleLimits } from '../../shared/api/earning.ts';
import { isCleanText } from '../../shared/text.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { isAppError } from '../errors.ts';
import { parseCsv } from '../ledger/grant-file.ts';
import { checkedRule, createRule, currentRules, editRule, type Rule, type RuleInput } from './rules.ts';

export const RULE_COLUMNS = [
  'code',
  'category',
  'titleZh',
  'titleEn',
  'kind',
  'points',
  'pointsPerHour',
  'min',
  'max',
  'evidence',
  'selfClaim',
  'fourEyes',
  'perDay',
  'perWeek',
  'perMonth',
  'pointsPerMonth',
  'activeFrom',
  'activeTo',
] as const;
type Column = (typeof RULE_COLUMNS)[number];

export const MAX_RULE_LINES = 1000;

export type RuleLineProblem =
  | { kind: 'empty_file' }
  | { kind: 'too_many_lines'; max: number }
  | { kind: 'header'; missing: string[] }
  | { kind: 'field'; field: string }
  | { kind: 'duplicate'; of: number };

export interface CheckedRuleFile {
  rules: (RuleInput & { line: number })[];
  problems: { line: number; text: string; problems: RuleLineProblem[] }[];
}

const KINDS = ['fixed', 'per_hour', 'range', 'deduction'] as const;
const NEEDS = ['required', 'optional', 'none'] as const;

export function checkRuleFile(text: string): CheckedRuleFile {
  const rows = parseCsv(text);
  const out: CheckedRuleFile = { rules: [], problems: [] };
  const [header, ...lines] = rows;
  if (!header) return { rules: [], problems: [{ line: 1, text: '', problems: [{ kind: 'empty_file' }] }] };
  const index = new Map(header.cells.map((name, i) => [name.trim(), i]));
  const missing = ['code', 'category', 'titleZh', 'kind', 'evidence', 'selfClaim'].filter(
    (c) => !index.has(c),
  );
  if (missing.length) {
    return {
      rules: [],
      problems: [
        { line: header.line, text: header.cells.join(', '), problems: [{ kind: 'header', missing }] },
      ],
    };
  }
  if (lines.length > MAX_RULE_LINES) {
    return {
      rules: [],
      problems: [
        { line: header.line, text: '', problems: [{ kind: 'too_many_lines', max: MAX_RULE_LINES }] },
      ],
    };
  }
  const seen = new Map<string, number>();
  for (const { line, cells } of lines) {
    const problems: RuleLineProblem[] = [];
    const cell = (c: Column) => (index.has(c) ? (cells[index.get(c)!] ?? '').trim() : '');
    const bad = (field: string) => problems.push({ kind: 'field', field });
    const text = (c: Column, max: number, required: boolean) => {
      const v = cell(c);
      if ((required && !v) || v.length > max || !isCleanText(v) || /[\r\n\t]/.test(v)) bad(c);
      return v || undefined;
    };
    const whole = (c: Column) => {
      const v = cell(c);
      if (!v) return undefined;
      if (!/^\d+$/.test(v)) {
        bad(c);
        return undefined;
      }
      return Number(v);
    };
    const yes = (c: Column) => {
      const v = cell(c).toLowerCase();
      if (['yes', 'true', '1', '是'].includes(v)) return true;
      if (['', 'no', 'false', '0', '否'].includes(v)) return false;
      bad(c);
      return false;
    };
    const day = (c: Column) => {
      const v = cell(c);
      if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) bad(c);
      return v || undefined;
    };
    const code = cell('code');
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(code)) bad('code');
    const kind = cell('kind') as (typeof KINDS)[number];
    if (!KINDS.includes(kind)) bad('kind');
    const evidence = cell('evidence') as (typeof NEEDS)[number];
    if (!NEEDS.includes(evidence)) bad('evidence');
    const limits: RuleLimits = {};
    for (const c of ['perDay', 'perWeek', 'perMonth', 'pointsPerMonth'] as const) {
      const n = whole(c);
      if (n !== undefined) limits[c] = n;
    }
    const rule: RuleInput = {
      code,
      category: text('category', 40, true) ?? '',
      titleZh: text('titleZh', 80, true) ?? '',
      titleEn: text('titleEn', 120, false),
      kind,
      points: whole('points'),
      pointsPerHour: whole('pointsPerHour'),
      min: whole('min'),
      max: whole('max'),
      evidence,
      selfClaim: yes('selfClaim'),
      fourEyes: yes('fourEyes'),
      limits,
      activeFrom: day('activeFrom'),
      activeTo: day('activeTo'),
    };
    if (problems.length === 0) {
      try {
        checkedRule(rule);
      } catch (e) {
        if (!isAppError(e)) throw e;
        bad(String(e.details?.field ?? 'kind'));
      }
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) problems.push({ kind: 'duplicate', of: earlier });
    else if (code) seen.set(code, line);
    if (problems.length) out.problems.push({ line, text: cells.join(', '), problems });
    else out.rules.push({ ...rule, line });
  }
  if (lines.length === 0)
    out.problems.push({ line: header.line, text: '', problems: [{ kind: 'empty_file' }] });
  return out;
}

const sameRule = (a: Rule, b: RuleInput): boolean => {
  const checked = checkedRule(b);
  return (
    a.category === checked.category &&
    a.titleZh === checked.titleZh &&
    (a.titleEn ?? undefined) === (checked.titleEn ?? undefined) &&
    a.kind === checked.kind &&
    (a.points ?? undefined) === checked.points &&
    (a.pointsPerHour ?? undefined) === checked.pointsPerHour &&
    (a.min ?? undefined) === checked.min &&
    (a.max ?? undefined) === checked.max &&
    a.evidence === checked.evidence &&
    a.selfClaim === checked.selfClaim &&
    a.fourEyes === checked.fourEyes &&
    JSON.stringify(a.limits) === JSON.stringify(checked.limits) &&
    (a.activeFrom ?? undefined) === checked.activeFrom &&
    (a.activeTo ?? undefined) === checked.activeTo
  );
};

/** Imports a clean file in the caller's transaction: new rules, new versions of changed ones. */
export async function applyRuleFile(
  tx: Tx,
  allianceId: string,
  file: CheckedRuleFile,
  actorId: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const existing = new Map((await currentRules(tx, allianceId)).map((r) => [r.code, r]));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const { line: _line, ...rule } of file.rules) {
    const now = existing.get(rule.code);
    if (!now) {
      await createRule(tx, allianceId, rule, actorId);
      counts.created++;
    } else if (sameRule(now, rule)) {
      counts.unchanged++;
    } else {
      const { code: _code, ...changes } = rule;
      await editRule(tx, allianceId, now.ruleId, changes, actorId);
      counts.updated++;
    }
  }
  return counts;
}

/** The alliance's rules as a CSV file in the same columns, for the spreadsheet. */
export async function rulesCsv(db: Queryable, allianceId: string): Promise<string> {
  const rows = await currentRules(db, allianceId);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) || /^[=+@-]/.test(s)
      ? `"${(/^[=+@-]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`
      : s;
  };
  const lines = rows.map((r) =>
    [
      r.code,
      r.category,
      r.titleZh,
      r.titleEn,
      r.kind,
      r.points,
      r.pointsPerHour,
      r.min,
      r.max,
      r.evidence,
      r.selfClaim ? 'yes' : 'no',
      r.fourEyes ? 'yes' : 'no',
      r.limits.perDay,
      r.limits.perWeek,
      r.limits.perMonth,
      r.limits.pointsPerMonth,
      r.activeFrom,
      r.activeTo,
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[RULE_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
