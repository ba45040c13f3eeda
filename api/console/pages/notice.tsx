/**
 * The public monthly notice (一月一公示): one printable page a community posts on its notice
 * board — the points each resident or household earned that month and what for, the points spent
 * at each merchant, and the month's totals. Names are masked (王*兰) unless the coordinator asks
 * for full names, since the notice hangs in public.
 */

import { Hono } from 'hono';
import { parseMonth } from '../../../shared/calendar.ts';
import { maskName } from '../../../shared/text.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { periodContaining, periodOfMonth } from '../../local-time.ts';
import { monthlyNotice } from '../../settlement/notice.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout, MerchantPointsTable } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

export function noticePages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const alliance = c.get('alliance');
    const allianceId = c.get('principal').allianceId;
    const requested = c.req.query('month') ?? '';
    const bounds = parseMonth(requested)
      ? periodOfMonth({ timezone: alliance.timezone, periodMonths: 1 }, requested)
      : periodContaining({ timezone: alliance.timezone, periodMonths: 1 }, deps.clock.now());
    const full = c.req.query('names') === 'full';
    const { earners, merchants: spent } = await monthlyNotice(deps.db, allianceId, bounds);
    const total = (list: { points: number }[]) => list.reduce((s, r) => s + r.points, 0);
    const month = `${bounds.label}`;
    return c.html(
      <Layout lang={c.get('lang')} title={w.notice} principal={c.get('principal')} path={c.req.path}>
        <form method="get" action="/console/notice" class="no-print">
          <label>
            {w.month}{' '}
            <input name="month" value={month} pattern="\d{4}-\d{2}" required placeholder="2026-11" />
          </label>{' '}
          <label>
            <input type="checkbox" name="names" value="full" checked={full} style="min-width:0" />{' '}
            {w.fullNames}
          </label>{' '}
          <button type="submit">{w.show}</button>{' '}
          <button type="button" data-print>
            {w.print}
          </button>{' '}
          <a href={`/console/notice/scoring?month=${month}`}>{w.hh.noticeLink}</a>
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
                <td class="num">{e.points}</td>
                <td class="num">{e.grants}</td>
                <td>{e.reasons.join('、')}</td>
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
                {m.name} <span class="muted">#{m.number}</span>
              </>
            ),
            redemptions: m.redemptions,
            points: m.points,
          }))}
        />
        <p class="muted">{w.noticeFooter}</p>
        <p class="signature" style="margin-top:2.5rem">
          {alliance.name}（{w.seal}） ____________________ {w.date}: ____________
        </p>
      </Layout>,
    );
  });
  return app;
}
