/**
 * What the coordinator checks first, counted by the database however busy the town: people and
 * devices (and how many were active in 30 days), points issued, redeemed (redeemed.ts), outstanding and held,
 * conflicts waiting, accepted redemptions a day, the month's busiest merchants, quiet devices.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { formatLocal, periodContaining } from '../local-time.ts';
import { redeemedByMerchant } from './redeemed.ts';

const DAY_MS = 24 * 3600 * 1000;

export interface DashboardFigures {
  residents: number;
  activeResidents: number;
  merchants: number;
  activeMerchants: number;
  devices: number;
  issued: number;
  redeemed: number;
  free: number;
  held: number;
  conflictsWaiting: number;
}

export async function dashboardFigures(
  db: Queryable,
  allianceId: string,
  clock: Clock,
): Promise<DashboardFigures> {
  const monthAgo = new Date(clock.now().getTime() - 30 * DAY_MS).toISOString();
  const [f] = await rows<Record<string, string | number | null>>(
    db,
    sql`select
      (select count(*) from residents where alliance_id = ${allianceId}) as residents,
      (select count(distinct resident_id) from holds
        where alliance_id = ${allianceId} and issued_at >= ${monthAgo}::timestamptz) as active_residents,
      (select count(*) from merchants where alliance_id = ${allianceId}) as merchants,
      (select count(distinct merchant_id) from redemptions where alliance_id = ${allianceId}
        and outcome = 'accepted' and received_at >= ${monthAgo}::timestamptz) as active_merchants,
      (select count(*) from devices where alliance_id = ${allianceId} and revoked_at is null) as devices,
      (select coalesce(sum(amount), 0) from transfers where alliance_id = ${allianceId} and kind = 'mint') as issued,
      (select coalesce(sum(balance), 0) from ledger_accounts
        where alliance_id = ${allianceId} and kind in ('resident', 'household')) as free,
      (select coalesce(sum(cap_points), 0) from holds where alliance_id = ${allianceId} and state = 'open') as held,
      (select count(*) from conflicts where alliance_id = ${allianceId} and bears is null) as waiting`,
  );
  const n = (k: string) => Number(f?.[k] ?? 0);
  return {
    residents: n('residents'),
    activeResidents: n('active_residents'),
    merchants: n('merchants'),
    activeMerchants: n('active_merchants'),
    devices: n('devices'),
    issued: n('issued'),
    redeemed: (await redeemedByMerchant(db, { allianceId })).reduce((sum, m) => sum + m.points, 0),
    free: n('free'),
    held: n('held'),
    conflictsWaiting: n('waiting'),
  };
}

/** Accepted redemptions on each of the last `days` local days, oldest first (0 on a quiet day). */
export async function redemptionsPerDay(
  db: Queryable,
  input: { allianceId: string; timezone: string; days: number },
  clock: Clock,
): Promise<{ day: string; n: number }[]> {
  const now = clock.now();
  const since = new Date(now.getTime() - (input.days + 1) * DAY_MS).toISOString();
  const counted = await rows<{ day: string; n: string | number }>(
    db,
    sql`select to_char(received_at at time zone ${input.timezone}, 'YYYY-MM-DD') as day, count(*) as n
        from redemptions where alliance_id = ${input.allianceId} and outcome = 'accepted'
          and received_at >= ${since}::timestamptz
        group by 1`,
  );
  const perDay = new Map(counted.map((r) => [r.day, Number(r.n)]));
  return Array.from({ length: input.days }, (_, i) => {
    const day = formatLocal(input.timezone, new Date(now.getTime() - (input.days - 1 - i) * DAY_MS)).slice(
      0,
      10,
    );
    return { day, n: perDay.get(day) ?? 0 };
  });
}

/** This month's five merchants with the most points redeemed (redeemed.ts: net of reversals). */
export async function topMerchantsThisMonth(
  db: Queryable,
  input: { allianceId: string; timezone: string },
  clock: Clock,
) {
  const month = periodContaining({ timezone: input.timezone, periodMonths: 1 }, clock.now());
  const merchants = await redeemedByMerchant(db, {
    allianceId: input.allianceId,
    from: month.startsAt,
    until: month.endsAt,
    limit: 5,
  });
  return { label: month.label, merchants };
}

/** Devices not heard from for a day (or never), the quietest first. */
export async function quietDevices(db: Queryable, allianceId: string, clock: Clock) {
  const dayAgo = new Date(clock.now().getTime() - DAY_MS).toISOString();
  const quiet = await rows<{
    id: string;
    name: string;
    merchant_id: string;
    merchant: string;
    last_seen_at: string | Date | null;
  }>(
    db,
    sql`select d.id, d.name, d.merchant_id, m.name as merchant, d.last_seen_at
        from devices d join merchants m on m.id = d.merchant_id
        where d.alliance_id = ${allianceId} and d.revoked_at is null
          and (d.last_seen_at is null or d.last_seen_at < ${dayAgo}::timestamptz)
        order by d.last_seen_at nulls first limit 20`,
  );
  return quiet.map((d) => ({
    id: d.id,
    name: d.name,
    merchantId: d.merchant_id,
    merchantName: d.merchant,
    lastSeenAt: d.last_seen_at ? new Date(d.last_seen_at) : null,
  }));
}
