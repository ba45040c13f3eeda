/**
 * The earning rules (积分规则), the coordinator's: every rule by category in words; a new rule,
 * whose form asks only what its kind needs (the kind is chosen first); an edit, which is a new
 * version (the page says so); a CSV catalogue checked line by line before anything is imported;
 * and the catalogue as CSV.
 */
import { type Context, Hono } from 'hono';
import type { RuleView } from '../../../shared/api/earning.ts';
import {
  addRule,
  changeRule,
  exportRules,
  importRuleFile,
  previewRuleFile,
  toRuleView,
} from '../../application/earning.ts';
import { RuleBody, RuleChanges } from '../../application/inputs.ts';
import type { CheckedRuleFile, RuleLineProblem } from '../../earning/rule-file.ts';
import { currentRules, ruleById } from '../../earning/rules.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { refusedFields } from '../form.ts';
import { type Lang, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { activeInWords, limitsInWords, type Posted, pointsInWords, posted } from './earning-parts.tsx';

const BASE = '/console/rules';
const KINDS = ['fixed', 'per_hour', 'range', 'deduction'] as const;
type Kind = (typeof KINDS)[number];
const MAX_CSV_BYTES = 1_000_000;

const kindOf = (v: string | undefined): Kind | undefined => KINDS.find((k) => k === v);

/** The rule the form describes, with only the fields its kind takes. */
function ruleFromForm(form: Posted, kind: Kind) {
  const limits = Object.fromEntries(
    (['perDay', 'perWeek', 'perMonth', 'pointsPerMonth'] as const)
      .map((k) => [k, form.number(k)] as const)
      .filter(([, v]) => v !== undefined),
  );
  const deduction = kind === 'deduction';
  return {
    category: form.text('category') || undefined,
    titleZh: form.text('titleZh') || undefined,
    titleEn: form.text('titleEn') || undefined,
    kind,
    points: kind === 'fixed' || deduction ? form.number('points') : undefined,
    pointsPerHour: kind === 'per_hour' ? form.number('pointsPerHour') : undefined,
    min: kind === 'range' ? form.number('min') : undefined,
    max: kind === 'range' ? form.number('max') : undefined,
    evidence: form.text('evidence') || undefined,
    selfClaim: deduction ? false : form.text('selfClaim') === 'yes',
    fourEyes: deduction ? false : form.text('fourEyes') === 'yes',
    limits: deduction ? {} : limits,
    activeFrom: form.text('activeFrom') || undefined,
    activeTo: form.text('activeTo') || undefined,
  };
}

const fieldsOf = (issues: { path: PropertyKey[] }[]) => [
  ...new Set(issues.map((i) => String(i.path[0] ?? ''))),
];

function RuleForm(props: {
  c: Context<ConsoleEnv>;
  kind: Kind;
  action: string;
  rule?: RuleView;
  categories: string[];
}) {
  const { c, kind, rule } = props;
  const w = t(c.get('lang'));
  const e = w.earn;
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const deduction = kind === 'deduction';
  const number = (name: string, label: string, value: number | null | undefined, max = 10_000) => (
    <>
      <label for={name}>{label}</label>
      <input id={name} name={name} type="number" min={1} max={max} step={1} value={n(value)} />
    </>
  );
  return (
    <form method="post" action={props.action} class="card no-print" style="max-width:44rem" data-kind={kind}>
      <input type="hidden" name="kind" value={kind} />
      <p>
        <strong>{e.kinds[kind]}</strong> <span class="muted">{e.kindHelp[kind]}</span>
      </p>
      {!rule && (
        <>
          <label for="code">{e.ruleCode}</label>
          <input id="code" name="code" required maxlength={40} pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,39}" />
        </>
      )}
      <label for="category">{e.category}</label>
      <input
        id="category"
        name="category"
        required
        maxlength={40}
        list="categories"
        value={rule?.category ?? ''}
      />
      <datalist id="categories">
        {props.categories.map((cat) => (
          <option value={cat} />
        ))}
      </datalist>
      <label for="titleZh">{e.titleZh}</label>
      <input id="titleZh" name="titleZh" required maxlength={80} value={rule?.titleZh ?? ''} />
      <label for="titleEn">{e.titleEn}</label>
      <input id="titleEn" name="titleEn" maxlength={120} value={rule?.titleEn ?? ''} />
      {kind === 'fixed' && number('points', e.pointsFixed, rule?.points)}
      {kind === 'deduction' && number('points', e.pointsDeducted, rule?.points)}
      {kind === 'per_hour' && number('pointsPerHour', e.pointsPerHour, rule?.pointsPerHour)}
      {kind === 'range' && (
        <>
          {number('min', e.pointsMin, rule?.min)}
          {number('max', e.pointsMax, rule?.max)}
        </>
      )}
      <fieldset>
        <legend>{e.evidence}</legend>
        {(['required', 'optional', 'none'] as const).map((need) => (
          <label class="choice">
            <input
              type="radio"
              name="evidence"
              value={need}
              checked={(rule?.evidence ?? (deduction ? 'optional' : 'required')) === need}
            />
            {e.evidenceNeeds[need]}
          </label>
        ))}
      </fieldset>
      {!deduction && (
        <>
          <fieldset>
            <legend>{e.whoClaims}</legend>
            <label class="choice">
              <input type="radio" name="selfClaim" value="yes" checked={rule?.selfClaim ?? true} />
              {e.selfClaim}
            </label>
            <label class="choice">
              <input type="radio" name="selfClaim" value="no" checked={rule ? !rule.selfClaim : false} />
              {e.staffOnly}
            </label>
          </fieldset>
          <label class="choice">
            <input type="checkbox" name="fourEyes" value="yes" checked={rule?.fourEyes ?? false} />
            {e.fourEyes}
          </label>
          <fieldset>
            <legend>{e.limits}</legend>
            <div class="grid">
              <div>{number('perDay', e.perDay, rule?.limits.perDay, 1000)}</div>
              <div>{number('perWeek', e.perWeek, rule?.limits.perWeek, 1000)}</div>
              <div>{number('perMonth', e.perMonth, rule?.limits.perMonth, 1000)}</div>
              <div>{number('pointsPerMonth', e.pointsPerMonth, rule?.limits.pointsPerMonth, 1_000_000)}</div>
            </div>
          </fieldset>
        </>
      )}
      <div class="grid">
        <div>
          <label for="activeFrom">{e.activeFrom}</label>
          <input id="activeFrom" name="activeFrom" type="date" value={rule?.activeFrom ?? ''} />
        </div>
        <div>
          <label for="activeTo">{e.activeTo}</label>
          <input id="activeTo" name="activeTo" type="date" value={rule?.activeTo ?? ''} />
        </div>
      </div>
      <p>
        <button type="submit">{rule ? w.save : w.create}</button> <a href={BASE}>{w.back}</a>
      </p>
    </form>
  );
}

