/**
 * An offer's rules at the counter (issue #18): a limit per person ("每人每月限一次"), a season
 * (dates, weekdays, hours in the alliance's time zone) and a minimum bill. "Per person" is the
 * member whose code was shown: every hold records its resident (holds.resident_id), so two
 * members of one household sharing one account are counted apart; a household card counts for
 * its holder (cards.resident_id through card_uses), so a code and a card add up.
 * Promises: read-only; a broken rule is named with its problem code and a sentence, never thrown
 * here — online the caller refuses before anything is taken, offline (the shop already gave the
 * discount) the record is captured and the sentence is stored and answered as a breach. The
 * count is read before the capture, not under its lock: two captures of one person at the same
 * instant may both pass online (the second then shows in the shop's day list), never lose points.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { OfferLimit, OfferSeason } from '../../shared/api/offer-rules.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { coupons, holds, offers } from '../db/schema/index.ts';
import { localDay, localMidnight, localTime } from '../local-time.ts';

export type Offer = typeof offers.$inferSelect;

export type RuleCode = 'offer_limit_reached' | 'offer_out_of_season' | 'offer_min_bill';

export interface BrokenRule {
  code: RuleCode;
  /** In English, for the record's breach and the problem's detail. */
  detail: string;
}

/** The merchant's offer a record names by its code, if any. */
export async function offerByCode(
  q: Queryable,
  merchantId: string,
  code: string,
): Promise<Offer | undefined> {
  const [row] = await q
    .select()
    .from(offers)
    .where(and(eq(offers.merchantId, merchantId), eq(offers.code, code)));
  return row;
}

/** [start, end) of the local day, ISO week (Monday first) or calendar month holding `at`. */
export function limitWindow(per: OfferLimit['per'], timezone: string, at: Date): { start: Date; end: Date } {
  if (per === 'day') return localDay(timezone, at);
  const l = localTime(timezone, at);
  if (per === 'month') {
    return {
      start: localMidnight(timezone, l.year, l.month, 1),
      end: localMidnight(timezone, l.year, l.month + 1, 1),
    };
  }
  const back = isoWeekday(l) - 1;
  return {
    start: localMidnight(timezone, l.year, l.month, l.day - back),
    end: localMidnight(timezone, l.year, l.month, l.day - back + 7),
  };
}

const isoWeekday = (l: { year: number; month: number; day: number }) =>
  ((new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay() + 6) % 7) + 1;

const pad = (n: number) => String(n).padStart(2, '0');

/** Why `at` falls outside the season (in the alliance's time zone), or null. */
export function seasonProblem(season: OfferSeason | null, timezone: string, at: Date): string | null {
  if (!season) return null;
  const l = localTime(timezone, at);
  const date = `${l.year}-${pad(l.month)}-${pad(l.day)}`;
  const time = `${pad(l.hour)}:${pad(l.minute)}`;
  if (season.from && date < season.from) return `offer starts on ${season.from}, it is ${date}`;
  if (season.to && date > season.to) return `offer ended on ${season.to}, it is ${date}`;
  if (season.weekdays && !season.weekdays.includes(isoWeekday(l))) {
    return `offer holds on weekdays ${season.weekdays.join(',')} (1 = Monday), ${date} is ${isoWeekday(l)}`;
  }
  if (season.hours && (time < season.hours.from || time >= season.hours.to)) {
    return `offer holds ${season.hours.from}-${season.hours.to}, it is ${time}`;
  }
  return null;
}

/**
 * Accepted, unreversed captures of the offer at its merchant by codes or cards of this resident
 * in the window (by the scan's time, else the server's), excluding `exceptRecordId`.
 */
async function usesIn(
  q: Queryable,
  input: { offer: Offer; residentId: string; start: Date; end: Date; exceptRecordId?: string },
): Promise<number> {
  const [row] = await rows<{ n: string | number }>(
    q,
    sql`select count(*) as n from redemptions r
        where r.merchant_id = ${input.offer.merchantId} and r.offer_id = ${input.offer.code}
          and r.outcome = 'accepted'
          and (exists (select 1 from holds h where h.alliance_id = r.alliance_id
                         and h.voucher_id = r.voucher_id and h.resident_id = ${input.residentId})
               or exists (select 1 from card_uses u join cards c on c.id = u.card_id
                         where u.record_id = r.id and c.resident_id = ${input.residentId}))
          and coalesce(r.scanned_at, r.received_at) >= ${input.start.toISOString()}::timestamptz
          and coalesce(r.scanned_at, r.received_at) < ${input.end.toISOString()}::timestamptz
          and r.id <> ${input.exceptRecordId ?? '00000000-0000-0000-0000-000000000000'}::uuid
          and not exists (select 1 from transfers t where t.kind = 'reverse' and t.reverses_id = r.transfer_id)`,
  );
  return Number(row?.n ?? 0);
}

