/**
 * Pieces the earning pages share: reading a posted form that has checkboxes and files, a page
 * that asks before acting, a rule said in words, and a photo served through the console.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { RuleLimits } from '../../../shared/api/earning.ts';
import { t } from '../i18n.ts';
import type { EarningWords } from '../i18n-earning.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

/** A fresh nonce for one rendering of a form that must act once however often it is sent. */
export const formNonce = (): string => randomUUID();

export interface Posted {
  /** A field's text, trimmed; '' when absent. */
  text(name: string): string;
  /** Every value of a field sent several times (checkboxes). */
  all(name: string): string[];
  /** The files of a field, empty ones (nothing chosen) left out. */
  files(name: string): File[];
  /** A whole number, or the text itself so the schema refuses it, or undefined when empty. */
  number(name: string): number | string | undefined;
}

/** The posted form, url-encoded or multipart, with repeated fields kept. */
export async function posted(c: Context<ConsoleEnv>): Promise<Posted> {
  const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  const values = (name: string): unknown[] => {
    const v = body[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const text = (name: string) => {
    const v = values(name).find((x) => typeof x === 'string');
    return typeof v === 'string' ? v.trim() : '';
  };
  return {
    text,
    all: (name) => values(name).filter((x): x is string => typeof x === 'string'),
    files: (name) => values(name).filter((x): x is File => x instanceof File && x.size > 0),
    number: (name) => {
      const v = text(name);
      if (v === '') return undefined;
      return /^\d+$/.test(v) ? Number(v) : v;
    },
  };
}

/** Page that asks before an action that cannot be taken back in one click. */
export function ConfirmPage(props: {
  c: Context<ConsoleEnv>;
  title: string;
  explain: string;
  action: string;
  button: string;
  backHref: string;
  path: string;
}) {
  const { c } = props;
  const w = t(c.get('lang'));
  return (
    <Layout lang={c.get('lang')} title={props.title} principal={c.get('principal')} path={props.path}>
      <h1>{props.title}</h1>
      <p>{props.explain}</p>
      <form method="post" action={props.action} class="no-print">
        <button type="submit">{props.button}</button> <a href={props.backHref}>{w.back}</a>
      </form>
    </Layout>
  );
}

interface RuleWordsInput {
  kind: string;
  points: number | null;
  pointsPerHour: number | null;
  min: number | null;
  max: number | null;
}

/** A rule's points in words: 每次 50 积分, 每小时 10 积分, 20–160 积分，由审核人定, 扣 40 积分. */
export function pointsInWords(rule: RuleWordsInput, e: EarningWords): string {
  switch (rule.kind) {
    case 'fixed':
      return e.describePoints.fixed(rule.points ?? 0);
    case 'per_hour':
      return e.describePoints.per_hour(rule.pointsPerHour ?? 0);
    case 'range':
      return e.describePoints.range(rule.min ?? 0, rule.max ?? 0);
    default:
      return e.describePoints.deduction(rule.points ?? 0);
  }
}

/** A rule's limits in words, or 不限. */
export function limitsInWords(limits: RuleLimits, e: EarningWords, separator: string): string {
  const said = (['perDay', 'perWeek', 'perMonth', 'pointsPerMonth'] as const)
    .filter((k) => limits[k] !== undefined)
    .map((k) => e.limitWords[k](limits[k]!));
  return said.length ? said.join(separator) : e.noLimits;
}

/** When a rule is in force, in words. */
export function activeInWords(rule: { activeFrom: string | null; activeTo: string | null }, e: EarningWords) {
  if (!rule.activeFrom && !rule.activeTo) return e.always;
  return [rule.activeFrom && e.fromDay(rule.activeFrom), rule.activeTo && e.untilDay(rule.activeTo)]
    .filter(Boolean)
    .join(' ');
}

/** A photo of a claim or a deduction, served by the console to readers who may see it. */
export function Photo(props: { id: string; alt: string; large?: boolean }) {
  return (
    <a href={`/console/evidence/${props.id}`} target="_blank" rel="noopener">
      <img
        src={`/console/evidence/${props.id}`}
        alt={props.alt}
        loading="lazy"
        class={props.large ? 'photo large' : 'photo'}
        data-evidence={props.id}
      />
    </a>
  );
}

/** The rule the claim or deduction was made under, in the reader's language. */
export const titleOf = (
  lang: 'zh' | 'en',
  r: { titleZh?: string; titleEn?: string | null; ruleTitleZh?: string; ruleTitleEn?: string | null },
) =>
  lang === 'en'
    ? (r.titleEn ?? r.ruleTitleEn ?? r.titleZh ?? r.ruleTitleZh ?? '')
    : (r.titleZh ?? r.ruleTitleZh ?? '');