function KindChoice({
  c,
  hrefOf,
  current,
}: {
  c: Context<ConsoleEnv>;
  hrefOf: (k: Kind) => string;
  current?: Kind;
}) {
  const e = t(c.get('lang')).earn;
  return (
    <ul class="kinds">
      {KINDS.filter((k) => k !== current).map((k) => (
        <li>
          <a href={hrefOf(k)} data-kind={k}>
            {e.kinds[k]}
          </a>{' '}
          <span class="muted">{e.kindHelp[k]}</span>
        </li>
      ))}
    </ul>
  );
}

/** A bad line's problems in the reader's words, naming each field as the form does. */
export function ruleProblemWords(p: RuleLineProblem, w: Words): string {
  const e = w.earn;
  const field = (f: string) => w.fields[f as keyof Words['fields']] ?? w.fields.code;
  switch (p.kind) {
    case 'empty_file':
      return e.ruleProblem.empty_file;
    case 'too_many_lines':
      return e.ruleProblem.too_many_lines(p.max);
    case 'header':
      return e.ruleProblem.header(p.missing.map(field).join(w.listSeparator));
    case 'field':
      return e.ruleProblem.field(field(p.field));
    case 'duplicate':
      return e.ruleProblem.duplicate(p.of);
  }
}

export function rulePages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  const categoriesOf = async (allianceId: string) => [
    ...new Set((await currentRules(deps.db, allianceId)).map((r) => r.category)),
  ];

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const lang = c.get('lang');
    const rules = (await currentRules(deps.db, c.get('principal').allianceId)).map(toRuleView);
    const byCategory = new Map<string, RuleView[]>();
    for (const r of rules) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
    const updated = Number(c.req.query('updated'));
    return c.html(
      <Layout lang={lang} title={e.rules} principal={c.get('principal')} path={c.req.path}>
        <h1>{e.rules}</h1>
        {c.req.query('created') && <p class="ok">{e.ruleCreated}</p>}
        {updated > 0 && <p class="ok">{e.ruleUpdated(updated)}</p>}
        <ErrorNote c={c} />
        <p class="no-print">
          <a class="button" href={`${BASE}/new`}>
            {e.newRule}
          </a>{' '}
          <a class="button secondary" href={`${BASE}/import`}>
            {e.importRules}
          </a>{' '}
          <a class="button secondary" href={`${BASE}/export.csv`}>
            {e.exportRules}
          </a>
        </p>
        {rules.length === 0 && <p class="muted">{e.noRules}</p>}
        {[...byCategory].map(([category, list]) => (
          <>
            <h2>{category}</h2>
            <table data-category={category}>
              <thead>
                <tr>
                  <th>{w.title}</th>
                  <th>{w.kind}</th>
                  <th>{w.points}</th>
                  <th>{e.evidence}</th>
                  <th>{e.whoClaims}</th>
                  <th>{e.limits}</th>
                  <th>{e.activePeriod}</th>
                  <th>{e.version}</th>
                  <th class="no-print" />
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr data-rule={r.code}>
                    <td>{lang === 'en' ? (r.titleEn ?? r.titleZh) : r.titleZh}</td>
                    <td>{e.kinds[r.kind]}</td>
                    <td>
                      {pointsInWords(r, e)}
                      {r.fourEyes && <div class="muted">{e.fourEyesShort}</div>}
                    </td>
                    <td>{e.evidenceNeeds[r.evidence]}</td>
                    <td>{r.kind === 'deduction' ? '—' : r.selfClaim ? e.selfClaim : e.staffOnly}</td>
                    <td>{r.kind === 'deduction' ? '—' : limitsInWords(r.limits, e, w.listSeparator)}</td>
                    <td>{activeInWords(r, e)}</td>
                    <td>{e.versionN(r.version)}</td>
                    <td class="no-print">
                      <a href={`${BASE}/${r.id}`}>{w.earn.change}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ))}
      </Layout>,
    );
  });

  app.get('/new', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const kind = kindOf(c.req.query('kind'));
    const categories = await categoriesOf(c.get('principal').allianceId);
    return c.html(
      <Layout lang={c.get('lang')} title={e.newRule} principal={c.get('principal')} path={c.req.path}>
        <h1>{e.newRule}</h1>
        <ErrorNote c={c} />
        {kind ? (
          <>
            <RuleForm c={c} kind={kind} action={`${BASE}/new`} categories={categories} />
            <p class="muted no-print">{e.changeKind}</p>
            <KindChoice c={c} hrefOf={(k) => `${BASE}/new?kind=${k}`} current={kind} />
          </>
        ) : (
          <>
            <p>{e.chooseKind}</p>
            <KindChoice c={c} hrefOf={(k) => `${BASE}/new?kind=${k}`} />
          </>
        )}
      </Layout>,
    );
  });

  app.post('/new', async (c) => {
    const form = await posted(c);
    const kind = kindOf(form.text('kind')) ?? 'fixed';
    const back = `${BASE}/new?kind=${kind}`;
    const parsed = RuleBody.safeParse({ ...ruleFromForm(form, kind), code: form.text('code') || undefined });
    if (!parsed.success) return c.redirect(`${back}&${refusedFields(fieldsOf(parsed.error.issues))}`, 303);
    return orBack(c, back, async () => {
      await addRule(deps, c.get('principal'), parsed.data);
      return c.redirect(`${BASE}?created=1`, 303);
    });
  });

  app.get('/import', (c) => c.html(importPage(c)));

  app.post('/import/preview', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    let text = '';
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_CSV_BYTES) return c.html(importPage(c, t(c.get('lang')).fileTooLarge), 413);
      text = await file.text();
    }
    const checked = await previewRuleFile(deps, c.get('principal'), text);
    return c.html(previewPage(c, text, checked), checked.problems.length ? 422 : 200);
  });

  app.post('/import/apply', async (c) => {
    const w = t(c.get('lang'));
    const text = Buffer.from(String((await c.req.parseBody()).content ?? ''), 'base64url').toString('utf8');
    const checked = await previewRuleFile(deps, c.get('principal'), text);
    if (checked.problems.length) return c.html(previewPage(c, text, checked), 422);
    const counts = await importRuleFile(deps, c.get('principal'), text);
    return c.html(
      <Layout lang={c.get('lang')} title={w.earn.importRules} principal={c.get('principal')} path={BASE}>
        <h1>{w.earn.importRules}</h1>
        <p class="ok" data-imported={`${counts.created},${counts.updated},${counts.unchanged}`}>
          {w.earn.imported(counts.created, counts.updated, counts.unchanged)}
        </p>
        <p class="no-print">
          <a href={BASE}>{w.back}</a>
        </p>
      </Layout>,
    );
  });

  app.get('/export.csv', async (c) => {
    const csv = await exportRules(deps, c.get('principal'));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="rules.csv"',
      'cache-control': 'private, no-store',
    });
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const { allianceId } = c.get('principal');
    const found = await ruleById(deps.db, allianceId, c.req.param('id'));
    if (!found) throw new AppError('rule_not_found');
    const rule = toRuleView(found);
    const kind = kindOf(c.req.query('kind')) ?? rule.kind;
    return c.html(
      <Layout lang={c.get('lang')} title={e.editRule} principal={c.get('principal')} path={c.req.path}>
        <h1>
          {e.editRule} · {rule.titleZh}
        </h1>
        <p>
          {e.versionN(rule.version)} · {e.kinds[rule.kind]} · {pointsInWords(rule, e)}
        </p>
        <p class="muted" data-next-version={rule.version + 1}>
          {e.editExplain(rule.version + 1)}
        </p>
        <ErrorNote c={c} />
        <RuleForm
          c={c}
          kind={kind}
          action={`${BASE}/${rule.id}`}
          rule={rule}
          categories={await categoriesOf(allianceId)}
        />
        {rule.kind !== 'deduction' && (
          <>
            <p class="muted no-print">{e.changeKind}</p>
            <KindChoice c={c} hrefOf={(k) => `${BASE}/${rule.id}?kind=${k}`} current={kind} />
          </>
        )}
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}', async (c) => {
    const id = c.req.param('id');
    const form = await posted(c);
    const kind = kindOf(form.text('kind')) ?? 'fixed';
    const back = `${BASE}/${id}?kind=${kind}`;
    // Every field is sent: an emptied date or limit is cleared in the new version.
    const parsed = RuleChanges.safeParse(ruleFromForm(form, kind));
    if (!parsed.success) return c.redirect(`${back}&${refusedFields(fieldsOf(parsed.error.issues))}`, 303);
    return orBack(c, back, async () => {
      const rule = await changeRule(deps, c.get('principal'), id, {
        activeFrom: undefined,
        activeTo: undefined,
        ...parsed.data,
      });
      return c.redirect(`${BASE}?updated=${rule.version}`, 303);
    });
  });

  return app;
}

