/**
 * What the public screen (一屏公示) shows, read for one screen link: today's and this month's top
 * ten residents (in the screen's community, else alliance-wide; rankings/queries.ts), the latest
 * good deeds from the public feed (hidden ones stay out; earning/feed.ts), the activities not over
 * yet that are open to the screen's community, this month's points earned (as rankings count
 * them: mints and restores less what deductions took) and spent at merchants (captures less
 * reversals: ledger/redeemed.ts), and the alliance's merchants with their offers.
 *
 * Nothing private: names masked (王*兰), no ids of residents or households, no phone numbers, no
 * notes a resident wrote, no one's balance. The deeds' photos are paths the screen fetches with
 * its own token, and `screenPhoto` serves only photos of the deeds this answer would show.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ScreenData } from '../../shared/api/screen.ts';
import { maskName } from '../../shared/text.ts';
import { activitiesOf, signupCounts } from '../activities/activities.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { allianceSettings, merchantsWithOffers } from '../directory/queries.ts';
import { evidenceFile, evidenceOf } from '../earning/evidence.ts';
import { publicFeed } from '../earning/feed.ts';
import { AppError } from '../errors.ts';
import { redeemedByMerchant } from '../ledger/redeemed.ts';
import { localDate, ranking, rankingPeriod } from '../rankings/queries.ts';
import type { ScreenLink } from './links.ts';

export const SCREEN_TOP = 10;
export const SCREEN_DEEDS = 6;
export const SCREEN_PHOTOS_PER_DEED = 2;
export const SCREEN_ACTIVITIES = 6;
export const SCREEN_MERCHANTS = 12;

const pad = (n: number) => String(n).padStart(2, '0');

/** The deeds the screen shows, with their photos' evidence ids. */
async function shownDeeds(db: Queryable, allianceId: string) {
  const items = await publicFeed(db, { allianceId, limit: SCREEN_DEEDS });
  const photos = await evidenceOf(db, { claimIds: items.map((i) => i.claim.id) });
  return items.map((i) => ({
    item: i,
    photoIds: photos
      .filter((p) => p.claimId === i.claim.id && !p.removedAt)
      .map((p) => p.id)
      .slice(0, SCREEN_PHOTOS_PER_DEED),
  }));
}

/** Points earned in [start, end): the community's households' accounts, or the whole alliance. */
async function pointsEarned(
  db: Queryable,
  input: { allianceId: string; community: string | null; start: Date; end: Date },
): Promise<number> {
  const range = sql`t.created_at >= ${input.start.toISOString()}::timestamptz and t.created_at < ${input.end.toISOString()}::timestamptz`;
  const signed = sql`case when t.kind = 'deduct' then -t.amount else t.amount end`;
  const query: SQL =
    input.community === null
      ? sql`select coalesce(sum(${signed}), 0) as points from transfers t
            where t.alliance_id = ${input.allianceId} and t.kind in ('mint', 'deduct', 'restore') and ${range}`
      : sql`with accounts as (
              select a.id from households h
              join ledger_accounts a on a.alliance_id = h.alliance_id and a.kind = 'household' and a.owner_id = h.id
              where h.alliance_id = ${input.allianceId} and h.community = ${input.community}
            )
            select coalesce(sum(${signed}), 0) as points from transfers t
            where t.alliance_id = ${input.allianceId} and ${range}
              and ((t.kind in ('mint', 'restore') and t.credit_account_id in (select id from accounts))
                or (t.kind = 'deduct' and t.debit_account_id in (select id from accounts)))`;
  const [row] = await rows<{ points: string | number }>(db, query);
  return Number(row?.points ?? 0);
}

export async function screenData(
  db: Queryable,
  input: { link: ScreenLink; token: string; now: Date },
): Promise<ScreenData> {
  const { link, now } = input;
  const allianceId = link.allianceId;
  const community = link.community;
  const settings = await allianceSettings(db, allianceId);
  const tz = settings.timezone;
  const today = localDate(tz, now);
  const day = rankingPeriod(tz, 'day', today);
  const month = rankingPeriod(tz, 'month', today);
  const top = async (period: { start: Date; end: Date }) =>
    (
      await ranking(db, {
        allianceId,
        scope: 'residents',
        start: period.start,
        end: period.end,
        community: community ?? undefined,
        limit: SCREEN_TOP,
      })
    ).top.map((l) => ({ rank: l.rank, name: maskName(l.name), points: l.points }));

  const deeds = await shownDeeds(db, allianceId);
  const upcoming = (await activitiesOf(db, allianceId, { upcomingAt: now, limit: 50 }))
    .filter((a) => community === null || a.communities.length === 0 || a.communities.includes(community))
    .slice(0, SCREEN_ACTIVITIES);
  const counts = await signupCounts(
    db,
    upcoming.map((a) => a.id),
  );
  const spent = await redeemedByMerchant(db, { allianceId, from: month.start, until: month.end });
  const merchants = (await merchantsWithOffers(db, allianceId)).slice(0, SCREEN_MERCHANTS);
  const photoPath = (id: string) => `/v1/screen/${input.token}/photos/${id}`;

  return {
    alliance: settings.name,
    screen: { name: link.name, community },
    generatedAt: now.toISOString(),
    timezone: tz,
    today: { day: `${today.year}-${pad(today.month)}-${pad(today.day)}`, top: await top(day) },
    month: { month: `${today.year}-${pad(today.month)}`, top: await top(month) },
    deeds: deeds.map(({ item, photoIds }) => ({
      name: item.name,
      title: item.titleZh,
      points: item.claim.awardedPoints ?? 0,
      occurredOn: item.claim.occurredOn,
      approvedAt: (item.claim.decidedAt ?? item.claim.updatedAt).toISOString(),
      photos: photoIds.map(photoPath),
    })),
    activities: upcoming.map((a) => ({
      title: a.title,
      place: a.place,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      capacity: a.capacity,
      placesLeft: Math.max(0, a.capacity - (counts.get(a.id)?.signedUp ?? 0)),
    })),
    points: {
      month: `${today.year}-${pad(today.month)}`,
      earned: await pointsEarned(db, { allianceId, community, start: month.start, end: month.end }),
      spentAtMerchants: spent.reduce((sum, m) => sum + m.points, 0),
    },
    merchants: merchants.map(({ merchant, offers }) => ({
      name: merchant.name,
      address: merchant.address,
      offers: offers.map((o) => o.titleZh),
    })),
  };
}

/** A photo of a deed the screen shows now; any other photo is refused. */
export async function screenPhoto(db: Queryable, link: ScreenLink, photoId: string) {
  const shown = (await shownDeeds(db, link.allianceId)).some((d) => d.photoIds.includes(photoId));
  const file = shown ? await evidenceFile(db, link.allianceId, photoId) : undefined;
  if (!file?.claimPublic) {
    throw new AppError('screen_photo_not_found', { detail: 'The screen shows no deed with this photo.' });
  }
  if (file.removedAt || !file.bytes) throw new AppError('evidence_removed');
  return { contentType: file.contentType, bytes: file.bytes };
}
