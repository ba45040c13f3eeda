/**
 * The ledger as screens read it: a resident's balance view and history in words, the state of a
 * voucher's hold, a merchant's records of one day, a device's last seq. Read-only, scoped by
 * alliance (and by merchant or device where the reader is one).
 */
import { and, desc, eq, gte, inArray, isNotNull, lt, max, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import {
  alliances,
  conflicts,
  devices,
  holds,
  households,
  merchants,
  offers,
  redemptions,
  residents,
  transfers,
} from '../db/schema/index.ts';
import type { HoldState } from '../db/schema/kinds.ts';
import { holderAccount } from './accounts.ts';

/** A resident with their household's and alliance's names and the alliance's code settings. */
export async function residentView(db: Queryable, allianceId: string, residentId: string) {
  const [row] = await db
    .select({
      resident: residents,
      householdName: households.name,
      community: households.community,
      allianceName: alliances.name,
      timezone: alliances.timezone,
      defaultVoucherCap: alliances.defaultVoucherCap,
    })
    .from(residents)
    .innerJoin(alliances, eq(alliances.id, residents.allianceId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(residents.id, residentId), eq(residents.allianceId, allianceId)));
  return row;
}

export type HistoryKind = 'earned' | 'spent' | 'adjusted' | 'reversed' | 'deducted' | 'restored';

/**
 * The holder's history in words: grants and corrections, captures (from a held voucher or late
 * from the free balance) with the merchant and offer, and reversals. A voucher's hold and its
 * release are not lines: showing a code spends nothing.
 */
export async function historyInWords(
  db: Queryable,
  input: { allianceId: string; residentId: string; limit: number; before?: Date | undefined },
) {
  const { accountId } = await holderAccount(db, input.allianceId, input.residentId);
  return accountHistory(db, { ...input, accountId });
}

/** Kinds whose reason is words for people (a grant's, a rule's, an appeal's); others carry system notes. */
const WORDED_KINDS = ['mint', 'deduct', 'restore'] as const;

/**
 * One account's history in words (a resident's or a household's), newest first: as
 * historyInWords says. `wordedKinds` widens which transfers show their reason (a household's file
 * shows its scoring corrections' too).
 */
export async function accountHistory(
  db: Queryable,
  input: {
    allianceId: string;
    accountId: string;
    limit: number;
    before?: Date | undefined;
    wordedKinds?: readonly string[];
  },
) {
  const { accountId } = input;
  const worded = input.wordedKinds ?? WORDED_KINDS;
  const ownHolds = db.select({ id: holds.id }).from(holds).where(eq(holds.accountId, accountId));
  const found = await db
    .select({
      t: transfers,
      merchantName: merchants.name,
      offerTitleZh: offers.titleZh,
      offerTitleEn: offers.titleEn,
    })
    .from(transfers)
    .leftJoin(redemptions, eq(redemptions.id, transfers.recordId))
    .leftJoin(merchants, eq(merchants.id, redemptions.merchantId))
    .leftJoin(
      offers,
      and(eq(offers.merchantId, redemptions.merchantId), eq(offers.code, redemptions.offerId)),
    )
    .where(
      and(
        eq(transfers.allianceId, input.allianceId),
        input.before ? lt(transfers.createdAt, input.before) : undefined,
        or(
          and(
            inArray(transfers.kind, ['mint', 'adjust', 'move', 'reverse', 'capture', 'deduct', 'restore']),
            or(eq(transfers.debitAccountId, accountId), eq(transfers.creditAccountId, accountId)),
          ),
          and(eq(transfers.kind, 'capture'), inArray(transfers.pendingId, ownHolds)),
        ),
      ),
    )
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(input.limit);
  return found.map(({ t, merchantName, offerTitleZh, offerTitleEn }) => ({
    id: t.id,
    at: t.createdAt,
    kind: historyKind(t.kind),
    /** The ledger's own kind (mint, capture, reverse, move, adjust), for staff screens. */
    ledgerKind: t.kind,
    points: t.creditAccountId === accountId ? t.amount : -t.amount,
    reason: worded.includes(t.kind) ? t.reason : null,
    merchantName: merchantName ?? null,
    offerTitleZh: offerTitleZh ?? null,
    offerTitleEn: offerTitleEn ?? null,
  }));
}

const HISTORY_KINDS: Record<string, HistoryKind> = {
  mint: 'earned',
  reverse: 'reversed',
  adjust: 'adjusted',
  move: 'adjusted',
  deduct: 'deducted',
  restore: 'restored',
};
const historyKind = (kind: string): HistoryKind => HISTORY_KINDS[kind] ?? 'spent';

/** The state of a voucher's hold, or undefined when no hold was ever placed for it. */
export async function voucherHoldState(db: Queryable, allianceId: string, voucherId: string) {
  const [hold] = await db
    .select({ state: holds.state })
    .from(holds)
    .where(and(eq(holds.allianceId, allianceId), eq(holds.voucherId, voucherId)));
  return hold?.state as HoldState | undefined;
}

/** The resident's own hold for a voucher (a resident may put away only their own code). */
export async function residentHoldOf(
  db: Queryable,
  input: { allianceId: string; residentId: string; voucherId: string },
) {
  const [own] = await db
    .select({ id: holds.id, state: holds.state })
    .from(holds)
    .where(
      and(
        eq(holds.allianceId, input.allianceId),
        eq(holds.voucherId, input.voucherId),
        eq(holds.residentId, input.residentId),
        // A coupon is not put away like a code: it is used, or its points come back at expiry.
        eq(holds.kind, 'voucher'),
      ),
    );
  return own;
}

/** The highest record seq the API has from a device (0 if none): the device continues after it. */
export async function deviceLastSeq(db: Queryable, deviceId: string): Promise<number> {
  const [last] = await db
    .select({ seq: max(redemptions.seq) })
    .from(redemptions)
    .where(and(eq(redemptions.deviceId, deviceId), isNotNull(redemptions.seq)));
  return Number(last?.seq ?? 0);
}

/** A merchant's records received in [start, end), with whether each capture was reversed. */
export async function merchantRecords(db: Queryable, input: { merchantId: string; start: Date; end: Date }) {
  return db
    .select({
      record: redemptions,
      reversal: transfers.id,
      conflictId: conflicts.id,
      conflictBears: conflicts.bears,
      offerTitleZh: offers.titleZh,
      offerTitleEn: offers.titleEn,
      deviceName: devices.name,
    })
    .from(redemptions)
    .leftJoin(transfers, and(eq(transfers.reversesId, redemptions.transferId), eq(transfers.kind, 'reverse')))
    .leftJoin(conflicts, eq(conflicts.recordId, redemptions.id))
    .leftJoin(
      offers,
      and(eq(offers.merchantId, redemptions.merchantId), eq(offers.code, redemptions.offerId)),
    )
    .leftJoin(devices, eq(devices.id, redemptions.deviceId))
    .where(
      and(
        eq(redemptions.merchantId, input.merchantId),
        gte(redemptions.receivedAt, input.start),
        lt(redemptions.receivedAt, input.end),
      ),
    )
    .orderBy(redemptions.receivedAt);
}

/** Points held by the resident's own open codes (not other household members', not coupons). */
export async function openHeldBy(
  db: Queryable,
  input: { allianceId: string; residentId: string },
): Promise<number> {
  const [row] = await db
    .select({ held: sql<string>`coalesce(sum(${holds.capPoints}), 0)` })
    .from(holds)
    .where(
      and(
        eq(holds.allianceId, input.allianceId),
        eq(holds.residentId, input.residentId),
        eq(holds.state, 'open'),
        eq(holds.kind, 'voucher'),
      ),
    );
  return Number(row?.held ?? 0);
}

/** What became of one of a resident's codes: open, or used (points, shop, when), or given back. */
export async function voucherOutcome(
  db: Queryable,
  input: { allianceId: string; residentId: string; voucherId: string },
) {
  const [row] = await db
    .select({
      hold: holds,
      merchantName: merchants.name,
      capturedAt: redemptions.receivedAt,
      recordPoints: redemptions.points,
      recordOutcome: redemptions.outcome,
    })
    .from(holds)
    .leftJoin(redemptions, eq(redemptions.id, holds.claimedByRecordId))
    .leftJoin(merchants, eq(merchants.id, redemptions.merchantId))
    .where(
      and(
        eq(holds.allianceId, input.allianceId),
        eq(holds.voucherId, input.voucherId),
        eq(holds.residentId, input.residentId),
      ),
    );
  if (!row) return undefined;
  // A late capture (the code was replaced or put away, then a shop synced it) leaves the hold
  // released but claimed by an accepted record: for the resident it was used all the same.
  const captured = row.hold.state === 'captured' || row.recordOutcome === 'accepted';
  return {
    voucherId: row.hold.voucherId,
    state: captured ? ('captured' as const) : row.hold.state,
    capturedPoints: captured ? (row.hold.capturedPoints ?? row.recordPoints) : null,
    merchantName: captured ? row.merchantName : null,
    capturedAt: captured ? (row.capturedAt ?? row.hold.resolvedAt) : null,
  };
}

/** Open codes with these 8 digits that this merchant may take (any-merchant codes or its own). */
export async function openCodeByShortCode(
  db: Queryable,
  input: { allianceId: string; shortCode: string; merchantNumber: number },
) {
  return db
    .select()
    .from(holds)
    .where(
      and(
        eq(holds.allianceId, input.allianceId),
        eq(holds.shortCode, input.shortCode),
        eq(holds.state, 'open'),
        inArray(holds.merchantScope, [0, input.merchantNumber]),
      ),
    )
    .limit(2);
}
