import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../api/clock.ts';
import { alliances, signingKeys } from '../../api/db/schema/index.ts';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { signVoucher } from '../../api/vouchers/issue.ts';
import {
  currentSigningKey,
  DEFAULT_PUBLISH_LEAD_SECONDS,
  ensureSigningKey,
  listKeys,
  publishedJwks,
  rotateKeys,
  verificationKeyIndex,
} from '../../api/vouchers/keys.ts';
import { resolveMasterKey } from '../../api/vouchers/master-key.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

describe('signing keys', () => {
  let database: TestDatabase;
  let allianceId: string;
  const masterKey = new Uint8Array(randomBytes(32));
  const clock = fixedClock('2026-11-22T02:00:00.400Z');
  // ttl 180 + skew 120 + capture window 7200 (the alliance defaults).
  const retention = 7500;

  beforeAll(async () => {
    database = await createTestDatabase();
    const [row] = await database.db.insert(alliances).values({ name: '测试联盟' }).returning();
    allianceId = row!.id;
  });
  afterAll(() => database.close());

  it('the first key is created once, active at once, and reused', async () => {
    const first = await ensureSigningKey(database.db, allianceId, masterKey, clock);
    const again = await ensureSigningKey(database.db, allianceId, masterKey, clock);
    expect(again.kid).toBe(first.kid);
    expect(first.nbf).toBe(unix(clock.now()));
    expect(first.exp).toBeNull();
    expect(ed25519Node.publicKeyOf!(first.seed)).toEqual(first.publicKey);
    expect(await listKeys(database.db, allianceId, clock)).toHaveLength(1);
  });

  it('instances starting at once agree on one first key', async () => {
    const [other] = await database.db.insert(alliances).values({ name: '另一联盟' }).returning();
    const keys = await Promise.all(
      Array.from({ length: 5 }, () => ensureSigningKey(database.db, other!.id, masterKey, clock)),
    );
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(await listKeys(database.db, other!.id, clock)).toHaveLength(1);
  });

  it('the private key is stored only encrypted', async () => {
    const key = await currentSigningKey(database.db, allianceId, masterKey, clock);
    const [row] = await database.db.select().from(signingKeys).where(eq(signingKeys.kid, key.kid));
    const stored = JSON.stringify(row);
    const seed = Buffer.from(key.seed);
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(stored).not.toContain(seed.toString(encoding).replace(/=+$/, ''));
    }
    expect(row!.privateKeyEncrypted).not.toContain(toBase64url(key.seed).slice(0, 12));
  });

  it('another master key cannot open it', async () => {
    const wrong = new Uint8Array(randomBytes(32));
    await expect(currentSigningKey(database.db, allianceId, wrong, clock)).rejects.toThrow();
  });

  it('vouchers it signs verify against the published JWKS', async () => {
    const key = await currentSigningKey(database.db, allianceId, masterKey, clock);
    const issuedAt = unix(clock.now());
    const { text } = signVoucher({ key, capPoints: 100, issuedAt, ttlSeconds: 180, merchantScope: 0 });
    const keys = keyIndexFromJwks(await publishedJwks(database.db, allianceId, clock));
    expect(verifyVoucher(text, { keys, primitive: ed25519Node, now: issuedAt })).toMatchObject({ ok: true });
  });

  it('rotation publishes the next key a day ahead and schedules the old one out', async () => {
    const old = await currentSigningKey(database.db, allianceId, masterKey, clock);
    const rotation = await rotateKeys(database.db, allianceId, masterKey, clock);
    const switchAt = unix(clock.now()) + DEFAULT_PUBLISH_LEAD_SECONDS;
    expect(rotation.created).toBe(true);
    expect(rotation.next).toMatchObject({ state: 'pending' });
    expect(unix(rotation.next.activatesAt)).toBe(switchAt);
    expect(rotation.replaced).toHaveLength(1);
    expect(rotation.replaced[0]).toMatchObject({ kid: old.kid, state: 'active' });
    expect(unix(rotation.replaced[0]!.exp!)).toBe(switchAt);
    expect(unix(rotation.replaced[0]!.retiredAt!)).toBe(switchAt + retention);

    // Both are published now, each with its issuedAt window; the old key still signs.
    const jwks = await publishedJwks(database.db, allianceId, clock);
    expect(jwks.keys.map((k) => [k.kid, k.nbf, k.exp])).toEqual([
      [old.kid, old.nbf, switchAt],
      [rotation.next.kid, switchAt, undefined],
    ]);
    expect((await currentSigningKey(database.db, allianceId, masterKey, clock)).kid).toBe(old.kid);
  });

  it('rotating again while a rotation is pending changes nothing', async () => {
    const before = await listKeys(database.db, allianceId, clock);
    const again = await rotateKeys(database.db, allianceId, masterKey, clock);
    expect(again.created).toBe(false);
    expect(await listKeys(database.db, allianceId, clock)).toEqual(before);
  });

  it('the new key signs from its activation; the old one verifies until it retires', async () => {
    const [old, next] = await listKeys(database.db, allianceId, clock);
    const oldKey = await currentSigningKey(database.db, allianceId, masterKey, clock);
    const lastOld = signVoucher({
      key: oldKey,
      capPoints: 5,
      issuedAt: unix(next!.activatesAt) - 1,
      ttlSeconds: 180,
      merchantScope: 0,
    });
    clock.set(next!.activatesAt);
    const current = await currentSigningKey(database.db, allianceId, masterKey, clock);
    expect(current.kid).toBe(next!.kid);
    expect(() =>
      signVoucher({
        key: oldKey,
        capPoints: 5,
        issuedAt: unix(clock.now()),
        ttlSeconds: 180,
        merchantScope: 0,
      }),
    ).toThrow(RangeError);

    clock.set(old!.retiredAt!.getTime() - 1000);
    const stillPublished = keyIndexFromJwks(await publishedJwks(database.db, allianceId, clock));
    expect(stillPublished.keys.map((k) => k.kid)).toContain(old!.kid);
    expect(
      verifyVoucher(lastOld.text, {
        keys: stillPublished,
        primitive: ed25519Node,
        now: lastOld.fields.issuedAt,
      }),
    ).toMatchObject({ ok: true });

    clock.set(old!.retiredAt!);
    const jwks = await publishedJwks(database.db, allianceId, clock);
    expect(jwks.keys.map((k) => k.kid)).toEqual([next!.kid]);
    // The API itself still verifies records that sync late.
    const all = await verificationKeyIndex(database.db, allianceId);
    expect(
      verifyVoucher(lastOld.text, { keys: all, primitive: ed25519Node, now: lastOld.fields.issuedAt }),
    ).toMatchObject({ ok: true });
    expect((await listKeys(database.db, allianceId, clock)).map((k) => k.state)).toEqual([
      'retired',
      'active',
    ]);
  });

  it('an immediate rotation (lead 0) switches keys at once', async () => {
    const before = await currentSigningKey(database.db, allianceId, masterKey, clock);
    const rotation = await rotateKeys(database.db, allianceId, masterKey, clock, { leadSeconds: 0 });
    const after = await currentSigningKey(database.db, allianceId, masterKey, clock);
    expect(after.kid).toBe(rotation.next.kid);
    expect(after.kid).not.toBe(before.kid);
  });
});

