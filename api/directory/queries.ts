/**
 * The directory as screens read it: the alliance's settings, residents a page (or a search) at a
 * time with their household, households, merchants with their offers, devices and POS keys.
 * Read-only, scoped by alliance; both front doors and the use cases read through here.
 */
import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { alliances, devices, households, merchants, posKeys, residents } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { findMerchant, findResident, merchantOffers } from './directory.ts';

export type Alliance = typeof alliances.$inferSelect;
export type ResidentRow = typeof residents.$inferSelect;

export async function allianceSettings(db: Queryable, allianceId: string): Promise<Alliance> {
  const [row] = await db.select().from(alliances).where(eq(alliances.id, allianceId));
  if (!row) throw new AppError('alliance_not_found', { detail: 'No such alliance.' });
  return row;
}

export async function findMerchantByNumber(db: Queryable, allianceId: string, number: number) {
  const [row] = await db
    .select()
    .from(merchants)
    .where(and(eq(merchants.allianceId, allianceId), eq(merchants.number, number)));
  return row;
}

/** Searched as typed: % and _ are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Residents by name, one page at a time, with their household's name and the total found. */
export async function residentsPage(
  db: Queryable,
  input: { allianceId: string; q?: string | undefined; limit: number; offset: number },
) {
  const scope = eq(residents.allianceId, input.allianceId);
  const where = input.q
    ? and(
        scope,
        or(ilike(residents.name, likePattern(input.q)), ilike(residents.phone, likePattern(input.q))),
      )
    : scope;
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(residents).where(where);
  const rows = await db
    .select({ resident: residents, householdName: households.name })
    .from(residents)
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(where)
    .orderBy(asc(residents.name), asc(residents.id))
    .limit(input.limit)
    .offset(input.offset);
  return { total, rows };
}

/** The resident whose phone number is this one, compared digit for digit (spaces and dashes aside). */
export async function residentByPhone(db: Queryable, allianceId: string, phone: string) {
  const digits = phone.replace(/[^\d+]/g, '');
  if (!digits) return undefined;
  const [found] = await db
    .select({ id: residents.id, name: residents.name })
    .from(residents)
    .where(
      and(
        eq(residents.allianceId, allianceId),
        sql`regexp_replace(${residents.phone}, '[^0-9+]', '', 'g') = ${digits}`,
      ),
    )
    .limit(1);
  return found;
}

/** The communities households are in, by name (a household's community is a plain name). */
export async function communitiesOf(db: Queryable, allianceId: string): Promise<string[]> {
  const found = await db
    .selectDistinct({ community: households.community })
    .from(households)
    .where(and(eq(households.allianceId, allianceId), sql`${households.community} is not null`))
    .orderBy(asc(households.community));
  return found.map((r) => r.community!).filter(Boolean);
}

export function householdsOf(db: Queryable, allianceId: string) {
  return db
    .select()
    .from(households)
    .where(eq(households.allianceId, allianceId))
    .orderBy(asc(households.name));
}

/** A resident with the name of their household, or undefined when not in this alliance. */
export async function residentDetail(db: Queryable, allianceId: string, id: string) {
  const resident = await findResident(db, allianceId, id);
  if (!resident) return undefined;
  const [household] = resident.householdId
    ? await db
        .select({ name: households.name })
        .from(households)
        .where(eq(households.id, resident.householdId))
    : [];
  return { resident, householdName: household?.name ?? null };
}

export function merchantsOf(db: Queryable, allianceId: string) {
  return db
    .select()
    .from(merchants)
    .where(eq(merchants.allianceId, allianceId))
    .orderBy(asc(merchants.number));
}

/** Every merchant with its active offers (the API's list; the resident app's shops). */
export async function merchantsWithOffers(db: Queryable, allianceId: string) {
  const list = await merchantsOf(db, allianceId);
  return Promise.all(
    list.map(async (merchant) => ({ merchant, offers: await merchantOffers(db, merchant.id) })),
  );
}

/** One merchant's page: every offer (active or not), its devices and POS keys. */
export async function merchantDetail(db: Queryable, allianceId: string, id: string) {
  const merchant = await findMerchant(db, allianceId, id);
  if (!merchant) return undefined;
  const [offers, deviceRows, keyRows] = [
    await merchantOffers(db, merchant.id, { activeOnly: false }),
    await db
      .select()
      .from(devices)
      .where(eq(devices.merchantId, merchant.id))
      .orderBy(asc(devices.enrolledAt)),
    await db
      .select()
      .from(posKeys)
      .where(eq(posKeys.merchantId, merchant.id))
      .orderBy(asc(posKeys.createdAt)),
  ];
  return { merchant, offers, devices: deviceRows, posKeys: keyRows };
}
