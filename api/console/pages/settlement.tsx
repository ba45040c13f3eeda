/**
 * Settlement in the console: the periods, closing a month (a confirm page first; closing twice
 * is harmless), a period's statements, each merchant's printable A4 statement with every
 * redemption in it, the CSVs (UTF-8 with BOM), and recording a payment. Only the coordinator
 * may close a month or mark a statement paid.
 */

import { type Context, Hono } from 'hono';
import { parseMonth } from '../../../shared/calendar.ts';
import { CloseMonth, Paid } from '../../application/inputs.ts';
import { closeMonth, markPaid } from '../../application/settlement.ts';
import { AppError } from '../../errors.ts';
import { csvResponse } from '../../http/csv.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { closableMonths } from '../../settlement/periods.ts';
import { type StatementLine, statementCsvFile, statementLines } from '../../settlement/report.ts';
import {
  listPeriods,
  listStatements,
  type StatementRow,
  statementsCsvFile,
} from '../../settlement/statements.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, formatYuan, type Lang, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';

/** A statement line's kind in the reader's words. */
const lineKind = (w: Words, kind: string) =>
  kind === 'capture' ? w.lineCapture : kind === 'reverse' ? w.lineReverse : w.lineAdjust;

/** A statement line in words: what it was, for which offer, and for a settled conflict, who bore it. */
function lineInWords(w: Words, lang: Lang, l: StatementLine): string {
  const offer = lang === 'en' ? l.offerTitleEn : l.offerTitleZh;
  const parts = [lineKind(w, l.kind)];
  if (offer) parts.push(offer);
  if (l.kind === 'reverse') parts.push(w.reversedSameDay);
  if (l.conflictKind) {
    parts.push(
      l.conflictKind === 'double_presentment' ? w.conflictDoublePresentment : w.conflictLateShortfall,
    );
    if (l.conflictBears) parts.push(w.borneBy(w.bearsWords[l.conflictBears] ?? ''));
  }
  return parts.join(' · ');
}

/** Who funded the month's discounts, in words. */
function fundingInWords(w: Words, s: StatementRow): string {
  if (s.fundingRule === 'per_point' && s.rateFenPerPoint === 0) return w.fundingRules.merchant!;
  return w.fundingRules[s.fundingRule] ?? '';
}

/** How the amount due was reached: points × rate, or the share of the discount. */
function dueWorking(w: Words, s: StatementRow): string {
  if (s.fundingRule === 'per_point' && s.rateFenPerPoint > 0) {
    return `（${s.netPoints} ${w.points} × ${s.rateFenPerPoint} ${w.fenPerPoint}）`;
  }
  if (s.fundingRule === 'share') return `（¥${formatYuan(s.discountFen)} × ${s.fundingSharePercent ?? 0}%）`;
  return '';
}