describe('master key', () => {
  const silent = () => {};

  it('comes from ALLIANCE_MASTER_KEY when set, with no file and no warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-'));
    const key = randomBytes(32);
    const warnings: string[] = [];
    const got = resolveMasterKey(
      { ALLIANCE_MASTER_KEY: key.toString('base64url'), DATA_DIR: dir, DATABASE_URL: undefined },
      (m) => warnings.push(m),
    );
    expect(Buffer.from(got)).toEqual(key);
    expect(warnings).toEqual([]);
    expect(() => statSync(join(dir, 'master.key'))).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    const short = randomBytes(16).toString('base64url');
    expect(() =>
      resolveMasterKey({ ALLIANCE_MASTER_KEY: short, DATA_DIR: '.', DATABASE_URL: undefined }, silent),
    ).toThrow(/32 bytes/);
  });

  it('is generated into DATA_DIR once, readable by its owner only, with one warning', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mk-')), 'data');
    const warnings: string[] = [];
    const config = { ALLIANCE_MASTER_KEY: undefined, DATA_DIR: dir, DATABASE_URL: undefined };
    const first = resolveMasterKey(config, (m) => warnings.push(m));
    const second = resolveMasterKey(config, (m) => warnings.push(m));
    expect(second).toEqual(first);
    expect(first).toHaveLength(32);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('master.key');
    expect(warnings[0]).not.toContain(Buffer.from(first).toString('base64url'));
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toBe(
      Buffer.from(first).toString('base64url'),
    );
  });

  it('warns on every start when PostgreSQL is used without ALLIANCE_MASTER_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-'));
    const warnings: string[] = [];
    const config = { ALLIANCE_MASTER_KEY: undefined, DATA_DIR: dir, DATABASE_URL: 'postgres://x@y/z' };
    resolveMasterKey(config, (m) => warnings.push(m));
    resolveMasterKey(config, (m) => warnings.push(m));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/ALLIANCE_MASTER_KEY/);
  });
});
