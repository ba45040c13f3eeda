/**
 * Conflicts kept for review: an offline record the ledger could not honour although the
 * merchant already gave the discount — a voucher presented twice (double presentment) or a late
 * capture the resident's free points no longer cover (late shortfall). A coordinator decides who
 * bears the loss: the alliance (its loss fund pays the merchant the points, an `adjust`
 * transfer with the reason and the coordinator) or the merchant (nothing moves).
 * Promises: a conflict is decided once; repeating the same decision changes nothing.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { conflicts, transfers } from '../db/schema/index.ts';
import type { LossBearer, RedemptionOutcome } from '../db/schema/kinds.ts';
import { AppError } from '../errors.ts';
import { allianceAccount, merchantAccount } from './accounts.ts';
import { derivedId } from './ids.ts';
import { ledgerTransaction } from './transaction.ts';

export type Conflict = typeof conflicts.$inferSelect;

export async function listConflicts(
  q: Queryable,
  input: { allianceId: string; undecidedOnly?: boolean; merchantId?: string; limit?: number },
): Promise<Conflict[]> {
  return q
    .select()
    .from(conflicts)
    .where(
      and(
        eq(conflicts.allianceId, input.allianceId),
        input.undecidedOnly ? isNull(conflicts.bears) : undefined,
        input.merchantId ? eq(conflicts.merchantId, input.merchantId) : undefined,
      ),
    )
    .orderBy(desc(conflicts.createdAt))
    .limit(Math.min(input.limit ?? 100, 1000));
}

export interface DecideInput {
  allianceId: string;
  conflictId: string;
  bears: LossBearer;
  actorId: string;
  note?: string;
}

export async function decideConflict(
  db: Queryable,
  input: DecideInput,
  clock: Clock,
): Promise<{ outcome: 'decided' | 'replayed'; conflict: Conflict }> {
  const lossFund = await allianceAccount(db, input.allianceId, 'loss_fund');
  return ledgerTransaction(db, async (tx) => {
    const [conflict] = await tx
      .select()
      .from(conflicts)
      .where(and(eq(conflicts.id, input.conflictId), eq(conflicts.allianceId, input.allianceId)))
      .for('update');
    if (!conflict) throw new AppError('conflict_not_found', { detail: 'No such conflict.' });
    if (conflict.bears) {
      if (conflict.bears === input.bears) return { outcome: 'replayed', conflict };
      throw new AppError('conflict_already_decided', {
        message: `conflict ${conflict.id} was decided: ${conflict.bears} bears it`,
        detail: 'This conflict has already been decided.',
      });
    }
    const now = clock.now();
    let transferId: string | null = null;
    if (input.bears === 'alliance') {
      transferId = derivedId('compensate', conflict.id);
      await tx.insert(transfers).values({
        id: transferId,
        allianceId: input.allianceId,
        debitAccountId: lossFund,
        creditAccountId: await merchantAccount(tx, input.allianceId, conflict.merchantId),
        amount: conflict.points,
        kind: 'adjust',
        recordId: conflict.recordId,
        reason: `${conflict.kind} ${conflict.id}: borne by the alliance${input.note ? ` (${input.note})` : ''}`,
        actorId: input.actorId,
        createdAt: now,
      });
    }
    const [decided] = await tx
      .update(conflicts)
      .set({
        bears: input.bears,
        decidedBy: input.actorId,
        decidedAt: now,
        note: input.note ?? null,
        transferId,
      })
      .where(eq(conflicts.id, conflict.id))
      .returning();
    return { outcome: 'decided', conflict: decided! };
  });
}

/** One side of a conflict: a redemption record as the ledger received it. */
export interface EvidenceRecord {
  recordId: string;
  merchantName: string;
  deviceId: string | null;
  deviceName: string | null;
  points: number;
  billFen: number;
  discountFen: number;
  scannedAt: Date | null;
  receivedAt: Date;
  outcome: RedemptionOutcome;
  detail: string | null;
  offline: boolean;
}

/**
 * What a coordinator needs to decide a conflict: the record that could not be honoured, the
 * record that was (for a double presentment: the one that claimed the voucher first), the
 * resident whose voucher it was, and the voucher's own times.
 */
