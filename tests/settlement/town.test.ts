import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootstrap } from '../../api/bootstrap.ts';
import { fixedClock } from '../../api/clock.ts';
import { rows } from '../../api/db/rows.ts';
import { staffUsers } from '../../api/db/schema/index.ts';
import { seedTown, type TownFigures } from '../../api/demo/town.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { closeSettlementPeriod } from '../../api/settlement/close.ts';
import { statementCsv, statementCsvBodies, statementLines } from '../../api/settlement/report.ts';
import { listStatements } from '../../api/settlement/statements.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/** The bench's seeded town, small: a clean ledger whose month closes to the seeded totals. */
describe('seeded town', () => {
  let database: TestDatabase;
  let allianceId = '';
  let actorId = '';
  let town: TownFigures;
  const clock = fixedClock('2026-11-02T02:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const boot = await bootstrap(
      database.db,
      {
        allianceName: '示范镇',
        timezone: 'Asia/Shanghai',
        demo: false,
        adminEmail: 'coordinator@town.cn',
        adminPassword: 'correct horse battery',
        masterKey: new Uint8Array(randomBytes(32)),
      },
      clock,
    );
    allianceId = boot.allianceId;
    const [coordinator] = await database.db.select({ id: staffUsers.id }).from(staffUsers);
    actorId = coordinator!.id;
    town = await seedTown(database.db, {
      allianceId,
      residents: 300,
      merchants: 7,
      redemptions: 2000,
      month: '2026-10',
    });
  });
  afterAll(() => database.close());

  it('is what was asked for, and the ledger check finds nothing wrong', async () => {
    expect(town).toMatchObject({ residents: 300, households: 30, merchants: 7, redemptions: 2000 });
    expect(town.reversals).toBeGreaterThan(0);
    expect(await checkLedger(database.db)).toEqual([]);
  });

  it('makes only ids the API accepts as UUIDs (residents, households, merchants, records)', async () => {
    const ids = await rows<{ id: string }>(
      database.db,
      sql`select id::text from residents union all select id::text from households
          union all select id::text from merchants union all select id::text from redemptions
          union all select id::text from transfers`,
    );
    expect(ids.length).toBeGreaterThan(2000);
    expect(ids.filter((r) => !z.uuid().safeParse(r.id).success)).toEqual([]);
  });

  it('closing the month gives statements whose totals and lines equal the seeded month', async () => {
    const closed = await closeSettlementPeriod(database.db, { allianceId, month: '2026-10', actorId }, clock);
    expect(closed.outcome).toBe('closed');
    const statements = await listStatements(database.db, { allianceId, periodId: closed.period.id });
    expect(statements).toHaveLength(7);
    const sum = (f: (s: (typeof statements)[number]) => number) => statements.reduce((a, s) => a + f(s), 0);
    expect(sum((s) => s.redemptions)).toBe(2000);
    expect(sum((s) => s.netPoints)).toBe(town.netPoints);
    expect(sum((s) => s.billFen)).toBe(town.billFen);
    expect(sum((s) => s.discountFen)).toBe(town.discountFen);
    expect(sum((s) => s.reimbursementFen)).toBe(town.netPoints * 10);
    let lines = 0;
    const csv = await statementCsvBodies(database.db, {
      allianceId,
      timeZone: 'Asia/Shanghai',
      periodId: closed.period.id,
    });
    for (const statement of statements) {
      const found = await statementLines(database.db, statement);
      expect(found.reduce((a, l) => a + l.points, 0)).toBe(statement.netPoints);
      const body = csv.get(statement.id)!;
      expect(body).toMatchObject({
        lines: found.length,
        points: statement.netPoints,
        billFen: statement.billFen,
      });
      expect(body.rows.split('\r\n').map((row) => Number(row.split(',')[7]))).toEqual(
        found.map((l) => l.points),
      );
      expect(statementCsv(statement, body).trimEnd().split('\r\n').at(-1)).toBe(
        `${found.length},${statement.netPoints},${statement.billFen},${statement.discountFen},${statement.reimbursementFen}`,
      );
      lines += found.length;
    }
    expect(lines).toBe(2000 + town.reversals);
    expect(await checkLedger(database.db)).toEqual([]);
  });
});
