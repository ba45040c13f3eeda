/**
 * Households as places (issue #16): a door number (门牌号), a community and a grid (网格, plain
 * names for now), members, and the door plate. The plate's QR holds a URL with an unguessable
 * token — an HMAC of the household and the plate's generation under a key derived from the
 * app's master key, never the household's id. Only the token's SHA-256 is stored, so it is
 * looked up by hash; a reissue bumps the generation and the old token stops working. Staff with
 * areas (staff_users.areas) reach only households whose grid or community is in them.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { sqlState } from '../db/error-log.ts';
import { households, residents, staffUsers } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { moveIntoHousehold, planHouseholdMove } from '../ledger/household-move.ts';

export type Household = typeof households.$inferSelect;

export const PLATE_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The key plate tokens are made with, derived from the enrollment-code key (itself from the master key). */
export const plateKey = (codeKey: Uint8Array): Uint8Array =>
  new Uint8Array(createHmac('sha256', codeKey).update('door-plate-v1').digest());

export const plateToken = (key: Uint8Array, householdId: string, generation: number): string =>
  createHmac('sha256', key)
    .update(`${householdId}\n${generation}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');

export const plateHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The path the inspector's page is served at (the page itself comes with the UI). */
export const platePath = (token: string) => `/inspect/${token}`;

/** The current plate's token, or null when the household has no plate yet. */
export const currentPlateToken = (key: Uint8Array, h: Pick<Household, 'id' | 'plateGeneration'>) =>
  h.plateGeneration > 0 ? plateToken(key, h.id, h.plateGeneration) : null;

/** The staff member's areas: empty means every grid and community. */
export async function staffAreas(db: Queryable, staffId: string): Promise<string[]> {
  const [row] = await db
    .select({ areas: staffUsers.areas })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  return row?.areas ?? [];
}

export const inAreas = (areas: readonly string[], h: Pick<Household, 'grid' | 'community'>) =>
  areas.length === 0 ||
  (!!h.grid && areas.includes(h.grid)) ||
  (!!h.community && areas.includes(h.community));

export function requireInAreas(areas: readonly string[], h: Household): void {
  if (!inAreas(areas, h)) {
    throw new AppError('outside_your_area', {
      detail: `Household ${h.doorNumber ?? h.id} is in grid ${h.grid ?? '-'} / community ${h.community ?? '-'}, not in your areas.`,
    });
  }
}

export async function requireHousehold(db: Queryable, allianceId: string, id: string): Promise<Household> {
  const [row] = await db
    .select()
    .from(households)
    .where(and(eq(households.id, id), eq(households.allianceId, allianceId)));
  if (!row) throw new AppError('household_not_found', { detail: 'No such household.' });
  return row;
}

export async function householdByPlate(db: Queryable, allianceId: string, token: string): Promise<Household> {
  const [row] = PLATE_TOKEN.test(token)
    ? await db
        .select()
        .from(households)
        .where(and(eq(households.plateHash, plateHash(token)), eq(households.allianceId, allianceId)))
    : [];
  if (!row) throw new AppError('plate_not_found', { detail: 'No household has this plate token (now).' });
  return row;
}

export interface NewPlace {
  allianceId: string;
  name: string;
  doorNumber?: string | undefined;
  community?: string | undefined;
  grid?: string | undefined;
  memberIds?: string[] | undefined;
  actorId: string;
  plateKey: Uint8Array;
}

/**
 * A household with its first plate and its members (a member from an account of their own brings
 * their free points along, as when joining through the directory). Answers the plate's token.
 */
export async function addPlace(tx: Tx, input: NewPlace, clock: Clock) {
  const id = randomUUID();
  const token = plateToken(input.plateKey, id, 1);
  let row: Household;
  try {
    [row] = (await tx
      .insert(households)
      .values({
        id,
        allianceId: input.allianceId,
        name: input.name,
        doorNumber: input.doorNumber ?? null,
        community: input.community ?? null,
        grid: input.grid ?? null,
        plateHash: plateHash(token),
        plateGeneration: 1,
      })
      .returning()) as [Household];
  } catch (e) {
    if (sqlState(e) === '23505') {
      throw new AppError('door_number_taken', { detail: `Door number ${input.doorNumber} is taken.` });
    }
    throw e;
  }
  const memberIds = [...new Set(input.memberIds ?? [])];
  if (memberIds.length > 0) {
    const members = await tx
      .select()
      .from(residents)
      .where(and(eq(residents.allianceId, input.allianceId), inArray(residents.id, memberIds)));
    if (members.length !== memberIds.length) {
      throw new AppError('resident_not_found', { detail: 'A member id is not a resident of this alliance.' });
    }
    for (const m of members) {
      if (!m.householdId) {
        const move = await planHouseholdMove(tx, {
          allianceId: input.allianceId,
          residentId: m.id,
          householdId: id,
        });
        await moveIntoHousehold(tx, move, input.actorId, clock);
      }
    }
    await tx.update(residents).set({ householdId: id }).where(inArray(residents.id, memberIds));
  }
  return { household: row, token };
}

/** A new plate: the old token stops working at once. Answers the new token. */
export async function reissuePlate(tx: Tx, allianceId: string, id: string, key: Uint8Array) {
  const [current] = await tx
    .select()
    .from(households)
    .where(and(eq(households.id, id), eq(households.allianceId, allianceId)))
    .for('update');
  if (!current) throw new AppError('household_not_found', { detail: 'No such household.' });
  const generation = current.plateGeneration + 1;
  const token = plateToken(key, id, generation);
  const [row] = await tx
    .update(households)
    .set({ plateGeneration: generation, plateHash: plateHash(token) })
    .where(eq(households.id, id))
    .returning();
  return { household: row!, token };
}

/** Households by door number, name or a member's phone, within the staff member's areas. */
export async function searchPlaces(
  db: Queryable,
  input: { allianceId: string; door?: string | undefined; areas: readonly string[]; limit: number },
) {
  const like = input.door ? `%${input.door.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const found = await db
    .select()
    .from(households)
    .where(
      and(
        eq(households.allianceId, input.allianceId),
        like
          ? or(
              ilike(households.doorNumber, like),
              ilike(households.name, like),
              sql`exists (select 1 from residents r where r.household_id = ${households.id} and r.phone like ${like})`,
            )
          : undefined,
        input.areas.length
          ? or(inArray(households.grid, [...input.areas]), inArray(households.community, [...input.areas]))
          : undefined,
      ),
    )
    .orderBy(asc(households.doorNumber), asc(households.name))
    .limit(input.limit);
  const members = await membersOf(
    db,
    found.map((h) => h.id),
  );
  return found.map((h) => ({ household: h, members: members.filter((m) => m.householdId === h.id) }));
}

/** The members of some households, by name. */
export async function membersOf(db: Queryable, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  return db
    .select({ id: residents.id, name: residents.name, householdId: residents.householdId })
    .from(residents)
    .where(inArray(residents.householdId, householdIds))
    .orderBy(asc(residents.name));
}

/** The ids of a household's members now. */
export async function memberIds(db: Queryable, householdId: string): Promise<string[]> {
  const rows = await db
    .select({ id: residents.id })
    .from(residents)
    .where(eq(residents.householdId, householdId));
  return rows.map((r) => r.id);
}