export interface ConflictEvidence {
  conflict: Conflict;
  record: EvidenceRecord | null;
  first: EvidenceRecord | null;
  residentName: string | null;
  voucher: { capPoints: number; issuedAt: Date; expiresAt: Date; state: string } | null;
}

interface EvidenceRow {
  id: string;
  resident_name: string | null;
  cap_points: string | number | null;
  issued_at: string | Date | null;
  expires_at: string | Date | null;
  hold_state: string | null;
  r: Record<string, unknown> | null;
  f: Record<string, unknown> | null;
}

const recordJson = (r: string, d: string, m: string) =>
  sql.raw(`case when ${r}.id is null then null else
  json_build_object('recordId', ${r}.id, 'merchantName', ${m}.name, 'deviceId', ${r}.device_id,
    'deviceName', ${d}.name, 'points', ${r}.points, 'billFen', ${r}.bill_fen,
    'discountFen', ${r}.discount_fen, 'scannedAt', ${r}.scanned_at, 'receivedAt', ${r}.received_at,
    'outcome', ${r}.outcome, 'detail', ${r}.outcome_detail, 'offline', ${r}.offline) end`);

const toEvidenceRecord = (j: Record<string, unknown> | null): EvidenceRecord | null =>
  j && {
    recordId: String(j.recordId),
    merchantName: String(j.merchantName ?? ''),
    deviceId: (j.deviceId as string | null) ?? null,
    deviceName: (j.deviceName as string | null) ?? null,
    points: Number(j.points),
    billFen: Number(j.billFen),
    discountFen: Number(j.discountFen),
    scannedAt: j.scannedAt ? new Date(String(j.scannedAt)) : null,
    receivedAt: new Date(String(j.receivedAt)),
    outcome: j.outcome as RedemptionOutcome,
    detail: (j.detail as string | null) ?? null,
    offline: Boolean(j.offline),
  };

/** The conflicts (newest first, as listConflicts) with their evidence. */
export async function listConflictEvidence(
  q: Queryable,
  input: { allianceId: string; undecidedOnly?: boolean; limit?: number },
): Promise<ConflictEvidence[]> {
  const list = await listConflicts(q, input);
  if (list.length === 0) return [];
  const found = await rows<EvidenceRow>(
    q,
    sql`select k.id, res.name as resident_name, h.cap_points, h.issued_at, h.expires_at, h.state as hold_state,
          ${recordJson('r', 'rd', 'rm')} as r, ${recordJson('f', 'fd', 'fm')} as f
        from conflicts k
        left join redemptions r on r.id = k.record_id
        left join devices rd on rd.id = r.device_id
        left join merchants rm on rm.id = r.merchant_id
        left join holds h on h.alliance_id = k.alliance_id and h.voucher_id = k.voucher_id
        left join card_uses cu on cu.record_id = k.record_id
        left join cards cd on cd.id = cu.card_id
        left join residents res on res.id = coalesce(h.resident_id, cd.resident_id)
        left join redemptions f on f.id = h.claimed_by_record_id and f.id <> k.record_id
        left join devices fd on fd.id = f.device_id
        left join merchants fm on fm.id = f.merchant_id
        where k.alliance_id = ${input.allianceId}
          and k.id in (${sql.join(
            list.map((k) => sql`${k.id}`),
            sql`, `,
          )})`,
  );
  const byId = new Map(found.map((row) => [row.id, row]));
  return list.map((conflict) => {
    const row = byId.get(conflict.id);
    const json = (v: unknown) =>
      (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
    return {
      conflict,
      record: toEvidenceRecord(json(row?.r ?? null)),
      first: toEvidenceRecord(json(row?.f ?? null)),
      residentName: row?.resident_name ?? null,
      voucher:
        row?.cap_points == null
          ? null
          : {
              capPoints: Number(row.cap_points),
              issuedAt: new Date(row.issued_at!),
              expiresAt: new Date(row.expires_at!),
              state: row.hold_state ?? '',
            },
    };
  });
}