export function settlementPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  const periodOf = async (c: Context<ConsoleEnv>, id: string) =>
    (await listPeriods(deps.db, c.get('principal').allianceId)).find((p) => p.id === id);

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const periods = await listPeriods(deps.db, c.get('principal').allianceId);
    const closed = new Set(periods.filter((p) => p.state === 'closed').map((p) => p.label));
    const closable = closableMonths(c.get('alliance'), closed, deps.clock.now());
    return c.html(
      <Layout lang={c.get('lang')} title={w.settlement} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.settlement}</h1>
        <ErrorNote c={c} />
        <table>
          <thead>
            <tr>
              <th>{w.period}</th>
              <th>{w.state}</th>
              <th>{w.from}</th>
              <th>{w.until}</th>
              <th>{w.closedAt}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr>
                <td>
                  <a href={`/console/settlement/${p.id}`}>{p.label}</a>
                </td>
                <td>{p.state === 'closed' ? w.closed : w.open}</td>
                <td>{formatTime(p.startsAt, tz)}</td>
                <td>{formatTime(p.endsAt, tz)}</td>
                <td>{p.closedAt ? formatTime(p.closedAt, tz) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {c.get('principal').role === 'coordinator' && (
          <form method="get" action="/console/settlement/close" class="card no-print" style="max-width:28rem">
            <h2>{w.closeMonth}</h2>
            {closable.length === 0 ? (
              <p class="muted">{w.nothingToClose}</p>
            ) : (
              <>
                <label for="month">{w.month}</label>
                <select id="month" name="month" required>
                  {closable.map(({ month }, i) => (
                    <option value={month} selected={i === 0}>
                      {w.monthName(month)}
                    </option>
                  ))}
                </select>
                <p>
                  <button type="submit">{w.next}</button>
                </p>
              </>
            )}
          </form>
        )}
      </Layout>,
    );
  });

  app.get('/close', (c) => {
    const w = t(c.get('lang'));
    const month = c.req.query('month') ?? '';
    if (!parseMonth(month)) return c.redirect('/console/settlement?error=invalid_month', 303);
    return c.html(
      <Layout lang={c.get('lang')} title={w.closeMonth} principal={c.get('principal')} path={c.req.path}>
        <h1>
          {w.closeMonth} · {w.monthName(month)}
        </h1>
        <p>{w.closeExplain.replace('{month}', w.monthName(month))}</p>
        <form method="post" action="/console/settlement/close" class="no-print">
          <input type="hidden" name="month" value={month} />
          <button type="submit">{w.confirmClose}</button> <a href="/console/settlement">{w.back}</a>
        </form>
      </Layout>,
    );
  });

  app.post('/close', async (c) => {
    const form = await parseForm(c, CloseMonth);
    if (!form.ok) return c.redirect('/console/settlement?error=invalid_month', 303);
    return orBack(c, '/console/settlement', async () => {
      const closed = await closeMonth(deps, c.get('principal'), form.data.month);
      return c.redirect(`/console/settlement/${closed.period.id}`, 303);
    });
  });

  app.get('/:periodId{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const period = await periodOf(c, c.req.param('periodId'));
    if (!period) throw new AppError('not_found');
    const statements = await listStatements(deps.db, {
      allianceId: c.get('principal').allianceId,
      periodId: period.id,
    });
    const sum = (f: (s: StatementRow) => number) => statements.reduce((a, s) => a + f(s), 0);
    const isCoordinator = c.get('principal').role === 'coordinator';
    return c.html(
      <Layout lang={c.get('lang')} title={w.settlement} principal={c.get('principal')} path={c.req.path}>
        <h1>
          {w.settlement} · {period.label}
        </h1>
        <ErrorNote c={c} />
        <p>
          {period.state === 'closed' ? w.closed : w.open} ·{' '}
          <a href={`/console/settlement/${period.id}/csv`}>CSV</a>
        </p>
        <table>
          <thead>
            <tr>
              <th>{w.merchants}</th>
              <th>{w.redemptionCount}</th>
              <th>{w.netPoints}</th>
              <th>{w.reimbursement}</th>
              <th>{w.paid}</th>
              <th class="no-print" />
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr>
                <td>
                  <a href={`/console/settlement/${period.id}/statements/${s.id}`}>
                    {s.merchantNumber} {s.merchantName}
                  </a>
                </td>
                <td>{s.redemptions}</td>
                <td>{s.netPoints}</td>
                <td>¥{formatYuan(s.reimbursementFen)}</td>
                <td>{s.paidAt ? `${formatTime(s.paidAt, tz)} · ${s.paidReference ?? ''}` : ''}</td>
                <td class="no-print">
                  <a href={`/console/settlement/${period.id}/statements/${s.id}/csv`}>CSV</a>
                  {isCoordinator && !s.paidAt && (
                    <form method="post" action={`/console/settlement/${period.id}/statements/${s.id}/paid`}>
                      <input
                        name="reference"
                        required
                        maxlength={100}
                        placeholder={w.reference}
                        aria-label={w.reference}
                      />{' '}
                      <button type="submit">{w.markPaid}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{w.total}</th>
              <th>{sum((s) => s.redemptions)}</th>
              <th>{sum((s) => s.netPoints)}</th>
              <th>¥{formatYuan(sum((s) => s.reimbursementFen))}</th>
              <th />
              <th class="no-print" />
            </tr>
          </tfoot>
        </table>
      </Layout>,
    );
  });

  app.get('/:periodId{[0-9a-f-]{36}}/csv', async (c) => {
    const period = await periodOf(c, c.req.param('periodId'));
    if (!period) throw new AppError('not_found');
    const rows = await listStatements(deps.db, {
      allianceId: c.get('principal').allianceId,
      periodId: period.id,
    });
    return csvResponse(c, statementsCsvFile(rows, period.label));
  });

  const statementOf = async (c: Context<ConsoleEnv>) => {
    const rows = await listStatements(deps.db, {
      allianceId: c.get('principal').allianceId,
      periodId: c.req.param('periodId'),
    });
    return rows.find((s) => s.id === c.req.param('statementId'));
  };

  app.get('/:periodId{[0-9a-f-]{36}}/statements/:statementId{[0-9a-f-]{36}}/csv', async (c) => {
    const statement = await statementOf(c);
    if (!statement) throw new AppError('not_found');
    return csvResponse(c, await statementCsvFile(deps.db, statement, c.get('alliance').timezone));
  });

  app.get('/:periodId{[0-9a-f-]{36}}/statements/:statementId{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const statement = await statementOf(c);
    if (!statement) throw new AppError('not_found');
    const lines = await statementLines(deps.db, statement);
    const lang = c.get('lang');
    const sum = (f: (l: StatementLine) => number) => lines.reduce((a, l) => a + f(l), 0);
    return c.html(
      <Layout lang={c.get('lang')} title={w.statement} principal={c.get('principal')} path={c.req.path}>
        <style>{'@page { size: A4; margin: 15mm } .signature { margin-top: 3rem }'}</style>
        <h1>
          {c.get('alliance').name} · {w.statement}
        </h1>
        <p>
          {w.period}: {statement.periodLabel} · {w.merchants}: {statement.merchantNumber}{' '}
          {statement.merchantName}
        </p>
        <table>
          <thead>
            <tr>
              <th>{w.when}</th>
              <th>{w.kind}</th>
              <th>{w.devices}</th>
              <th class="num">{w.points}</th>
              <th class="num">{w.bill}</th>
              <th class="num">{w.discount}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr data-kind={l.kind}>
                <td>{formatTime(l.createdAt, tz)}</td>
                <td>{lineInWords(w, lang, l)}</td>
                <td>{l.kind === 'adjust' ? '' : (l.deviceName ?? w.pos)}</td>
                <td class="num">{l.points}</td>
                <td class="num">¥{formatYuan(l.billFen)}</td>
                <td class="num">¥{formatYuan(l.discountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>
                {w.total} ({lines.length})
              </th>
              <th />
              <th />
              <th class="num" data-points={sum((l) => l.points)}>
                {sum((l) => l.points)}
              </th>
              <th class="num" data-bill={sum((l) => l.billFen)}>
                ¥{formatYuan(sum((l) => l.billFen))}
              </th>
              <th class="num" data-discount={sum((l) => l.discountFen)}>
                ¥{formatYuan(sum((l) => l.discountFen))}
              </th>
            </tr>
          </tfoot>
        </table>
        <p>
          {w.pointsCaptured}: {statement.pointsCaptured} · {w.pointsReversed}: {statement.pointsReversed} ·{' '}
          {w.pointsAdjusted}: {statement.pointsAdjusted} · {w.netPoints}:{' '}
          <strong data-net-points={statement.netPoints}>{statement.netPoints}</strong>
        </p>
        <p>
          {w.discountGiven}:{' '}
          <strong data-discount-fen={statement.discountFen}>¥{formatYuan(statement.discountFen)}</strong> ·{' '}
          {w.whoBears}: <span data-funding={statement.fundingRule}>{fundingInWords(w, statement)}</span>
        </p>
        <p>
          {w.reimbursement}:{' '}
          <strong data-reimbursement-fen={statement.reimbursementFen}>
            ¥{formatYuan(statement.reimbursementFen)}
          </strong>{' '}
          {dueWorking(w, statement)}
        </p>
        {statement.paidAt && (
          <p>
            {w.paid}: {formatTime(statement.paidAt, tz)} · {statement.paidReference}
          </p>
        )}
        <p class="signature">
          {w.merchantSignature}: ____________________ {w.date}: ____________
        </p>
        <p class="no-print">
          <button type="button" data-print>
            {w.print}
          </button>{' '}
          <a href={`/console/settlement/${statement.periodId}`}>{w.back}</a>
        </p>
      </Layout>,
    );
  });

  app.post('/:periodId{[0-9a-f-]{36}}/statements/:statementId{[0-9a-f-]{36}}/paid', async (c) => {
    const back = `/console/settlement/${c.req.param('periodId')}`;
    const form = await parseForm(c, Paid);
    if (!form.ok) return c.redirect(`${back}?${refusedFields(form.fields)}`, 303);
    return orBack(c, back, async () => {
      await markPaid(deps, c.get('principal'), c.req.param('statementId'), form.data.reference);
      return c.redirect(back, 303);
    });
  });

  return app;
}
