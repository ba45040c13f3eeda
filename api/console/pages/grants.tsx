/**
 * Granting points from the console: one at a time from a resident's page (a nonce rendered into
 * the form makes a double submit grant once), and many from a CSV file: a preview names every bad
 * line and grants nothing until the file is clean; applying grants every line at once, and
 * applying the same file twice grants once (application/grants.ts).
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { applyGrantFile, grantFromForm, previewGrantFile } from '../../application/grants.ts';
import { Grant } from '../../application/inputs.ts';
import type { RouteDeps } from '../../http/deps.ts';
import type { CheckedGrantFile, GrantLine, GrantLineProblem } from '../../ledger/grant-file.ts';
import { parseForm, refusedFields } from '../form.ts';
import { type Lang, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';

const MAX_CSV_BYTES = 1_000_000;

/** A fresh nonce for one rendering of the grant form. */
export const grantNonce = (): string => randomUUID();

const FormGrant = Grant.extend({ nonce: z.uuid() });

export function grantPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.post('/:id{[0-9a-f-]{36}}/grant', async (c) => {
    const id = c.req.param('id');
    const back = `/console/residents/${id}`;
    const form = await parseForm(c, FormGrant, { residentId: id });
    if (!form.ok) return c.redirect(`${back}?${refusedFields(form.fields)}`, 303);
    const { nonce, ...grant } = form.data;
    return orBack(c, back, async () => {
      await grantFromForm(deps, c.get('principal'), grant, nonce);
      return c.redirect(`${back}?granted=1`, 303);
    });
  });

  app.get('/grants', (c) => c.html(uploadPage(c)));

  app.post('/grants/preview', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    let text = typeof form.csv === 'string' ? form.csv : '';
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_CSV_BYTES) return c.html(uploadPage(c, t(c.get('lang')).fileTooLarge), 413);
      text = await file.text();
    }
    const checked = await previewGrantFile(deps, c.get('principal'), text);
    return c.html(previewPage(c, text, checked), checked.problems.length ? 422 : 200);
  });

  app.post('/grants/apply', async (c) => {
    const w = t(c.get('lang'));
    const text = Buffer.from(String((await c.req.parseBody()).content ?? ''), 'base64url').toString('utf8');
    const result = await applyGrantFile(deps, c.get('principal'), text);
    if (result.problems.length || result.lines.length === 0) return c.html(previewPage(c, text, result), 422);
    const total = result.lines.reduce((s, l) => s + l.points, 0);
    return c.html(
      <Layout
        lang={c.get('lang')}
        title={w.appliedLines}
        principal={c.get('principal')}
        path="/console/residents"
      >
        <h1>{w.appliedLines}</h1>
        <p>
          {w.newlyGranted}: {result.fresh} / {result.lines.length} · {w.total}: {total} {w.points}
        </p>
        {result.fresh < result.lines.length && <p class="muted">{w.alreadyApplied}</p>}
        <LinesTable c={c} lines={result.lines} />
        <p class="no-print">
          <a href="/console/residents">{w.back}</a>
        </p>
      </Layout>,
    );
  });

  return app;
}

/** A line's problem in the reader's language. */
export function grantProblemWords(p: GrantLineProblem, lang: Lang): string {
  const zh = lang === 'zh';
  switch (p.kind) {
    case 'empty_file':
      return zh ? '文件是空的' : 'The file is empty';
    case 'too_many_lines':
      return zh ? `最多 ${p.max} 行` : `At most ${p.max} lines`;
    case 'columns':
      return zh ? `需要 3 列，这里有 ${p.found} 列` : `3 columns expected, found ${p.found}`;
    case 'phone_ambiguous':
      return zh
        ? `电话 ${p.who} 对应多位居民，请用居民编号`
        : `Phone ${p.who} belongs to several residents: use the id`;
    case 'unknown_resident':
      return zh ? `找不到居民 ${p.who}` : `Unknown resident ${p.who}`;
    case 'points_not_whole':
      return zh ? `积分必须是整数：${p.text}` : `Points must be a whole number: ${p.text}`;
    case 'points_range':
      return zh ? `积分须在 1 到 ${p.max} 之间` : `Points must be from 1 to ${p.max}`;
    case 'reason_required':
      return zh ? '原因必填' : 'A reason is required';
    case 'reason_too_long':
      return zh ? `原因最多 ${p.max} 字` : `A reason has at most ${p.max} characters`;
    case 'bad_text':
      return zh ? '这一行有无法识别的字符' : 'This line has characters that cannot be read';
    case 'duplicate':
      return zh ? `与第 ${p.of} 行重复` : `Same as line ${p.of}`;
  }
}

function uploadPage(c: Context<ConsoleEnv>, error?: string) {
  const w = t(c.get('lang'));
  return (
    <Layout
      lang={c.get('lang')}
      title={w.bulkGrants}
      principal={c.get('principal')}
      path="/console/residents"
    >
      <h1>{w.bulkGrants}</h1>
      {error && <p class="error">{error}</p>}
      <form
        method="post"
        action="/console/residents/grants/preview"
        enctype="multipart/form-data"
        class="card no-print"
        style="max-width:36rem"
      >
        <p class="muted">{w.csvHelp}</p>
        <label for="file">{w.csvFile}</label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        <p>
          <button type="submit">{w.preview}</button>
        </p>
      </form>
    </Layout>
  );
}

function LinesTable({ c, lines }: { c: Context<ConsoleEnv>; lines: GrantLine[] }) {
  const w = t(c.get('lang'));
  return (
    <table>
      <thead>
        <tr>
          <th>{w.line}</th>
          <th>{w.name}</th>
          <th>{w.points}</th>
          <th>{w.reason}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <td>{l.line}</td>
            <td>
              <a href={`/console/residents/${l.residentId}`}>{l.residentName}</a>
            </td>
            <td>{l.points}</td>
            <td>{l.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function previewPage(c: Context<ConsoleEnv>, text: string, checked: CheckedGrantFile) {
  const w = t(c.get('lang'));
  const lang = c.get('lang');
  const total = checked.lines.reduce((s, l) => s + l.points, 0);
  return (
    <Layout lang={lang} title={w.bulkGrants} principal={c.get('principal')} path="/console/residents">
      <h1>
        {w.bulkGrants} · {w.preview}
      </h1>
      {checked.problems.length ? (
        <>
          <p class="error">{w.fileHasProblems}</p>
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
                <tr class="problem">
                  <td>{p.line || ''}</td>
                  <td>{p.text}</td>
                  <td>
                    {p.problems.map((x) => grantProblemWords(x, lang)).join(lang === 'zh' ? '；' : '; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="no-print">
            <a href="/console/residents/grants">{w.back}</a>
          </p>
        </>
      ) : (
        <>
          <p>{w.fileClean}</p>
          <LinesTable c={c} lines={checked.lines} />
          <p>
            {w.total}: {checked.lines.length} · {total} {w.points}
          </p>
          <form method="post" action="/console/residents/grants/apply" class="no-print">
            <input type="hidden" name="content" value={Buffer.from(text, 'utf8').toString('base64url')} />
            <button type="submit">{w.apply}</button> <a href="/console/residents/grants">{w.back}</a>
          </form>
        </>
      )}
    </Layout>
  );
}
