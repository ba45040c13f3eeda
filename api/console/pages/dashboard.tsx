/** The dashboard: what the coordinator checks first. */
import { count, isNull, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { rows } from '../../db/rows.ts';
import { devices, merchants, residents } from '../../db/schema/index.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatLocal } from '../../settlement/periods.ts';
import { t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
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
  const [r] = await deps.db.select({ n: count() }).from(residents);
  const [m] = await deps.db.select({ n: count() }).from(merchants);
  const [d] = await deps.db.select({ n: count() }).from(devices).where(isNull(devices.revokedAt));
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
  const [ledger] = await rows<Record<string, string | number | null>>(
    deps.db,
    sql`select
      (select coalesce(sum(amount), 0) from transfers where alliance_id = ${allianceId} and kind = 'mint') as issued,
      (select coalesce(sum(case when kind = 'capture' then amount else -amount end), 0) from transfers
        where alliance_id = ${allianceId} and kind in ('capture', 'reverse')) as redeemed,
      (select coalesce(sum(balance), 0) from ledger_accounts
        where alliance_id = ${allianceId} and kind in ('resident', 'household')) as free,
      (select coalesce(sum(cap_points), 0) from holds where alliance_id = ${allianceId} and state = 'open') as held,
      (select count(*) from conflicts where alliance_id = ${allianceId} and bears is null) as waiting,
      (select count(*) from devices where alliance_id = ${allianceId} and revoked_at is null
        and (last_seen_at is null or last_seen_at < ${dayAgo}::timestamptz)) as quiet`,
  );
  const n = (k: string) => Number(ledger?.[k] ?? 0);
  const since = new Date(now.getTime() - (DAYS + 1) * 24 * 3600 * 1000).toISOString();
  const received = await rows<{ received_at: string | Date }>(
    deps.db,
    sql`select received_at from redemptions where alliance_id = ${allianceId} and outcome = 'accepted'
      and received_at >= ${since}::timestamptz`,
  );
  const perDay = new Map<string, number>();
  for (const row of received) {
    const day = localDay(new Date(row.received_at), tz);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = Array.from({ length: DAYS }, (_, i) => {
    const day = localDay(new Date(now.getTime() - (DAYS - 1 - i) * 24 * 3600 * 1000), tz);
    return { day, n: perDay.get(day) ?? 0 };
  });
  const stats = [
    [w.residentCount, r!.n, 'residents'],
    [w.merchantCount, m!.n, 'merchants'],
    [w.deviceCount, d!.n, 'devices'],
    [w.issued, n('issued'), 'issued'],
    [w.redeemed, n('redeemed'), 'redeemed'],
    [w.outstanding, n('free') + n('held'), 'outstanding'],
    [w.held, n('held'), 'held'],
    [w.conflictsWaiting, n('waiting'), 'conflicts'],
    [w.devicesQuiet, n('quiet'), 'quiet-devices'],
  ] as const;
  return c.html(
    <Layout lang={c.get('lang')} title={w.dashboard} principal={c.get('principal')} path={c.req.path}>
      <h1>{w.dashboard}</h1>
      <div class="grid">
        {stats.map(([label, value, key]) => (
          <div class="card">
            <div class="muted">{label}</div>
            <div class="stat" data-stat={key}>
              {value}
            </div>
          </div>
        ))}
      </div>
      <h2>{w.redemptionsPerDay}</h2>
      {barChart(days, w.redemptionsPerDay)}
    </Layout>,
  );
}
