/**
 * Granting points from the console: one at a time from a resident's page (a nonce rendered into
 * the form makes a double submit grant once), and many from a CSV file: a preview names every bad
 * line and grants nothing until the file is clean; applying grants every line in one transaction,
 * each under an id derived from the file's hash and the line, so applying twice grants once.
 */

import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { problemWords } from '../../../shared/problems.ts';
import type { Queryable } from '../../db/client.ts';
import { residents } from '../../db/schema/index.ts';
import { audit } from '../../directory/audit.ts';
import { findResident } from '../../directory/directory.ts';
import { isAppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { derivedId } from '../../ledger/ids.ts';
import { MAX_POINTS_PER_TRANSFER, mintPoints } from '../../ledger/mint.ts';
import { ledgerTransaction } from '../../ledger/transaction.ts';
import { t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CSV_BYTES = 1_000_000;
const MAX_LINES = 5000;

/** A fresh nonce for one rendering of the grant form. */
export const grantNonce = (): string => randomUUID();

export function grantPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.post('/:id{[0-9a-f-]{36}}/grant', async (c) => {
    const principal = c.get('principal');
    const id = c.req.param('id');
    const back = (query: string) => c.redirect(`/console/residents/${id}?${query}`, 303);
    const form = await c.req.parseBody();
    const nonce = String(form.nonce ?? '');
    const pointsText = String(form.points ?? '').trim();
    const reason = String(form.reason ?? '').trim();
    const resident = await findResident(deps.db, principal.allianceId, id);
    if (!resident) return c.notFound();
    if (!UUID.test(nonce)) return back(`error=${encodeURIComponent('表单已过期，请刷新 / Reload the page')}`);
    const points = /^\d{1,9}$/.test(pointsText) ? Number(pointsText) : Number.NaN;
    try {
      await ledgerTransaction(deps.db, async (tx) => {
        const minted = await mintPoints(
          tx,
          {
            allianceId: principal.allianceId,
            residentId: id,
            points,
            reason,
            actorId: principal.subjectId,
            idempotencyId: derivedId('console-grant', nonce),
          },
          deps.clock,
        );
        if (!minted.replayed) await audit(tx, principal, 'grant', id, { points, reason });
      });
      return back('granted=1');
    } catch (e) {
      if (isAppError(e)) return back(`error=${encodeURIComponent(problemWords(e.code, c.get('lang')))}`);
      throw e;
    }
  });

  app.get('/grants', (c) => c.html(uploadPage(c)));

  app.post('/grants/preview', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    let text = typeof form.csv === 'string' ? form.csv : '';
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_CSV_BYTES) return c.html(uploadPage(c, 'File too large / 文件太大'), 413);
      text = await file.text();
    }
    const checked = await checkFile(deps.db, c.get('principal').allianceId, text);
    return c.html(previewPage(c, text, checked), checked.problems.length ? 422 : 200);
  });

  app.post('/grants/apply', async (c) => {
    const principal = c.get('principal');
    const w = t(c.get('lang'));
    const form = await c.req.parseBody();
    const text = Buffer.from(String(form.content ?? ''), 'base64url').toString('utf8');
    const hash = createHash('sha256').update(text).digest('hex');
    const result = await ledgerTransaction(deps.db, async (tx) => {
      const checked = await checkFile(tx, principal.allianceId, text);
      if (checked.problems.length || checked.lines.length === 0) return checked;
      let fresh = 0;
      for (const line of checked.lines) {
        const minted = await mintPoints(
          tx,
          {
            allianceId: principal.allianceId,
            residentId: line.residentId,
            points: line.points,
            reason: line.reason,
            actorId: principal.subjectId,
            idempotencyId: derivedId('console-bulk-grant', principal.allianceId, hash, String(line.line)),
          },
          deps.clock,
        );
        if (!minted.replayed) {
          fresh++;
          await audit(tx, principal, 'grant', line.residentId, {
            points: line.points,
            reason: line.reason,
            file: hash,
            line: line.line,
          });
        }
      }
      return { ...checked, fresh };
    });
    if (result.problems.length || result.lines.length === 0) return c.html(previewPage(c, text, result), 422);
    const fresh = 'fresh' in result ? (result.fresh as number) : 0;
    const total = result.lines.reduce((s, l) => s + l.points, 0);
    return c.html(
      <Layout lang={c.get('lang')} title={w.appliedLines} principal={principal} path="/console/residents">
        <h1>{w.appliedLines}</h1>
        <p>
          {w.newlyGranted}: {fresh} / {result.lines.length} · {w.total}: {total} {w.points}
        </p>
        {fresh < result.lines.length && <p class="muted">{w.alreadyApplied}</p>}
        <LinesTable c={c} lines={result.lines} />
        <p class="no-print">
          <a href="/console/residents">{w.back}</a>
        </p>
      </Layout>,
    );
  });

  return app;
}

