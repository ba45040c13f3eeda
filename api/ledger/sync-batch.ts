/**
 * The set-based capture of a run of plain offline records (issue #20): voucher captures from one
 * device whose holds were open, unclaimed, within cap and scope when sync read them, each voucher
 * once. The whole run is one transaction of four statements, whatever its length:
 * 1. lock the run's holds, in hold id order (the fixed order every batch takes);
 * 2. the device's offline points of the day(s) so far (for the limit breaches, in seq order);
 * 3. claim the record ids with their outcomes, post each capture and the release of the rest,
 *    resolve the holds — one statement;
 * 4. lock the holders' balance rows in id order and credit the releases.
 * Lock order as everywhere: hold rows, then balance rows. When anything differs under the locks
 * from what sync read (another capture got a voucher first, a record id or seq was taken by a
 * concurrent request), the transaction rolls back whole and returns undefined: the caller then
 * takes the per-record path for the run, which decides each record under its own lock. So every
 * record still gets exactly one outcome, in the device's order, and a race costs time, not points.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { localDay } from '../local-time.ts';
import { holdIdOf } from './holds.ts';
import { derivedId } from './ids.ts';
import { type OfflineLimits, offlineLimitBreach } from './limits.ts';
import { Rollback, transactionOrRollback } from './transaction.ts';

export interface PlainRecord {
  recordId: string;
  seq: number;
  voucherId: string;
  points: number;
  offerId: string | null;
  billFen: number;
  discountFen: number;
  scannedAt: Date;
  /** A broken offer rule without a limit per person (season, minimum bill): reported, not refused. */
  ruleBreach: string | null;
}

export interface RunContext {
  allianceId: string;
  deviceId: string;
  merchantId: string;
  merchantNumber: number;
  merchantAccountId: string;
  escrowAccountId: string;
  timezone: string;
  limits: OfflineLimits;
}

export interface RunAnswer {
  recordId: string;
  transferId: string;
  limitBreach: string | null;
}

interface LockedHold {
  id: string;
  voucher_id: string;
  account_id: string;
  cap_points: string | number;
  state: string;
  claimed_by_record_id: string | null;
  merchant_scope: string | number;
}

const SEPARATOR = '; ';