/** Coupons of the offer the resident bought in the window (a coupon's limits count purchases). */
async function couponsBoughtIn(
  q: Queryable,
  input: { offer: Offer; residentId: string; start: Date; end: Date },
): Promise<number> {
  const [row] = await q
    .select({ n: sql<string>`count(*)` })
    .from(coupons)
    .where(
      and(
        eq(coupons.offerId, input.offer.id),
        eq(coupons.residentId, input.residentId),
        gte(coupons.boughtAt, input.start),
        lt(coupons.boughtAt, input.end),
      ),
    );
  return Number(row?.n ?? 0);
}

const PER_WORDS = { day: 'day', week: 'week', month: 'month' } as const;

/** The first limit the resident has reached with the offer at `at`, or null. */
export async function limitProblem(
  q: Queryable,
  input: {
    offer: Offer;
    residentId: string;
    timezone: string;
    at: Date;
    purchase?: boolean;
    exceptRecordId?: string;
  },
): Promise<string | null> {
  for (const limit of input.offer.limits ?? []) {
    const window = limitWindow(limit.per, input.timezone, input.at);
    const args = { offer: input.offer, residentId: input.residentId, ...window };
    const used = input.purchase
      ? await couponsBoughtIn(q, args)
      : await usesIn(q, {
          ...args,
          ...(input.exceptRecordId ? { exceptRecordId: input.exceptRecordId } : {}),
        });
    if (used >= limit.count) {
      return `offer ${input.offer.code} is limited to ${limit.count} per person per ${PER_WORDS[limit.per]}, used ${used} time(s) already`;
    }
  }
  return null;
}

/**
 * The first rule a record breaks: its offer's season at `at`, its minimum bill, then the limit
 * per person (skipped for a coupon: its limits counted the purchases). Null when none, and when
 * the record names no offer of this merchant or a voucher nobody holds (the capture refuses that).
 */
export async function brokenOfferRule(
  q: Queryable,
  input: {
    allianceId: string;
    merchantId: string;
    offerCode: string | null | undefined;
    /** Whose code it is (its hold's resident); or, for a household card, `residentId` directly. */
    voucherId?: string;
    residentId?: string;
    billFen: number;
    timezone: string;
    at: Date;
    recordId?: string;
  },
): Promise<BrokenRule | null> {
  if (!input.offerCode) return null;
  const offer = await offerByCode(q, input.merchantId, input.offerCode);
  if (!offer) return null;
  const broken = brokenSeasonOrBill(offer, input);
  if (broken) return broken;
  if (!offer.limits?.length) return null;
  let residentId = input.residentId;
  if (!residentId && input.voucherId) {
    const [hold] = await q
      .select({ residentId: holds.residentId, kind: holds.kind })
      .from(holds)
      .where(and(eq(holds.allianceId, input.allianceId), eq(holds.voucherId, input.voucherId)));
    if (!hold || hold.kind === 'coupon') return null;
    residentId = hold.residentId;
  }
  if (!residentId) return null;
  const limit = await limitProblem(q, {
    offer,
    residentId,
    timezone: input.timezone,
    at: input.at,
    ...(input.recordId ? { exceptRecordId: input.recordId } : {}),
  });
  return limit ? { code: 'offer_limit_reached', detail: limit } : null;
}

/** The offer's season at `at`, then its minimum bill: the rules that need no count (pure). */
export function brokenSeasonOrBill(
  offer: Offer,
  input: { billFen: number; timezone: string; at: Date },
): BrokenRule | null {
  const season = seasonProblem(offer.season, input.timezone, input.at);
  if (season) return { code: 'offer_out_of_season', detail: season };
  if (offer.minBillFen && input.billFen < offer.minBillFen) {
    return {
      code: 'offer_min_bill',
      detail: `bill of ${input.billFen} fen is below the offer's minimum of ${offer.minBillFen} fen`,
    };
  }
  return null;
}