export interface GrantLine {
  line: number;
  residentId: string;
  residentName: string;
  points: number;
  reason: string;
}
export interface CheckedFile {
  lines: GrantLine[];
  problems: { line: number; text: string; problem: string }[];
}

/** Splits CSV text into rows of cells: commas, "quoted, fields" with "" for a quote. */
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

/** Validates every line against the alliance's residents; names each bad line. */
export async function checkFile(db: Queryable, allianceId: string, text: string): Promise<CheckedFile> {
  const rows = parseCsv(text);
  const first = rows[0];
  if (first && /points|积分|reason|原因/i.test(first.cells.join(','))) rows.shift();
  const problems: CheckedFile['problems'] = [];
  const lines: GrantLine[] = [];
  if (rows.length > MAX_LINES) {
    problems.push({ line: 0, text: '', problem: `At most ${MAX_LINES} lines / 最多 ${MAX_LINES} 行` });
    return { lines, problems };
  }
  if (rows.length === 0) problems.push({ line: 0, text: '', problem: '文件是空的 / The file is empty' });
  const all = await db
    .select({ id: residents.id, name: residents.name, phone: residents.phone })
    .from(residents)
    .where(and(eq(residents.allianceId, allianceId)));
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
    const bad = (problem: string) => problems.push({ line, text, problem });
    if (cells.length !== 3) {
      bad(`需要 3 列，这里有 ${cells.length} 列 / 3 columns expected, found ${cells.length}`);
      continue;
    }
    const [who, pointsText, reason] = cells as [string, string, string];
    let resident: (typeof all)[number] | undefined;
    if (UUID.test(who)) resident = byId.get(who.toLowerCase());
    else {
      const found = byPhone.get(who.replace(/[\s-]/g, '')) ?? [];
      if (found.length > 1) {
        bad(`电话 ${who} 对应多位居民，请用居民编号 / Phone ${who} belongs to several residents: use the id`);
        continue;
      }
      resident = found[0];
    }
    const lineProblems: string[] = [];
    if (!resident) lineProblems.push(`找不到居民 ${who} / Unknown resident ${who}`);
    const points = /^\d{1,9}$/.test(pointsText) ? Number(pointsText) : Number.NaN;
    if (!Number.isSafeInteger(points))
      lineProblems.push(`积分必须是整数：${pointsText} / Points must be a whole number: ${pointsText}`);
    else if (points < 1 || points > MAX_POINTS_PER_TRANSFER)
      lineProblems.push(
        `积分须在 1 到 ${MAX_POINTS_PER_TRANSFER} 之间 / Points must be from 1 to ${MAX_POINTS_PER_TRANSFER}`,
      );
    if (!reason) lineProblems.push('原因必填 / A reason is required');
    if (resident && Number.isSafeInteger(points)) {
      const key = `${resident.id}|${points}|${reason}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) lineProblems.push(`与第 ${earlier} 行重复 / Same as line ${earlier}`);
      else seen.set(key, line);
    }
    if (lineProblems.length) {
      bad(lineProblems.join('; '));
      continue;
    }
    lines.push({ line, residentId: resident!.id, residentName: resident!.name, points, reason });
  }
  return { lines, problems };
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

function previewPage(c: Context<ConsoleEnv>, text: string, checked: CheckedFile) {
  const w = t(c.get('lang'));
  const total = checked.lines.reduce((s, l) => s + l.points, 0);
  return (
    <Layout
      lang={c.get('lang')}
      title={w.bulkGrants}
      principal={c.get('principal')}
      path="/console/residents"
    >
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
                <th>CSV</th>
                <th>{w.problem}</th>
              </tr>
            </thead>
            <tbody>
              {checked.problems.map((p) => (
                <tr class="problem">
                  <td>{p.line || ''}</td>
                  <td>{p.text}</td>
                  <td>{p.problem}</td>
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
