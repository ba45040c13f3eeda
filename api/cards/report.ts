/**
 * The coordinator's report of card use for a month (issue #19, "for the coordinator"): by shop,
 * the uses and points online (with a PIN) and offline (without), what was refused, conflicts
 * and floor breaches; and the cards locked by wrong PINs or reported lost, with their holders.
 * Read-only: one grouped query for the shops, one for the cards.
 */
import { and, asc, desc, eq, gte, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { cards, cardUses, conflicts, merchants, redemptions, residents } from '../db/schema/index.ts';

export interface CardShopLine {
  merchantId: string;
  merchantName: string;
  onlineUses: number;
  onlinePoints: number;
  offlineUses: number;
  offlinePoints: number;
  /** Records the server did not accept (a lost card offline, a short balance…). */
  refused: number;
  conflicts: number;
  /** Offline records over the card's daily floor (still paid, reported). */
  floorBreaches: number;
}

export interface CardWatchLine {
  cardId: string;
  number: string;
  residentId: string;
  residentName: string;
  /** Locked by five wrong PINs and not unlocked yet. */
  locked: boolean;
  lockedAt: Date | null;
  lostAt: Date | null;
}

export interface CardReport {
  shops: CardShopLine[];
  /** Cards locked now, or reported lost during the month. */
  watch: CardWatchLine[];
}

const count = (condition: ReturnType<typeof sql>) => sql<string>`count(*) filter (where ${condition})`;
const points = (condition: ReturnType<typeof sql>) =>
  sql<string>`coalesce(sum(${redemptions.points}) filter (where ${condition}), 0)`;

export async function cardReport(
  q: Queryable,
  input: { allianceId: string; startsAt: Date; endsAt: Date },
): Promise<CardReport> {
  const accepted = sql`${redemptions.outcome} = 'accepted'`;
  const online = sql`${accepted} and not ${cardUses.offline}`;
  const offline = sql`${accepted} and ${cardUses.offline}`;
  const shops = await q
    .select({
      merchantId: merchants.id,
      merchantName: merchants.name,
      onlineUses: count(online),
      onlinePoints: points(online),
      offlineUses: count(offline),
      offlinePoints: points(offline),
      refused: count(sql`not ${accepted}`),
      conflicts: sql<string>`count(${conflicts.id})`,
      floorBreaches: count(sql`${cardUses.floorBreach} is not null`),
    })
    .from(cardUses)
    .innerJoin(redemptions, eq(redemptions.id, cardUses.recordId))
    .innerJoin(merchants, eq(merchants.id, cardUses.merchantId))
    .leftJoin(conflicts, eq(conflicts.recordId, cardUses.recordId))
    .where(
      and(
        eq(cardUses.allianceId, input.allianceId),
        gte(cardUses.createdAt, input.startsAt),
        lt(cardUses.createdAt, input.endsAt),
      ),
    )
    .groupBy(merchants.id, merchants.name)
    .orderBy(asc(merchants.name));

  const watch = await q
    .select({
      cardId: cards.id,
      number: cards.number,
      residentId: residents.id,
      residentName: residents.name,
      lockedAt: cards.lockedAt,
      lostAt: cards.lostAt,
    })
    .from(cards)
    .innerJoin(residents, eq(residents.id, cards.residentId))
    .where(
      and(
        eq(cards.allianceId, input.allianceId),
        or(
          and(isNotNull(cards.lockedAt), eq(cards.status, 'active')),
          and(gte(cards.lostAt, input.startsAt), lt(cards.lostAt, input.endsAt)),
        ),
      ),
    )
    .orderBy(desc(sql`coalesce(${cards.lostAt}, ${cards.lockedAt})`));

  return {
    shops: shops.map((s) => ({
      merchantId: s.merchantId,
      merchantName: s.merchantName,
      onlineUses: Number(s.onlineUses),
      onlinePoints: Number(s.onlinePoints),
      offlineUses: Number(s.offlineUses),
      offlinePoints: Number(s.offlinePoints),
      refused: Number(s.refused),
      conflicts: Number(s.conflicts),
      floorBreaches: Number(s.floorBreaches),
    })),
    watch: watch.map((w) => ({ ...w, locked: w.lockedAt !== null })),
  };
}
