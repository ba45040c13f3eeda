import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { devices, ledgerAccounts } from '../../api/db/schema/index.ts';
import { accountBalances, residentHistory } from '../../api/ledger/accounts.ts';
import { capturePoints } from '../../api/ledger/capture.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { decideConflict, listConflicts } from '../../api/ledger/conflicts.ts';
import { releaseExpiredHolds } from '../../api/ledger/expiry.ts';
import { placeHold, releaseHold } from '../../api/ledger/holds.ts';
import { offlineAllowance } from '../../api/ledger/limits.ts';
import { adjustPoints, mintPoints } from '../../api/ledger/mint.ts';
import { reverseCapture } from '../../api/ledger/reversal.ts';
import { type SyncRecord, syncRecords, type VerifiedVoucher } from '../../api/ledger/sync.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { createWorld, fixtureVerifier, newVoucherId, type World } from './world.ts';

describe('the alliance ledger', () => {
  let database: TestDatabase;
  let w: World;
  const clock = fixedClock('2026-11-22T02:00:00Z');
  const vouchers = new Map<string, VerifiedVoucher>();
  const deps = { clock, verifyRecord: fixtureVerifier(vouchers) };

  beforeAll(async () => {
    database = await createTestDatabase();
    w = await createWorld(database.db);
  });
  afterAll(() => database.close());

  const db = () => database.db;
  const mint = (residentId: string, points: number, idempotencyId = randomUUID()) =>
    mintPoints(
      db(),
      { allianceId: w.allianceId, residentId, points, reason: '门前三包', actorId: w.actorId, idempotencyId },
      clock,
    );
  const balances = (residentId: string) => accountBalances(db(), { allianceId: w.allianceId, residentId });
  async function hold(residentId: string, capPoints: number, merchantScope = 0) {
    const voucherId = newVoucherId();
    const result = await placeHold(
      db(),
      {
        allianceId: w.allianceId,
        residentId,
        voucherId,
        capPoints,
        issuedAt: clock.now(),
        ttlSeconds: 180,
        merchantScope,
      },
      clock,
    );
    const issuedAt = Math.floor(clock.now().getTime() / 1000);
    vouchers.set(`95${voucherId}`, {
      voucherId,
      capPoints,
      issuedAt,
      ttlSeconds: 180,
      expiresAt: issuedAt + 180,
      merchantScope,
    });
    return { voucherId, result };
  }
  const capture = (
    voucherId: string,
    capPoints: number,
    points: number,
    extra: { recordId?: string; merchant?: number } = {},
  ) =>
    capturePoints(
      db(),
      {
        allianceId: w.allianceId,
        recordId: extra.recordId ?? randomUUID(),
        merchantId: w.merchants[extra.merchant ?? 0]!.id,
        voucherId,
        capPoints,
        merchantScope: 0,
        points,
        billFen: 3500,
        discountFen: 500,
      },
      clock,
    );
  const seqs = new Map<string, number>();
  function record(
    voucherId: string,
    points: number,
    deviceId = w.merchants[0]!.deviceIds[0]!,
    over: Partial<SyncRecord> = {},
  ): SyncRecord {
    const seq = (seqs.get(deviceId) ?? 0) + 1;
    seqs.set(deviceId, seq);
    return {
      id: randomUUID(),
      voucher: `95${voucherId}`,
      points,
      offerId: 'haircut-5',
      billFen: 3500,
      discountFen: 500,
      scannedAt: clock.now().getTime(),
      deviceId,
      seq,
      // The fixture verifier ignores it; the schema wants the shape of a signature.
      sig: 'A'.repeat(86),
      ...over,
    };
  }
  const sync = (records: SyncRecord[], deviceId = w.merchants[0]!.deviceIds[0]!) =>
    syncRecords(db(), { allianceId: w.allianceId, deviceId, records }, deps);

  it('a grant credits the resident once, and a replayed grant changes nothing', async () => {
    const r = w.residents[0]!;
    const id = randomUUID();
    expect(await mint(r, 100, id)).toMatchObject({ outcome: 'minted', replayed: false });
    expect(await mint(r, 100, id)).toMatchObject({ outcome: 'minted', replayed: true });
    expect(await balances(r)).toMatchObject({ balance: 100, held: 0, available: 100 });
    await expect(mint(r, 99, id)).rejects.toMatchObject({ code: 'idempotency_conflict' });
  });

  it('household members earn into and spend from one account', async () => {
    const [a, b] = w.household.members;
    await mint(a, 30);
    await mint(b, 20);
    expect((await balances(a)).balance).toBe(50);
    const { result } = await hold(b, 40);
    expect(result.outcome).toBe('held');
    expect(await balances(a)).toMatchObject({ balance: 50, held: 40, available: 10 });
  });

  it('a hold the free balance cannot cover is refused and changes nothing', async () => {
    const r = w.residents[1]!;
    await mint(r, 10);
    const { result } = await hold(r, 11);
    expect(result).toEqual({ outcome: 'insufficient_points', available: 10 });
    expect(await balances(r)).toMatchObject({ balance: 10, held: 0 });
  });

  it('a capture takes its points and releases the rest of the hold at once; a replay gets the first outcome', async () => {
    const r = w.residents[0]!;
    const { voucherId } = await hold(r, 60);
    const recordId = randomUUID();
    const first = await capture(voucherId, 60, 25, { recordId });
    expect(first).toMatchObject({ outcome: 'accepted', replayed: false });
    expect(await balances(r)).toMatchObject({ balance: 75, held: 0, available: 75 });
    const again = await capture(voucherId, 60, 25, { recordId });
    expect(again).toMatchObject({ outcome: 'accepted', replayed: true, transferId: first.transferId });
    expect((await capture(voucherId, 60, 10)).outcome).toBe('voucher_already_redeemed');
    expect(await balances(r)).toMatchObject({ balance: 75 });
  });

  it('a capture over the cap or for another merchant is refused and keeps the hold open', async () => {
    const r = w.residents[0]!;
    const { voucherId } = await hold(r, 20, w.merchants[1]!.number);
    expect((await capture(voucherId, 20, 21, { merchant: 1 })).outcome).toBe('points_exceed_cap');
    expect((await capture(voucherId, 20, 5, { merchant: 0 })).outcome).toBe('wrong_merchant');
    expect((await capture(voucherId, 20, 5, { merchant: 1 })).outcome).toBe('accepted');
  });

  it('the sweep expires holds only after their capture window, once', async () => {
    const r = w.residents[2]!;
    await mint(r, 50);
    await hold(r, 50);
    expect((await balances(r)).available).toBe(0);
    clock.advance((180 + 7200 - 1) * 1000);
    expect((await releaseExpiredHolds(db(), { allianceId: w.allianceId }, clock)).expired).toBe(0);
    clock.advance(2000);
    const swept = await releaseExpiredHolds(db(), { allianceId: w.allianceId }, clock);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await balances(r)).toMatchObject({ balance: 50, held: 0, available: 50 });
    expect((await releaseExpiredHolds(db(), { allianceId: w.allianceId }, clock)).expired).toBe(0);
  });

  it('a late capture is taken from the free balance when it covers it', async () => {
    const r = w.residents[2]!;
    const { voucherId } = await hold(r, 30);
    clock.advance((180 + 7201) * 1000);
    await releaseExpiredHolds(db(), { allianceId: w.allianceId }, clock);
    const [result] = (await sync([record(voucherId, 30)])).results;
    expect(result).toMatchObject({ outcome: 'accepted' });
    expect(result!.detail).toContain('late capture');
    expect(await balances(r)).toMatchObject({ balance: 20, available: 20 });
  });

  it('a late offline capture the balance cannot cover is a conflict; the alliance fund can bear it', async () => {
    const r = w.residents[2]!;
    const { voucherId } = await hold(r, 20);
    await releaseHold(db(), { allianceId: w.allianceId, voucherId }, clock);
    await adjustPoints(
      db(),
      {
        allianceId: w.allianceId,
        residentId: r,
        points: -15,
        reason: 'duplicate grant',
        actorId: w.actorId,
        idempotencyId: randomUUID(),
      },
      clock,
    );
    const [result] = (await sync([record(voucherId, 20)])).results;
    expect(result).toMatchObject({ outcome: 'insufficient_points' });
    expect(result!.detail).toContain('late_shortfall');
    const [conflict] = await listConflicts(db(), { allianceId: w.allianceId, undecidedOnly: true });
    expect(conflict).toMatchObject({ kind: 'late_shortfall', points: 20, voucherId });
    const decided = await decideConflict(
      db(),
      { allianceId: w.allianceId, conflictId: conflict!.id, bears: 'alliance', actorId: w.actorId },
      clock,
    );
    expect(decided.conflict.transferId).toBeTruthy();
    const again = await decideConflict(
      db(),
      { allianceId: w.allianceId, conflictId: conflict!.id, bears: 'alliance', actorId: w.actorId },
      clock,
    );
    expect(again.outcome).toBe('replayed');
    await expect(
      decideConflict(
        db(),
        { allianceId: w.allianceId, conflictId: conflict!.id, bears: 'merchant', actorId: w.actorId },
        clock,
      ),
    ).rejects.toMatchObject({ code: 'conflict_already_decided' });
    expect(await balances(r)).toMatchObject({ balance: 5 });
  });

  it('a voucher presented twice offline is captured once and the second record is a double presentment', async () => {
    const r = w.residents[0]!;
    const { voucherId } = await hold(r, 10);
    const other = w.merchants[1]!.deviceIds[0]!;
    expect((await sync([record(voucherId, 10)])).results[0]!.outcome).toBe('accepted');
    const second = (await sync([record(voucherId, 10, other)], other)).results[0]!;
    expect(second.outcome).toBe('voucher_already_redeemed');
    const conflicts = await listConflicts(db(), { allianceId: w.allianceId, merchantId: w.merchants[1]!.id });
    expect(conflicts.map((c) => c.kind)).toContain('double_presentment');
  });

  it('every record of a sync batch gets one outcome, a replayed batch the same outcomes, gaps are reported', async () => {
    const device = w.merchants[0]!.deviceIds[0]!;
    const r = w.residents[0]!;
    await mint(r, 100);
    const a = await hold(r, 10);
    const good = record(a.voucherId, 10);
    const bad = record('nope', 5);
    const forged = { ...record(a.voucherId, 10), sig: `bad${'A'.repeat(83)}` };
    seqs.set(device, (seqs.get(device) ?? 0) + 2); // two records the server never gets
    const b = await hold(r, 10);
    const afterGap = record(b.voucherId, 10);
    const first = await sync([good, bad, forged, afterGap]);
    expect(first.results.map((x) => x.outcome)).toEqual([
      'accepted',
      'bad_voucher',
      'bad_device_signature',
      'accepted',
    ]);
    // The forged record's seq is still missing: only the genuine record may fill it.
    expect(first.missingSeqs).toEqual([forged.seq, afterGap.seq - 2, afterGap.seq - 1]);
    // The forged record did not take its seq: the genuine one with that seq is still welcome.
    const c = await hold(r, 10);
    const genuine = { ...record(c.voucherId, 10), seq: forged.seq };
    const reuse = { ...record(c.voucherId, 10), seq: good.seq };
    const second = await sync([good, bad, forged, afterGap, genuine, reuse]);
    // Answered in the order sent (decided in seq order).
    expect(second.results.map((x) => [x.id, x.outcome])).toEqual([
      [good.id, 'accepted'],
      [bad.id, 'bad_voucher'],
      [forged.id, 'bad_device_signature'],
      [afterGap.id, 'accepted'],
      [genuine.id, 'accepted'],
      [reuse.id, 'sequence_conflict'],
    ]);
    expect((await sync([reuse])).results[0]!.outcome).toBe('sequence_conflict');
  });

  it('offline records over the merchant limits are honoured and the breach is reported', async () => {
    const device = w.merchants[1]!.deviceIds[0]!;
    const r = w.residents[1]!;
    await mint(r, 1000);
    const { voucherId } = await hold(r, 300);
    const [result] = (await sync([record(voucherId, 250, device)], device)).results;
    expect(result).toMatchObject({ outcome: 'accepted' });
    expect(result!.detail).toContain('exceeds the limit of 200 per capture');
    const allowance = await offlineAllowance(db(), { allianceId: w.allianceId, deviceId: device }, clock);
    expect(allowance).toMatchObject({ maxPointsPerCapture: 200, maxPointsPerDeviceDay: 1000 });
    expect(allowance.usedToday).toBeGreaterThanOrEqual(250);
  });

  it('a revoked device gets device_revoked for every new record', async () => {
    const device = w.merchants[1]!.deviceIds[0]!;
    const { voucherId } = await hold(w.residents[1]!, 5);
    await db().update(devices).set({ revokedAt: clock.now() }).where(eq(devices.id, device));
    expect((await sync([record(voucherId, 5, device)], device)).results[0]!.outcome).toBe('device_revoked');
    await db().update(devices).set({ revokedAt: null }).where(eq(devices.id, device));
  });

  it('the merchant reverses a capture on the same day, once, and not the next day', async () => {
    const r = w.residents[1]!;
    const before = (await balances(r)).balance;
    const { voucherId } = await hold(r, 40);
    const recordId = randomUUID();
    await capture(voucherId, 40, 40, { recordId });
    const input = { allianceId: w.allianceId, recordId, merchantId: w.merchants[0]!.id, reason: '输错金额' };
    expect(await reverseCapture(db(), { ...input, merchantId: w.merchants[1]!.id }, clock)).toMatchObject({
      why: 'other_merchant',
    });
    expect(await reverseCapture(db(), input, clock)).toMatchObject({
      outcome: 'reversed',
      points: 40,
      replayed: false,
    });
    expect(await reverseCapture(db(), input, clock)).toMatchObject({ outcome: 'reversed', replayed: true });
    expect((await balances(r)).balance).toBe(before);
    const late = await hold(r, 10);
    const lateRecord = randomUUID();
    await capture(late.voucherId, 10, 10, { recordId: lateRecord });
    clock.advance(24 * 3600 * 1000);
    expect(await reverseCapture(db(), { ...input, recordId: lateRecord }, clock)).toMatchObject({
      why: 'not_same_day',
    });
  });

  it("a resident's history lists the holder account's transfers, newest first", async () => {
    const history = await residentHistory(db(), { allianceId: w.allianceId, residentId: w.residents[0]! });
    expect(history.length).toBeGreaterThan(3);
    expect(history).toContainEqual(expect.objectContaining({ kind: 'mint', points: 100 }));
    const times = history.map((h) => h.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('every invariant holds after all of the above', async () => {
    expect(await checkLedger(db())).toEqual([]);
  });

  it('the database refuses to change or delete a transfer', async () => {
    await expect(db().execute(sql`update transfers set amount = amount + 1`)).rejects.toThrow();
    await expect(db().execute(sql`delete from transfers`)).rejects.toThrow();
  });

  it('the check finds a cached balance that drifted from its transfers', async () => {
    const { accountId } = await balances(w.residents[0]!);
    await db()
      .update(ledgerAccounts)
      .set({ balance: sql`${ledgerAccounts.balance} + 1` })
      .where(eq(ledgerAccounts.id, accountId));
    const broken = (await checkLedger(db(), { allianceId: w.allianceId })).map((b) => b.invariant);
    expect(broken).toContain('cached balances equal the sum of their transfers');
    expect(broken).toContain('the sum of all balances is zero');
    await db()
      .update(ledgerAccounts)
      .set({ balance: sql`${ledgerAccounts.balance} - 1` })
      .where(eq(ledgerAccounts.id, accountId));
    expect(await checkLedger(db(), { allianceId: w.allianceId })).toEqual([]);
  });
});
