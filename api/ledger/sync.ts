/**
 * Sync: a batch of signed redemption records from one merchant device (its offline outbox).
 * Promises: every record gets exactly one outcome from docs/voucher-spec.md's list; a replayed
 * record id gets its first outcome (looked up before anything is verified again, so a voucher
 * that has since expired cannot change an answer); a seq used by another record is
 * `sequence_conflict`; gaps in the device's seqs come back as `missingSeqs`; offline limits
 * are checked again and a breach is reported on the record. Each record commits on its own,
 * so a failure part-way loses nothing already answered and the device simply retries.
 * Verification (device signature, voucher signature and time) is injected: the route wires the
 * real verifier, tests a fixture.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { alliances, devices, merchants } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import {
  capturePoints,
  type RecordFacts,
  type RecordResult,
  recordedOutcome,
  refuseRecord,
} from './capture.ts';
import type { RedemptionOutcome } from './kinds.ts';
import { deviceDayUsage, offlineLimitBreach } from './limits.ts';

/** A redemption record as the device sent it (docs/voucher-spec.md; shared/redemption-record.ts). */
export interface SyncRecord {
  id: string;
  voucher: string;
  points: number;
  offerId: string | null;
  billFen: number;
  discountFen: number;
  /** Unix milliseconds, device clock. */
  scannedAt: number;
  deviceId: string;
  seq: number;
  sig: string;
}

export interface VerifiedVoucher {
  voucherId: string;
  capPoints: number;
  /** Unix seconds. */
  issuedAt: number;
  ttlSeconds: number;
  expiresAt: number;
  merchantScope: number;
}

export type VerifyRecordResult =
  | { ok: true; voucher: VerifiedVoucher }
  | { ok: false; outcome: 'bad_voucher' | 'bad_device_signature'; detail: string };

/** Checks the device's signature over the record, then the voucher (its signature and time). */
export type VerifyRecord = (
  record: SyncRecord,
  device: { id: string; publicKey: string },
) => VerifyRecordResult | Promise<VerifyRecordResult>;

export interface SyncDeps {
  clock: Clock;
  verifyRecord: VerifyRecord;
}

export interface SyncResult {
  results: { id: string; outcome: RedemptionOutcome; detail?: string }[];
  /** Seqs below the device's highest that the server has no record for. */
  missingSeqs: number[];
}

const MAX_MISSING_REPORTED = 1000;

export async function syncRecords(
  db: Queryable,
  input: {
    allianceId: string;
    deviceId: string;
    records: SyncRecord[];
    /**
     * False for a record the device sends the moment it is made (POST /v1/redemptions): the
     * merchant waits for the answer, so offline limits and conflicts do not apply to it.
     */
    offline?: boolean;
  },
  deps: SyncDeps,
): Promise<SyncResult> {
  const [device] = await db
    .select({
      id: devices.id,
      merchantId: devices.merchantId,
      publicKey: devices.publicKey,
      revokedAt: devices.revokedAt,
      timezone: alliances.timezone,
      maxPointsPerCapture: merchants.offlineMaxPointsPerCapture,
      maxPointsPerDeviceDay: merchants.offlineMaxPointsPerDeviceDay,
    })
    .from(devices)
    .innerJoin(merchants, eq(merchants.id, devices.merchantId))
    .innerJoin(alliances, eq(alliances.id, devices.allianceId))
    .where(and(eq(devices.id, input.deviceId), eq(devices.allianceId, input.allianceId)));
  if (!device) throw new AppError('device_not_found', { detail: 'No such device.' });

  const results: SyncResult['results'] = [];
  // In the device's own order, so a limit breach lands on the record that crossed the line.
  const ordered = [...input.records].sort((a, b) => a.seq - b.seq);
  for (const record of ordered) {
    const result = await syncOne(db, input.allianceId, device, record, deps, input.offline ?? true);
    results.push({
      id: record.id,
      outcome: result.outcome,
      ...(result.detail ? { detail: result.detail } : {}),
    });
  }
  return { results, missingSeqs: await missingSeqs(db, device.id) };
}

async function syncOne(
  db: Queryable,
  allianceId: string,
  device: {
    id: string;
    merchantId: string;
    publicKey: string;
    revokedAt: Date | null;
    timezone: string;
    maxPointsPerCapture: number;
    maxPointsPerDeviceDay: number;
  },
  record: SyncRecord,
  deps: SyncDeps,
  offline: boolean,
): Promise<RecordResult> {
  const replay = await recordedOutcome(db, allianceId, record.id);
  if (replay) return replay;
  const scannedAt = new Date(record.scannedAt);
  const facts: RecordFacts = {
    allianceId,
    recordId: record.id,
    merchantId: device.merchantId,
    deviceId: device.id,
    seq: record.seq,
    voucherId: null,
    points: record.points,
    offerId: record.offerId,
    billFen: record.billFen,
    discountFen: record.discountFen,
    scannedAt,
    offline,
  };
  if (record.deviceId !== device.id) {
    // Signed by (or for) another device: it cannot take a seq of this one.
    return refuseRecord(
      db,
      facts,
      'bad_device_signature',
      `record names device ${record.deviceId}`,
      deps.clock,
    );
  }
  if (device.revokedAt) {
    return refuseRecord(
      db,
      facts,
      'device_revoked',
      `device revoked at ${device.revokedAt.toISOString()}`,
      deps.clock,
    );
  }
  const verified = await deps.verifyRecord(record, { id: device.id, publicKey: device.publicKey });
  if (!verified.ok) return refuseRecord(db, facts, verified.outcome, verified.detail, deps.clock);
  const { voucher } = verified;
  const limitBreach = offline
    ? offlineLimitBreach(
        device,
        record.points,
        await deviceDayUsage(db, { deviceId: device.id, timezone: device.timezone, at: scannedAt }),
      )
    : null;
  return capturePoints(
    db,
    {
      ...facts,
      voucherId: voucher.voucherId,
      capPoints: voucher.capPoints,
      merchantScope: voucher.merchantScope,
      limitBreach,
    },
    deps.clock,
  );
}

/** Gaps in the device's seqs from 1 to its highest (records that hold a seq only). */
export async function missingSeqs(db: Queryable, deviceId: string): Promise<number[]> {
  const gaps = await rows<{ from: string | number; to: string | number }>(
    db,
    sql`select prev + 1 as "from", seq - 1 as "to" from (
          select seq, coalesce(lag(seq) over (order by seq), 0) as prev from redemptions
          where device_id = ${deviceId} and seq is not null
            and outcome not in ('sequence_conflict', 'bad_device_signature')
        ) s where seq > prev + 1 order by seq limit ${MAX_MISSING_REPORTED}`,
  );
  const missing: number[] = [];
  for (const gap of gaps) {
    for (let s = Number(gap.from); s <= Number(gap.to) && missing.length < MAX_MISSING_REPORTED; s++)
      missing.push(s);
  }
  return missing;
}