/** Captures every record of the run, or none (undefined: take the per-record path). */
export async function captureRun(
  db: Queryable,
  run: PlainRecord[],
  ctx: RunContext,
  clock: Clock,
): Promise<RunAnswer[] | undefined> {
  if (run.length === 0) return [];
  return transactionOrRollback<RunAnswer[], undefined>(db, async (tx) => {
    const now = clock.now();
    const voucherIds = run.map((r) => r.voucherId);
    const locked = await rows<LockedHold>(
      tx,
      sql`select id, voucher_id, account_id, cap_points, state, claimed_by_record_id, merchant_scope
          from holds
          where alliance_id = ${ctx.allianceId}
            and voucher_id in (select jsonb_array_elements_text(${JSON.stringify(voucherIds)}::jsonb))
          order by id for update`,
    );
    const byVoucher = new Map(locked.map((h) => [h.voucher_id, h]));
    for (const r of run) {
      const h = byVoucher.get(r.voucherId);
      const plain =
        h &&
        h.state === 'open' &&
        h.claimed_by_record_id === null &&
        Number(h.cap_points) >= r.points &&
        (Number(h.merchant_scope) === 0 || Number(h.merchant_scope) === ctx.merchantNumber);
      if (!plain) throw new Rollback(undefined);
    }
    // The device's offline day, as the per-record path counts it: accepted points before each record.
    const usedByDay = new Map<number, number>();
    // A batch's records fall on a day or two: their bounds computed once, not per record.
    const days: { start: Date; end: Date }[] = [];
    const dayOf = (at: Date) => {
      const t = at.getTime();
      const known = days.find((d) => d.start.getTime() <= t && t < d.end.getTime());
      if (known) return known;
      const day = localDay(ctx.timezone, at);
      days.push(day);
      return day;
    };
    for (const r of run) {
      const day = dayOf(r.scannedAt);
      const key = day.start.getTime();
      if (usedByDay.has(key)) continue;
      const [row] = await rows<{ used: string | number }>(
        tx,
        sql`select coalesce(sum(points), 0) as used from redemptions
            where device_id = ${ctx.deviceId} and outcome = 'accepted' and offline
              and scanned_at >= ${day.start.toISOString()}::timestamptz
              and scanned_at < ${day.end.toISOString()}::timestamptz`,
      );
      usedByDay.set(key, Number(row?.used ?? 0));
    }
    const answers: RunAnswer[] = [];
    const input = run.map((r) => {
      const key = dayOf(r.scannedAt).start.getTime();
      const used = usedByDay.get(key)!;
      const breach =
        [offlineLimitBreach(ctx.limits, r.points, used), r.ruleBreach].filter(Boolean).join(SEPARATOR) ||
        null;
      usedByDay.set(key, used + r.points);
      const h = byVoucher.get(r.voucherId)!;
      const transferId = derivedId('capture', r.recordId);
      answers.push({ recordId: r.recordId, transferId, limitBreach: breach });
      return {
        rid: r.recordId,
        seq: r.seq,
        vid: r.voucherId,
        pts: r.points,
        offer: r.offerId,
        bill: r.billFen,
        disc: r.discountFen,
        scanned: r.scannedAt.toISOString(),
        breach,
        hid: h.id,
        acct: h.account_id,
        rest: Number(h.cap_points) - r.points,
        tid: transferId,
        relid: derivedId('release', holdIdOf(ctx.allianceId, r.voucherId)),
      };
    });
    const at = now.toISOString();
    const [claimed] = await rows<{ n: string | number }>(
      tx,
      sql`with input as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as t(rid uuid, seq bigint, vid text,
          pts bigint, offer text, bill bigint, disc bigint, scanned timestamptz, breach text, hid uuid, acct uuid,
          rest bigint, tid uuid, relid uuid)
      ), claim as (
        insert into redemptions (id, alliance_id, device_id, merchant_id, seq, voucher_id, points, offer_id, bill_fen,
          discount_fen, scanned_at, received_at, outcome, outcome_detail, transfer_id, offline, limit_breach)
        select rid, ${ctx.allianceId}, ${ctx.deviceId}, ${ctx.merchantId}, seq, vid, pts, offer, bill, disc, scanned,
          ${at}::timestamptz, 'accepted', breach, tid, true, breach
        from input
        on conflict do nothing returning id
      ), moved as (
        insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, pending_id,
          record_id, created_at)
        select v.id, ${ctx.allianceId}, ${ctx.escrowAccountId}, v.credit, v.amount, v.kind, i.hid, i.rid,
          ${at}::timestamptz
        from input i join claim c on c.id = i.rid cross join lateral (values
          (i.tid, ${ctx.merchantAccountId}::uuid, i.pts, 'capture'),
          (i.relid, i.acct, i.rest, 'release')
        ) as v(id, credit, amount, kind)
        where v.amount > 0
      ), resolved as (
        update holds h set state = 'captured', resolved_at = ${at}::timestamptz, captured_points = i.pts,
          claimed_by_record_id = i.rid
        from input i join claim c on c.id = i.rid where h.id = i.hid
      )
      select count(*) as n from claim`,
    );
    // A record id or seq taken since sync looked: undo the run, the per-record path answers it.
    if (Number(claimed?.n) !== run.length) throw new Rollback(undefined);
    const rest = new Map<string, number>();
    for (const r of input) if (r.rest > 0) rest.set(r.acct, (rest.get(r.acct) ?? 0) + r.rest);
    if (rest.size > 0) {
      const credits = [...rest].map(([id, amount]) => ({ id, amount }));
      await tx.execute(
        sql`with credit as (
          select * from jsonb_to_recordset(${JSON.stringify(credits)}::jsonb) as t(id uuid, amount bigint)
        ), locked as (
          select a.id from ledger_accounts a where a.id in (select id from credit) order by a.id for update
        )
        update ledger_accounts a set balance = a.balance + c.amount
        from credit c where a.id = c.id and a.id in (select id from locked)`,
      );
    }
    return answers;
  });
}
