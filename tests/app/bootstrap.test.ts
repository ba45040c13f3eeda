import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../api/auth/passwords.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import { fixedClock } from '../../api/clock.ts';
import { type Database, openDatabase } from '../../api/db/client.ts';
import {
  alliances,
  enrollmentCodes,
  merchants,
  offers,
  residents,
  staffUsers,
} from '../../api/db/schema/index.ts';
import {
  enrollmentCodeKey,
  hashEnrollmentCode,
  legacyEnrollmentCodeHash,
} from '../../api/directory/enrollment.ts';
import { accountBalances } from '../../api/ledger/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const masterKey = new Uint8Array(randomBytes(32));
const options = { allianceName: '测试联盟', timezone: 'Asia/Shanghai', demo: true, masterKey };

describe('first start and later starts', () => {
  let database: TestDatabase;
  const clock = fixedClock('2026-11-22T08:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('the first start creates the alliance, a coordinator with a generated password, and the demo', async () => {
    const boot = await bootstrap(database.db, options, clock);
    expect(boot.createdAlliance).toBe(true);
    expect(boot.coordinator?.email).toBe('admin@alliance.local');
    const [admin] = await database.db.select().from(staffUsers);
    expect(admin?.role).toBe('coordinator');
    expect(admin?.passwordHash).not.toContain(boot.coordinator!.generatedPassword!);
    expect(await verifyPassword(boot.coordinator!.generatedPassword!, admin!.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong password', admin!.passwordHash)).toBe(false);

    expect(boot.demo?.merchants).toHaveLength(3);
    expect(boot.demo?.residents.length).toBeGreaterThanOrEqual(3);
    const [offerCount] = await database.db.select({ n: count() }).from(offers);
    expect(offerCount!.n).toBeGreaterThanOrEqual(3);
    // Codes are stored hashed and single-use; the printed code finds its row.
    const code = boot.demo!.residents[0]!.enrollmentCode;
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    const [row] = await database.db
      .select()
      .from(enrollmentCodes)
      .where(eq(enrollmentCodes.codeHash, hashEnrollmentCode(enrollmentCodeKey(masterKey), code)));
    expect(row?.kind).toBe('resident');
    expect(row?.usedAt).toBeNull();
    // Keyed: the plain SHA-256 of the digits (10^12 guesses away) finds nothing.
    const [plain] = await database.db
      .select()
      .from(enrollmentCodes)
      .where(eq(enrollmentCodes.codeHash, legacyEnrollmentCodeHash(code)));
    expect(plain).toBeUndefined();
  });

  it('the demo residents start with their points; a household shares one balance', async () => {
    const [first] = await database.db.select().from(residents).where(eq(residents.name, '张秀英'));
    expect(
      (await accountBalances(database.db, { allianceId: first!.allianceId, residentId: first!.id })).balance,
    ).toBe(1280);
    const [li] = await database.db.select().from(residents).where(eq(residents.name, '李建国'));
    const [wang] = await database.db.select().from(residents).where(eq(residents.name, '王芳'));
    const liBalance = await accountBalances(database.db, { allianceId: li!.allianceId, residentId: li!.id });
    const wangBalance = await accountBalances(database.db, {
      allianceId: wang!.allianceId,
      residentId: wang!.id,
    });
    expect(liBalance.balance).toBe(600 + 260);
    expect(wangBalance.accountId).toBe(liBalance.accountId);
  });

  it('a later start keeps the data and creates nothing again', async () => {
    const before = await Promise.all(
      [alliances, merchants, residents, staffUsers].map((t) => database.db.select({ n: count() }).from(t)),
    );
    const boot = await bootstrap(database.db, options, clock);
    expect(boot.createdAlliance).toBe(false);
    expect(boot.coordinator).toBeUndefined();
    expect(boot.demo).toBeUndefined();
    const after = await Promise.all(
      [alliances, merchants, residents, staffUsers].map((t) => database.db.select({ n: count() }).from(t)),
    );
    expect(after).toEqual(before);
  });
});

describe('configured coordinator and no demo', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('ALLIANCE_ADMIN_* create that coordinator and print no password; ALLIANCE_DEMO=0 seeds nothing', async () => {
    const boot = await bootstrap(
      database.db,
      { ...options, demo: false, adminEmail: 'chen@town.gov.cn', adminPassword: 'a long secret phrase' },
      fixedClock('2026-11-22T08:00:00Z'),
    );
    expect(boot.coordinator).toEqual({ email: 'chen@town.gov.cn' });
    expect(boot.demo).toBeUndefined();
    const [admin] = await database.db.select().from(staffUsers);
    expect(await verifyPassword('a long secret phrase', admin!.passwordHash)).toBe(true);
    const [m] = await database.db.select({ n: count() }).from(merchants);
    expect(m!.n).toBe(0);
  });
});

describe('instances starting together on an empty database', () => {
  let database: TestDatabase;
  const others: Database[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    // On PostgreSQL each instance has its own connections; PGlite has one, and the race is moot.
    if (database.url) for (let i = 0; i < 3; i++) others.push(await openDatabase({ url: database.url }));
  });
  afterAll(async () => {
    for (const o of others) await o.close();
    await database.close();
  });

  it('make one alliance and one coordinator, and every instance starts', async () => {
    const dbs = others.length ? others.map((o) => o.db) : [database.db, database.db, database.db];
    const boots = await Promise.all(
      dbs.map((db) => bootstrap(db, options, fixedClock('2026-11-22T08:00:00Z'))),
    );
    expect(boots.filter((b) => b.createdAlliance)).toHaveLength(1);
    expect(new Set(boots.map((b) => b.allianceId)).size).toBe(1);
    const [admins] = await database.db.select({ n: count() }).from(staffUsers);
    expect(admins!.n).toBe(1);
  });
});
