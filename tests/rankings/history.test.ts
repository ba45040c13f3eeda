/**
 * The demo town's earning history (api/demo/history.ts), small: `alliance demo town --history 3y`
 * on a fresh alliance leaves a ledger the check finds whole, claims, deductions and restores that
 * point at their transfers, and rankings with people in them — a community's month and year, the
 * whole alliance's year. The rankings bench builds its data with the same generator.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../api/bootstrap.ts';
import { demoCommands } from '../../api/cli/demo.ts';
import { fixedClock } from '../../api/clock.ts';
import { rows } from '../../api/db/rows.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { ranking, rankingPeriod } from '../../api/rankings/queries.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

describe('the demo town with years of earning', () => {
  let database: TestDatabase;
  let allianceId = '';
  const out: string[] = [];
  const clock = fixedClock('2026-11-20T02:00:00Z');

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
    const town = demoCommands.find((c) => c.name === 'demo town')!;
    const code = await town.run(
      [
        '--month',
        '2026-10',
        '--residents',
        '380',
        '--merchants',
        '5',
        '--redemptions',
        '500',
        '--history',
        '3y',
      ],
      {
        config: () => {
          throw new Error('not read');
        },
        database: async () => database,
        clock,
        out: (line) => out.push(line),
        err: (line) => out.push(`error: ${line}`),
      },
    );
    expect(code, out.join('\n')).toBe(0);
  }, 120_000);
  afterAll(() => database.close());

  it('says what it made, and the ledger check finds nothing wrong', async () => {
    // 380 residents: 1,400 claims, every ninth deducted (155), a tenth of those restored, 200 grants.
    expect(out.at(-1)).toMatch(
      /^earning history: 3 years to the end of 2026-10, 1400 approved claims, 155 deductions \(15 restored\), 200 grants/,
    );
    expect(await checkLedger(database.db)).toEqual([]);
  });

  it('writes claims, deductions and restores that point at their transfers, all before the month ends', async () => {
    const [r] = await rows<Record<string, number>>(
      database.db,
      sql`select
        (select count(*)::int from claims c join transfers t on t.id = c.transfer_id and t.kind = 'mint' and t.amount = c.awarded_points) as claims,
        (select count(*)::int from deductions d join transfers t on t.id = d.transfer_id and t.kind = 'deduct') as deductions,
        (select count(*)::int from deductions d join transfers t on t.id = d.appeal_transfer_id and t.kind = 'restore') as restores,
        (select count(*)::int from transfers where created_at >= '2026-10-31T16:00:00Z') as after_month,
        (select count(*)::int from transfers where created_at < '2023-10-01T00:00:00Z') as before_history,
        (select count(distinct community)::int from households) as communities`,
    );
    expect(r).toEqual({
      claims: 1400,
      deductions: 155,
      restores: 15,
      after_month: 0,
      before_history: 0,
      communities: 10,
    });
  });

  it('gives rankings with people in them: a community’s month and year, the alliance’s year', async () => {
    const [{ community } = { community: '' }] = await rows<{ community: string }>(
      database.db,
      sql`select min(community) as community from households`,
    );
    const at = { year: 2026, month: 10, day: 15 };
    for (const [period, scope, inCommunity] of [
      ['month', 'households', true],
      ['year', 'residents', true],
      ['year', 'households', false],
    ] as const) {
      const { start, end } = rankingPeriod('Asia/Shanghai', period, at);
      const { top } = await ranking(database.db, {
        allianceId,
        scope,
        start,
        end,
        community: inCommunity ? community : undefined,
        limit: 10,
      });
      expect(top.length, `${period} ${scope}`).toBeGreaterThan(0);
      expect(top.map((l) => l.rank)).toEqual(top.map((_, i) => i + 1));
      expect(top[0]!.points).toBeGreaterThan(0);
    }
  });

  it('refuses a history that is not a number of years', async () => {
    const errors: string[] = [];
    const town = demoCommands.find((c) => c.name === 'demo town')!;
    const code = await town.run(['--month', '2026-10', '--history', 'lots'], {
      config: () => {
        throw new Error('not read');
      },
      database: async () => database,
      clock,
      out: () => {},
      err: (line) => errors.push(line),
    });
    expect(code).toBe(2);
    expect(errors.join(' ')).toContain('--history 3y');
  });
});
