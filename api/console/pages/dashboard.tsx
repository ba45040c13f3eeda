/** The dashboard: what the coordinator checks first. */
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { rows } from '../../db/rows.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatLocal, periodContaining } from '../../settlement/periods.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout, MerchantPointsTable } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

const DAYS = 60;

/** The alliance-local date of an instant, "YYYY-MM-DD". */
const localDay = (at: Date, timeZone: string) => formatLocal(timeZone, at).slice(0, 10);

/** Bars drawn on the server: one a day, oldest on the left. */
function barChart(days: { day: string; n: number }[], label: string) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...days.map((d) => d.n));
  const bw = width / days.length;
  return (
    <svg
      viewBox={`0 0 ${width} ${height + 20}`}
      width="100%"
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
      class="chart"
    >
      {days.map((d, i) => {
        const h = Math.round((d.n / max) * height);
        return (
          <rect x={(i * bw + 1).toFixed(1)} y={height - h} width={(bw - 2).toFixed(1)} height={h} fill="#2a7">
            <title>
              {d.day}: {d.n}
            </title>
          </rect>
        );
      })}
      <text x="0" y={height + 15} font-size="11">
        {days[0]?.day}
      </text>
      <text x={width} y={height + 15} font-size="11" text-anchor="end">
        {days.at(-1)?.day} · max {max}
      </text>
    </svg>
  );
}

export async function dashboardPage(c: Context<ConsoleEnv>, deps: RouteDeps) {
  const w = t(c.get('lang'));
  const allianceId = c.get('principal').allianceId;
  const tz = c.get('alliance').timezone;
  const now = deps.clock.now();
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
  const monthAgo = new Date(now.getTime() - 30 * 24 * 3600 * 1000).toISOString();
  const month = periodContaining({ timezone: tz, periodMonths: 1 }, now);
  const [figures] = await rows<Record<string, string | number | null>>(
    deps.db,
    sql`select
      (select count(*) from residents where alliance_id = ${allianceId}) as residents,
      (select count(distinct resident_id) from holds
        where alliance_id = ${allianceId} and issued_at >= ${monthAgo}::timestamptz) as active_residents,
      (select count(*) from merchants where alliance_id = ${allianceId}) as merchants,
      (select count(distinct merchant_id) from redemptions where alliance_id = ${allianceId}
        and outcome = 'accepted' and received_at >= ${monthAgo}::timestamptz) as active_merchants,
      (select count(*) from devices where alliance_id = ${allianceId} and revoked_at is null) as devices,
      (select coalesce(sum(amount), 0) from transfers where alliance_id = ${allianceId} and kind = 'mint') as issued,
      (select coalesce(sum(case when kind = 'capture' then amount else -amount end), 0) from transfers
        where alliance_id = ${allianceId} and kind in ('capture', 'reverse')) as redeemed,
      (select coalesce(sum(balance), 0) from ledger_accounts
        where alliance_id = ${allianceId} and kind in ('resident', 'household')) as free,
      (select coalesce(sum(cap_points), 0) from holds where alliance_id = ${allianceId} and state = 'open') as held,
      (select count(*) from conflicts where alliance_id = ${allianceId} and bears is null) as waiting`,
  );
  const n = (k: string) => Number(figures?.[k] ?? 0);
  // Counted by the database, one row a day in the alliance's time zone, however busy the town.
  const since = new Date(now.getTime() - (DAYS + 1) * 24 * 3600 * 1000).toISOString();
  const perDayRows = await rows<{ day: string; n: string | number }>(
    deps.db,
    sql`select to_char(received_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*) as n
        from redemptions where alliance_id = ${allianceId} and outcome = 'accepted'
          and received_at >= ${since}::timestamptz
        group by 1`,
  );
  const perDay = new Map(perDayRows.map((r) => [r.day, Number(r.n)]));
  const days = Array.from({ length: DAYS }, (_, i) => {
    const day = localDay(new Date(now.getTime() - (DAYS - 1 - i) * 24 * 3600 * 1000), tz);
    return { day, n: perDay.get(day) ?? 0 };
  });
  const top = await rows<{ id: string; name: string; n: string | number; points: string | number }>(
    deps.db,
    sql`select m.id, m.name, count(*) as n, sum(r.points) as points
        from redemptions r join merchants m on m.id = r.merchant_id
        where r.alliance_id = ${allianceId} and r.outcome = 'accepted'
          and r.received_at >= ${month.startsAt.toISOString()}::timestamptz
        group by m.id, m.name order by points desc, m.name limit 5`,
  );
  const quiet = await rows<{
    id: string;
    name: string;
    merchant_id: string;
    merchant: string;
    last_seen_at: string | Date | null;
  }>(
    deps.db,
    sql`select d.id, d.name, d.merchant_id, m.name as merchant, d.last_seen_at
        from devices d join merchants m on m.id = d.merchant_id
        where d.alliance_id = ${allianceId} and d.revoked_at is null
          and (d.last_seen_at is null or d.last_seen_at < ${dayAgo}::timestamptz)
        order by d.last_seen_at nulls first limit 20`,
  );
  const stats = [
    [w.residentCount, `${n('residents')}`, 'residents', `${w.activeIn30Days} ${n('active_residents')}`],
    [w.merchantCount, `${n('merchants')}`, 'merchants', `${w.activeIn30Days} ${n('active_merchants')}`],
    [w.deviceCount, `${n('devices')}`, 'devices', ''],
    [w.issued, `${n('issued')}`, 'issued', ''],
    [w.redeemed, `${n('redeemed')}`, 'redeemed', ''],
    [w.outstanding, `${n('free') + n('held')}`, 'outstanding', w.outstandingHelp],
    [w.held, `${n('held')}`, 'held', ''],
    [w.conflictsWaiting, `${n('waiting')}`, 'conflicts', ''],
    [w.devicesQuiet, `${quiet.length}`, 'quiet-devices', ''],
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
      {n('waiting') > 0 && (
        <p>
          <a href="/console/conflicts">
            {w.conflictsWaiting}: {n('waiting')} →
          </a>
        </p>
      )}
      <h2>{w.redemptionsPerDay}</h2>
      {barChart(days, w.redemptionsPerDay)}
      <h2>
        {w.topMerchants} ({month.label})
      </h2>
      {top.length === 0 ? (
        <p class="muted">{w.noneYet}</p>
      ) : (
        <MerchantPointsTable
          w={w}
          name="top-merchants"
          rows={top.map((m) => ({
            label: <a href={`/console/merchants/${m.id}`}>{m.name}</a>,
            redemptions: Number(m.n),
            points: Number(m.points),
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
                    <a href={`/console/merchants/${d.merchant_id}`}>{d.merchant}</a>
                  </td>
                  <td>
                    {d.name} ({d.id})
                  </td>
                  <td>{d.last_seen_at ? formatTime(new Date(d.last_seen_at), tz) : w.never}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>,
  );
}
