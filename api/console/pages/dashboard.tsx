/** The dashboard: what the coordinator checks first. */
import type { Context } from 'hono';
import { hasRight } from '../../auth/rights.ts';
import { reviewFigures } from '../../earning/queries.ts';
import type { RouteDeps } from '../../http/deps.ts';
import {
  dashboardFigures,
  quietDevices,
  redemptionsPerDay,
  topMerchantsThisMonth,
} from '../../ledger/dashboard.ts';
import { formatTime, t, type Words } from '../i18n.ts';
import { Layout, MerchantPointsTable } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

const DAYS = 60;

/** Bars drawn on the server, one a day, oldest on the left, with both axes labelled in the reader's words. */
function barChart(days: { day: string; n: number }[], w: Words) {
  const left = 44;
  const width = 640;
  const top = 12;
  const height = 160;
  const max = Math.max(1, ...days.map((d) => d.n));
  const plot = width - left;
  const bw = plot / Math.max(1, days.length);
  const yOf = (n: number) => top + height - Math.round((n / max) * height);
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const labelled = [0, Math.floor((days.length - 1) / 2), days.length - 1];
  return (
    <svg
      viewBox={`0 0 ${width} ${top + height + 40}`}
      width="100%"
      role="img"
      aria-label={w.redemptionsPerDay}
      xmlns="http://www.w3.org/2000/svg"
      class="chart"
      font-size="12"
    >
      <line x1={left} y1={top} x2={left} y2={top + height} stroke="#555" />
      <line x1={left} y1={top + height} x2={width} y2={top + height} stroke="#555" />
      {ticks.map((n) => (
        <>
          <line x1={left - 4} y1={yOf(n)} x2={width} y2={yOf(n)} stroke="#ddd" />
          <text x={left - 6} y={yOf(n) + 4} text-anchor="end">
            {n}
          </text>
        </>
      ))}
      <text x="0" y={top - 2} font-size="11">
        {w.chartCount}
      </text>
      {days.map((d, i) => {
        const h = Math.round((d.n / max) * height);
        return (
          <rect
            x={(left + i * bw + 1).toFixed(1)}
            y={top + height - h}
            width={Math.max(1, bw - 2).toFixed(1)}
            height={h}
            fill="#2a7"
          >
            <title>
              {w.dayName(d.day)}: {d.n}
            </title>
          </rect>
        );
      })}
      {labelled.map((i, k) =>
        days[i] ? (
          <text
            x={(left + i * bw + bw / 2).toFixed(1)}
            y={top + height + 16}
            text-anchor={k === 0 ? 'start' : k === 2 ? 'end' : 'middle'}
          >
            {w.dayName(days[i].day)}
          </text>
        ) : null,
      )}
      <text x={width} y={top + height + 34} text-anchor="end" font-size="11">
        {w.chartDay}
      </text>
    </svg>
  );
}

export async function dashboardPage(c: Context<ConsoleEnv>, deps: RouteDeps) {
  const w = t(c.get('lang'));
  const allianceId = c.get('principal').allianceId;
  const tz = c.get('alliance').timezone;
  const f = await dashboardFigures(deps.db, allianceId, deps.clock);
  const days = await redemptionsPerDay(deps.db, { allianceId, timezone: tz, days: DAYS }, deps.clock);
  const top = await topMerchantsThisMonth(deps.db, { allianceId, timezone: tz }, deps.clock);
  const quiet = await quietDevices(deps.db, allianceId, deps.clock);
  const review = await reviewFigures(deps.db, allianceId, deps.clock);
  const e = w.earn;
  const stats = [
    [w.residentCount, `${f.residents}`, 'residents', `${w.activeIn30Days} ${f.activeResidents}`],
    [w.merchantCount, `${f.merchants}`, 'merchants', `${w.activeIn30Days} ${f.activeMerchants}`],
    [w.deviceCount, `${f.devices}`, 'devices', ''],
    [w.issued, `${f.issued}`, 'issued', ''],
    [w.redeemed, `${f.redeemed}`, 'redeemed', ''],
    [w.outstanding, `${f.free + f.held}`, 'outstanding', w.outstandingHelp],
    [w.held, `${f.held}`, 'held', ''],
    [w.conflictsWaiting, `${f.conflictsWaiting}`, 'conflicts', ''],
    [w.devicesQuiet, `${quiet.length}`, 'quiet-devices', ''],
    [e.claimsWaiting, `${review.waiting}`, 'claims-waiting', ''],
    [
      e.medianDecision,
      review.medianSeconds === null ? '—' : e.duration(review.medianSeconds),
      'median-decision',
      e.decidedIn30(review.decidedIn30Days),
    ],
  ] as const;
  return c.html(
    <Layout lang={c.get('lang')} title={w.dashboard} principal={c.get('principal')} path={c.req.path}>
      <h1>{w.dashboard}</h1>
      <div class="grid">
        {stats.map(([label, value, key, note]) => (
          <div class="card">
            <div class="muted">{label}</div>
            <div class="stat" data-stat={key}>
              {value}
            </div>
            {note && <div class="muted">{note}</div>}
          </div>
        ))}
      </div>
      {review.waiting > 0 && hasRight(c.get('principal'), 'review') && (
        <p>
          <a href="/console/review">
            {e.claimsWaiting}: {review.waiting} →
          </a>
        </p>
      )}
      {f.conflictsWaiting > 0 && (
        <p>
          <a href="/console/conflicts">
            {w.conflictsWaiting}: {f.conflictsWaiting} →
          </a>
        </p>
      )}
      <h2>{w.redemptionsPerDay}</h2>
      {barChart(days, w)}
      <h2>
        {w.topMerchants} ({top.label})
      </h2>
      {top.merchants.length === 0 ? (
        <p class="muted">{w.noneYet}</p>
      ) : (
        <MerchantPointsTable
          w={w}
          name="top-merchants"
          rows={top.merchants.map((m) => ({
            label: <a href={`/console/merchants/${m.id}`}>{m.name}</a>,
            redemptions: m.redemptions,
            points: m.points,
          }))}
        />
      )}
      {quiet.length > 0 && (
        <>
          <h2>{w.devicesQuiet}</h2>
          <table data-table="quiet-devices">
            <thead>
              <tr>
                <th>{w.merchants}</th>
                <th>{w.devices}</th>
                <th>{w.lastSeen}</th>
              </tr>
            </thead>
            <tbody>
              {quiet.map((d) => (
                <tr>
                  <td>
                    <a href={`/console/merchants/${d.merchantId}`}>{d.merchantName}</a>
                  </td>
                  <td data-device={d.id}>{d.name}</td>
                  <td>{d.lastSeenAt ? formatTime(d.lastSeenAt, tz) : w.never}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>,
  );
}