function importPage(c: Context<ConsoleEnv>, error?: string) {
  const w = t(c.get('lang'));
  const e = w.earn;
  return (
    <Layout lang={c.get('lang')} title={e.importRules} principal={c.get('principal')} path={BASE}>
      <h1>{e.importRules}</h1>
      {error && <p class="error">{error}</p>}
      <form
        method="post"
        action={`${BASE}/import/preview`}
        enctype="multipart/form-data"
        class="card no-print"
        style="max-width:40rem"
      >
        <p class="muted">{e.importHelp}</p>
        <p>
          <a href={`${BASE}/export.csv`}>{e.exportRules}</a>
        </p>
        <label for="file">{w.csvFile}</label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        <p>
          <button type="submit">{e.importPreview}</button> <a href={BASE}>{w.back}</a>
        </p>
      </form>
    </Layout>
  );
}

function previewPage(c: Context<ConsoleEnv>, text: string, checked: CheckedRuleFile) {
  const lang: Lang = c.get('lang');
  const w = t(lang);
  const e = w.earn;
  return (
    <Layout lang={lang} title={e.importRules} principal={c.get('principal')} path={BASE}>
      <h1>
        {e.importRules} · {e.importPreview}
      </h1>
      {checked.problems.length ? (
        <>
          <p class="error">{e.importHasProblems}</p>
          <table>
            <thead>
              <tr>
                <th>{w.line}</th>
                <th>{w.lineText}</th>
                <th>{w.problem}</th>
              </tr>
            </thead>
            <tbody>
              {checked.problems.map((p) => (
                <tr class="problem" data-line={p.line}>
                  <td>{p.line}</td>
                  <td>{p.text}</td>
                  <td>{p.problems.map((x) => ruleProblemWords(x, w)).join(lang === 'zh' ? '；' : '; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="no-print">
            <a href={`${BASE}/import`}>{w.back}</a>
          </p>
        </>
      ) : (
        <>
          <p>{e.importClean}</p>
          <table>
            <thead>
              <tr>
                <th>{w.line}</th>
                <th>{e.category}</th>
                <th>{w.title}</th>
                <th>{w.kind}</th>
                <th>{w.points}</th>
              </tr>
            </thead>
            <tbody>
              {checked.rules.map((r) => (
                <tr data-rule={r.code}>
                  <td>{r.line}</td>
                  <td>{r.category}</td>
                  <td>{lang === 'en' ? (r.titleEn ?? r.titleZh) : r.titleZh}</td>
                  <td>{e.kinds[r.kind]}</td>
                  <td>
                    {pointsInWords(
                      {
                        kind: r.kind,
                        points: r.points ?? null,
                        pointsPerHour: r.pointsPerHour ?? null,
                        min: r.min ?? null,
                        max: r.max ?? null,
                      },
                      e,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action={`${BASE}/import/apply`} class="no-print">
            <input type="hidden" name="content" value={Buffer.from(text, 'utf8').toString('base64url')} />
            <button type="submit">{e.importApply}</button> <a href={`${BASE}/import`}>{w.back}</a>
          </form>
        </>
      )}
    </Layout>
  );
}
