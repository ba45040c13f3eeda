/**
 * The demo alliance's rule catalogue: a first start with the demo seeds the seven 容东 categories
 * with every kind of rule, each as the API would accept it; a restart, or seeding again, adds
 * nothing; a start without the demo seeds no rules.
 */
import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleBody } from '../../api/application/inputs.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { fixedClock } from '../../api/clock.ts';
import { rules, ruleVersions, staffUsers } from '../../api/db/schema/index.ts';
import { DEMO_CATEGORIES, DEMO_RULES, seedDemoRules } from '../../api/demo/rules.ts';
import { currentRules } from '../../api/earning/rules.ts';
import { RuleList } from '../../shared/api/earning.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import { createResident } from '../helpers/world.ts';

const masterKey = new Uint8Array(randomBytes(32));
const options = { allianceName: '测试联盟', timezone: 'Asia/Shanghai', demo: true, masterKey };
const clock = fixedClock('2026-11-22T08:00:00Z');

describe('the demo rule catalogue', () => {
  let database: TestDatabase;
  let allianceId: string;
  const counts = async () =>
    Promise.all(
      [rules, ruleVersions].map(async (t) => (await database.db.select({ n: count() }).from(t))[0]!.n),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    allianceId = (await bootstrap(database.db, options, clock)).allianceId;
  });
  afterAll(() => database.close());

  it('a first start seeds the seven categories with the rules the issue names', async () => {
    const seeded = await currentRules(database.db, allianceId);
    expect(seeded.map((r) => r.code).sort()).toEqual(DEMO_RULES.map((r) => r.code).sort());
    expect(new Set(seeded.map((r) => r.category))).toEqual(new Set(DEMO_CATEGORIES));
    const byTitle = (title: string) => seeded.find((r) => r.titleZh.startsWith(title));
    expect(byTitle('主动参加义务巡逻')).toMatchObject({
      kind: 'fixed',
      points: 50,
      evidence: 'optional',
      selfClaim: true,
      limits: { perDay: 3 },
      version: 1,
    });
    expect(byTitle('帮助社区宣传政策')).toMatchObject({ kind: 'fixed', points: 30, selfClaim: true });
    expect(byTitle('参加环境卫生整治')).toMatchObject({ kind: 'fixed', points: 25, category: '绿色社区' });
    expect(byTitle('阅读学习文章')).toMatchObject({
      kind: 'fixed',
      points: 2,
      category: '学习园地',
      limits: { perDay: 1 },
    });
    expect(byTitle('志愿服务')).toMatchObject({ kind: 'per_hour', pointsPerHour: 10, category: '志愿活动' });
    expect(byTitle('金点子')).toMatchObject({
      kind: 'range',
      min: 20,
      max: 160,
      evidence: 'required',
      fourEyes: true,
    });
    expect(byTitle('市级表彰')).toMatchObject({
      kind: 'fixed',
      points: 100,
      selfClaim: false,
      category: '表彰奖励',
    });
    expect(byTitle('乱扔垃圾')).toMatchObject({ kind: 'deduction', points: 10, category: '绿色社区' });
    expect(byTitle('门前三包不达标')).toMatchObject({ kind: 'deduction', points: 5, category: '绿色社区' });
    // Created by the first coordinator, like a rule typed in the console.
    const [coordinator] = await database.db.select({ id: staffUsers.id }).from(staffUsers);
    expect(new Set(seeded.map((r) => r.createdBy))).toEqual(new Set([coordinator!.id]));
  });

  it('every demo rule is one the API would accept', () => {
    for (const rule of DEMO_RULES) expect(RuleBody.safeParse(rule).success, rule.code).toBe(true);
  });

  it('a restart adds no rule and no version; seeding again adds none either', async () => {
    const before = await counts();
    expect(before).toEqual([DEMO_RULES.length, DEMO_RULES.length]);
    const again = await bootstrap(database.db, options, clock);
    expect(again.demo).toBeUndefined();
    expect(await counts()).toEqual(before);
    const [coordinator] = await database.db.select({ id: staffUsers.id }).from(staffUsers);
    const created = await database.db.transaction((tx) => seedDemoRules(tx, allianceId, coordinator!.id));
    expect(created).toBe(0);
    expect(await counts()).toEqual(before);
  });
});

describe('the demo catalogue through the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ demo: true });
  });
  afterAll(() => api.close());

  it('a resident sees the rules they may claim, and the daily limit holds', async () => {
    const coordinator = await api.login();
    const all = RuleList.parse(await (await api.call('GET', '/v1/rules', { token: coordinator })).json());
    expect(all.rules).toHaveLength(DEMO_RULES.length);
    const resident = await createResident(api, coordinator, '王桂兰', 0);
    const theirs = RuleList.parse(
      await (await api.call('GET', '/v1/rules', { token: resident.token })).json(),
    );
    expect(theirs.rules.map((r) => r.code).sort()).toEqual(
      DEMO_RULES.filter((r) => r.selfClaim && r.kind !== 'deduction')
        .map((r) => r.code)
        .sort(),
    );
    const read = (key: string) =>
      api.call('POST', '/v1/claims', {
        token: resident.token,
        headers: { 'idempotency-key': key },
        body: { ruleCode: 'reading', occurredOn: '2026-11-22' },
      });
    const first = await read('demo-read-1');
    expect(first.status, await first.text()).toBe(201);
    const twice = await read('demo-read-2');
    expect(twice.status).toBe(409);
    expect((await twice.json()).type).toBe('limit_reached');
  });
});

describe('a start without the demo', () => {
  it('seeds no rules', async () => {
    const database = await createTestDatabase();
    try {
      await bootstrap(database.db, { ...options, demo: false }, clock);
      const [n] = await database.db.select({ n: count() }).from(rules);
      expect(n!.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
