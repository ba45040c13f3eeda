/**
 * The public monthly notice (一月一公示): one printable page a community posts on its notice
 * board — the points each resident or household earned that month and what for, the points spent
 * at each merchant, and the month's totals. Names are masked (王*兰) unless the coordinator asks
 * for full names, since the notice hangs in public.
 */

import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { parseMonth } from '../../../shared/calendar.ts';
import { rows } from '../../db/rows.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { periodContaining, periodOfMonth } from '../../settlement/periods.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout, MerchantPointsTable } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

const MONTH = { test: (s: string) => parseMonth(s) !== undefined };

/** Keeps the first character and, for names of three or more, the last: 王桂兰 → 王*兰, 李四 → 李*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

interface Earner {
  kind: 'resident' | 'household';
  name: string;
  points: string | number;
  grants: string | number;
  reasons: string[] | string | null;
}

interface MerchantLine {
  name: string;
  number: string | number;
  redemptions: string | number;
  points: string | number;
}

export function noticePages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const alliance = c.get('alliance');
    const allianceId = c.get('principal').allianceId;
    const requested = c.req.query('month') ?? '';
    const bounds = MONTH.test(requested)
      ? periodOfMonth({ timezone: alliance.timezone, periodMonths: 1 }, requested)
      : periodContaining({ timezone: alliance.timezone, periodMonths: 1 }, deps.clock.now());
    const full = c.req.query('names') === 'full';
    const range = sql`t.created_at >= ${bounds.startsAt.toISOString()}::timestamptz
      and t.created_at < ${bounds.endsAt.toISOString()}::timestamptz`;
    const earners = await rows<Earner>(
      deps.db,
      sql`select a.kind, coalesce(r.name, h.name, '') as name, sum(t.amount) as points, count(*) as grants,
            (array_agg(distinct t.reason))[1:3] as reasons
          from transfers t
          join ledger_accounts a on a.id = t.credit_account_id
          left join residents r on a.kind = 'resident' and r.id = a.owner_id
          left join households h on a.kind = 'household' and h.id = a.owner_id
          where t.alliance_id = ${allianceId} and t.kind = 'mint' and ${range}
          group by a.id, a.kind, r.name, h.name
          order by points desc, name`,
    );
    const spent = await rows<MerchantLine>(
      deps.db,
      sql`select m.name, m.number, count(*) filter (where t.kind = 'capture') as redemptions,
            sum(case when t.kind = 'capture' then t.amount else -t.amount end) as points
          from transfers t
          join ledger_accounts a on a.kind = 'merchant' and a.id in (t.credit_account_id, t.debit_account_id)
          join merchants m on m.id = a.owner_id
          where t.alliance_id = ${allianceId} and t.kind in ('capture', 'reverse') and ${range}
          group by m.id, m.name, m.number
          order by points desc, m.number`,
    );
    const total = (list: { points: string | number }[]) => list.reduce((s, r) => s + Number(r.points), 0);
    const reasonsOf = (r: Earner['reasons']) =>
      (Array.isArray(r) ? r : typeof r === 'string' ? r.replace(/^\{|\}$/g, '').split(',') : [])
        .map((x) => x.replace(/^"|"$/g, ''))
        .filter(Boolean)
        .join('、');
    const month = `${bounds.label}`;
    return c.html(
      <Layout lang={c.get('lang')} title={w.notice} principal={c.get('principal')} path={c.req.path}>
        <form method="get" action="/console/notice" class="no-print">
          <label>
            {w.month} (YYYY-MM) <input name="month" value={month} pattern="\d{4}-\d{2}" required />
          </label>{' '}
          <label>
            <input type="checkbox" name="names" value="full" checked={full} style="min-width:0" />{' '}
            {w.fullNames}
          </label>{' '}
          <button type="submit">{w.show}</button>{' '}
          <button type="button" onclick="window.print()">
            {w.print}
          </button>
        </form>
        <h1 style="text-align:center">
          {alliance.name} · {month} {w.noticeTitle}
        </h1>
        <p style="text-align:center" class="muted">
          {formatTime(bounds.startsAt, alliance.timezone)} – {formatTime(bounds.endsAt, alliance.timezone)}
        </p>
        <p>
          {w.noticeIssued}: <strong data-notice="issued">{total(earners)}</strong> · {w.noticeSpent}:{' '}
          <strong data-notice="spent">{total(spent)}</strong> · {w.noticeEarners}:{' '}
          <strong data-notice="earners">{earners.length}</strong>
        </p>
        <h2>{w.noticeEarnedBy}</h2>
        <table data-table="earners">
          <thead>
            <tr>
              <th>{w.name}</th>
              <th class="num">{w.points}</th>
              <th class="num">{w.noticeGrants}</th>
              <th>{w.reason}</th>
            </tr>
          </thead>
          <tbody>
            {earners.map((e) => (
              <tr>
                <td>
                  {full ? e.name : maskName(e.name)}
                  {e.kind === 'household' ? ` (${w.household})` : ''}
                </td>
                <td class="num">{Number(e.points)}</td>
                <td class="num">{Number(e.grants)}</td>
                <td>{reasonsOf(e.reasons)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{w.noticeSpentAt}</h2>
        <MerchantPointsTable
          w={w}
          name="merchants"
          rows={spent.map((m) => ({
            label: (
              <>
                {m.name} <span class="muted">#{Number(m.number)}</span>
              </>
            ),
            redemptions: Number(m.redemptions),
            points: Number(m.points),
          }))}
        />
        <p class="muted">{w.noticeFooter}</p>
        <p class="signature" style="margin-top:2.5rem">
          {alliance.name}（盖章 / seal） ____________________ 日期 / Date: ____________
        </p>
      </Layout>,
    );
  });
  return app;
}
