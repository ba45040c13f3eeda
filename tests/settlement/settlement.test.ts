import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { merchants } from '../../api/db/schema/index.ts';
import { capturePoints } from '../../api/ledger/capture.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { releaseExpiredHolds } from '../../api/ledger/expiry.ts';
import { placeHold } from '../../api/ledger/holds.ts';
import { mintPoints } from '../../api/ledger/mint.ts';
import { reverseCapture } from '../../api/ledger/reversal.ts';
import { localDay, periodContaining, periodOfMonth } from '../../api/local-time.ts';
import { closeSettlementPeriod } from '../../api/settlement/close.ts';
import { statementCsv, statementCsvBodies } from '../../api/settlement/report.ts';
import { listStatements, markStatementPaid, statementsCsv } from '../../api/settlement/statements.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { createWorld, newVoucherId, type World } from '../ledger/world.ts';

const shanghai = { timezone: 'Asia/Shanghai', periodMonths: 1 };

describe('settlement periods in the alliance time zone', () => {
  it('a Shanghai month starts at local midnight on the 1st, 16:00 UTC the day before', () => {
    expect(periodOfMonth(shanghai, '2026-11')).toEqual({
      label: '2026-11',
      startsAt: new Date('2026-10-31T16:00:00Z'),
      endsAt: new Date('2026-11-30T16:00:00Z'),
    });
    expect(periodContaining(shanghai, new Date('2026-11-30T15:59:59.999Z')).label).toBe('2026-11');
    expect(periodContaining(shanghai, new Date('2026-11-30T16:00:00Z')).label).toBe('2026-12');
    expect(periodOfMonth(shanghai, '2026-12').endsAt).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  it('longer periods and daylight-saving zones follow the local calendar', () => {
    expect(periodOfMonth({ timezone: 'Asia/Shanghai', periodMonths: 3 }, '2026-11')).toMatchObject({
      label: '2026-10..2026-12',
      startsAt: new Date('2026-09-30T16:00:00Z'),
      endsAt: new Date('2026-12-31T16:00:00Z'),
    });
    // New York leaves daylight saving on 1 November 2026: the month starts at UTC−4, ends at UTC−5.
    expect(periodOfMonth({ timezone: 'America/New_York', periodMonths: 1 }, '2026-11')).toMatchObject({
      startsAt: new Date('2026-11-01T04:00:00Z'),
      endsAt: new Date('2026-12-01T05:00:00Z'),
    });
    expect(localDay('Asia/Shanghai', new Date('2026-11-22T17:00:00Z')).start).toEqual(
      new Date('2026-11-22T16:00:00Z'),
    );
  });
});

describe('closing a month', () => {
  let database: TestDatabase;
  let w: World;
  const clock = fixedClock('2026-11-10T02:00:00Z');
  const rate = 10;

  beforeAll(async () => {
    database = await createTestDatabase();
    w = await createWorld(database.db, { rateFenPerPoint: rate });
    for (const residentId of w.residents) {
      await mintPoints(
        database.db,
        {
          allianceId: w.allianceId,
          residentId,
          points: 1000,
          reason: '志愿服务',
          actorId: w.actorId,
          idempotencyId: randomUUID(),
        },
        clock,
      );
    }
  });
  afterAll(() => database.close());

  async function redeem(merchant: number, points: number, billFen: number, discountFen: number) {
    const voucherId = newVoucherId();
    await placeHold(
      database.db,
      {
        allianceId: w.allianceId,
        residentId: w.residents[merchant % 3]!,
        voucherId,
        capPoints: points,
        issuedAt: clock.now(),
        ttlSeconds: 180,
        merchantScope: 0,
      },
      clock,
    );
    const result = await capturePoints(
      database.db,
      {
        allianceId: w.allianceId,
        recordId: randomUUID(),
        merchantId: w.merchants[merchant]!.id,
        voucherId,
        capPoints: points,
        merchantScope: 0,
        points,
        billFen,
        discountFen,
      },
      clock,
    );
    expect(result.outcome).toBe('accepted');
    return result;
  }
  const close = (month: string) =>
    closeSettlementPeriod(database.db, { allianceId: w.allianceId, month, actorId: w.actorId }, clock);

  it('statements total exactly the month’s captures, split at local midnight, and the books stay whole', async () => {
    await redeem(0, 100, 3500, 500);
    await redeem(0, 50, 2000, 300);
    await redeem(1, 30, 1000, 100);
    const reversed = await redeem(1, 20, 900, 90);
    await reverseCapture(
      database.db,
      { allianceId: w.allianceId, recordId: reversed.recordId, merchantId: w.merchants[1]!.id },
      clock,
    );
    clock.set('2026-11-30T15:59:59Z'); // 23:59:59 on 30 November in Shanghai
    await redeem(0, 7, 100, 10);
    clock.set('2026-11-30T16:00:00Z'); // 00:00 on 1 December in Shanghai
    await redeem(0, 1000 - 100 - 50 - 7, 0, 0);

    const { outcome, statements } = await close('2026-11');
    expect(outcome).toBe('closed');
    const byMerchant = new Map(statements.map((s) => [s.merchantId, s]));
    expect(byMerchant.get(w.merchants[0]!.id)).toMatchObject({
      redemptions: 3,
      pointsCaptured: 157,
      pointsReversed: 0,
      netPoints: 157,
      billFen: 5600,
      discountFen: 810,
      rateFenPerPoint: rate,
      reimbursementFen: 1570,
    });
    expect(byMerchant.get(w.merchants[1]!.id)).toMatchObject({
      redemptions: 2,
      pointsCaptured: 50,
      pointsReversed: 20,
      netPoints: 30,
      billFen: 1000,
      discountFen: 100,
      reimbursementFen: 300,
    });
    expect(await checkLedger(database.db)).toEqual([]);
  });

  it('closing again is idempotent and returns the same frozen statements', async () => {
    const first = await listStatements(database.db, { allianceId: w.allianceId });
    const again = await close('2026-11');
    expect(again.outcome).toBe('already_closed');
    expect(again.statements.map((s) => s.id).sort()).toEqual(first.map((s) => s.id).sort());
    expect(await listStatements(database.db, { allianceId: w.allianceId })).toEqual(first);
  });

  it('a closed statement keeps the merchant’s name and number from the close after a rename', async () => {
    const [before] = await listStatements(database.db, {
      allianceId: w.allianceId,
      merchantId: w.merchants[0]!.id,
    });
    expect(before!.merchantName).not.toBe('改名后的店');
    await database.db
      .update(merchants)
      .set({ name: '改名后的店' })
      .where(eq(merchants.id, w.merchants[0]!.id));
    const [after] = await listStatements(database.db, {
      allianceId: w.allianceId,
      merchantId: w.merchants[0]!.id,
    });
    expect(after!.merchantName).toBe(before!.merchantName);
    expect(after!.merchantNumber).toBe(before!.merchantNumber);
    const body = await statementCsvBodies(database.db, {
      allianceId: w.allianceId,
      timeZone: 'Asia/Shanghai',
      periodId: after!.periodId,
    });
    expect(statementCsv(after!, body.get(after!.id)!)).toContain(before!.merchantName);
    expect(statementCsv(after!, body.get(after!.id)!)).not.toContain('改名后的店');
  });

  it('a period that has not ended cannot be closed', async () => {
    await expect(close('2026-12')).rejects.toMatchObject({ code: 'period_not_over' });
  });

  it('a late capture of a November voucher synced after the close lands in December; closed statements never change', async () => {
    const november = await listStatements(database.db, { allianceId: w.allianceId });
    // Scanned offline on 30 November, synced on 2 December after the hold expired: a late capture.
    const voucherId = newVoucherId();
    const scannedAt = new Date('2026-11-30T10:00:00Z');
    clock.set(scannedAt);
    await placeHold(
      database.db,
      {
        allianceId: w.allianceId,
        residentId: w.residents[1]!,
        voucherId,
        capPoints: 40,
        issuedAt: scannedAt,
        ttlSeconds: 180,
        merchantScope: 0,
      },
      clock,
    );
    clock.set('2026-12-02T03:00:00Z');
    await releaseExpiredHolds(database.db, { allianceId: w.allianceId }, clock);
    const late = await capturePoints(
      database.db,
      {
        allianceId: w.allianceId,
        recordId: randomUUID(),
        merchantId: w.merchants[1]!.id,
        voucherId,
        capPoints: 40,
        merchantScope: 0,
        points: 40,
        billFen: 1500,
        discountFen: 150,
        scannedAt,
        offline: true,
      },
      clock,
    );
    expect(late).toMatchObject({ outcome: 'accepted', detail: 'late capture: the hold was expired' });
    clock.set('2027-01-01T00:00:00Z');
    const december = await close('2026-12');
    expect(december.outcome).toBe('closed');
    const byMerchant = new Map(december.statements.map((s) => [s.merchantId, s]));
    expect(byMerchant.get(w.merchants[0]!.id)).toMatchObject({ redemptions: 1, netPoints: 843 });
    expect(byMerchant.get(w.merchants[1]!.id)).toMatchObject({
      redemptions: 1,
      netPoints: 40,
      billFen: 1500,
      reimbursementFen: 400,
    });
    const after = await listStatements(database.db, { allianceId: w.allianceId });
    for (const s of november) expect(after).toContainEqual(s);
    expect(await checkLedger(database.db)).toEqual([]);
  });

  it('a statement is marked paid once, with its reference, and is otherwise frozen', async () => {
    const [statement] = await listStatements(database.db, { allianceId: w.allianceId });
    const input = {
      allianceId: w.allianceId,
      statementId: statement!.id,
      reference: 'BANK-2027-0001',
      actorId: w.actorId,
    };
    expect((await markStatementPaid(database.db, input, clock)).outcome).toBe('paid');
    expect((await markStatementPaid(database.db, input, clock)).outcome).toBe('already_paid');
    await expect(
      markStatementPaid(database.db, { ...input, reference: 'OTHER' }, clock),
    ).rejects.toMatchObject({
      code: 'statement_already_paid',
    });
    await expect(
      database.db.execute(
        sql`update settlement_statements set net_points = net_points + 1 where id = ${statement!.id}`,
      ),
    ).rejects.toThrow();
    const csv = statementsCsv(await listStatements(database.db, { allianceId: w.allianceId }));
    expect(csv.split('\r\n')[0]).toContain('reimbursement_fen');
    expect(csv).toContain('BANK-2027-0001');
  });

  it('periods close in order', async () => {
    const other = await createWorld(database.db);
    await mintPoints(
      database.db,
      {
        allianceId: other.allianceId,
        residentId: other.residents[0]!,
        points: 10,
        reason: 'x',
        actorId: w.actorId,
        idempotencyId: randomUUID(),
      },
      clock,
    );
    const voucherId = newVoucherId();
    clock.set('2027-01-05T00:00:00Z');
    await placeHold(
      database.db,
      {
        allianceId: other.allianceId,
        residentId: other.residents[0]!,
        voucherId,
        capPoints: 5,
        issuedAt: clock.now(),
        ttlSeconds: 180,
        merchantScope: 0,
      },
      clock,
    );
    await capturePoints(
      database.db,
      {
        allianceId: other.allianceId,
        recordId: randomUUID(),
        merchantId: other.merchants[0]!.id,
        voucherId,
        capPoints: 5,
        merchantScope: 0,
        points: 5,
      },
      clock,
    );
    clock.set('2027-03-01T00:00:00Z');
    await expect(
      closeSettlementPeriod(
        database.db,
        { allianceId: other.allianceId, month: '2027-02', actorId: w.actorId },
        clock,
      ),
    ).rejects.toMatchObject({ code: 'earlier_period_open' });
    const january = await closeSettlementPeriod(
      database.db,
      { allianceId: other.allianceId, month: '2027-01', actorId: w.actorId },
      clock,
    );
    expect(january.statements[0]).toMatchObject({ netPoints: 5 });
    const february = await closeSettlementPeriod(
      database.db,
      { allianceId: other.allianceId, month: '2027-02', actorId: w.actorId },
      clock,
    );
    expect(february.statements).toEqual([]);
  });
});
