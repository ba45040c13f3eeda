/**
 * `alliance evidence prune` on a real database: the photos of claims decided and deductions
 * recorded before the retention period lose their bytes and keep their rows; photos of newer and
 * of undecided claims stay; a removed photo answers 410 evidence_removed. The command runs as the
 * CLI runs it, with the test's database and clock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../api/cli/command.ts';
import { evidenceCommands, parsePeriod, periodBefore } from '../../api/cli/evidence.ts';
import { rows } from '../../api/db/rows.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createResident } from '../helpers/world.ts';

/** The smallest valid PNG (1×1). */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const prune = evidenceCommands.find((c) => c.name === 'evidence prune')!;

describe('alliance evidence prune', () => {
  let api: TestApi;
  let coordinator: string;
  const photos: Record<string, string> = {};
  let out: string[] = [];
  let err: string[] = [];
  let opened = 0;

  const cli = (): CliContext => ({
    config: () => {
      throw new Error('the test gives the database itself');
    },
    database: async () => {
      opened++;
      return api.database;
    },
    clock: api.clock,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    return prune.run(args, cli());
  };
  const call = (method: string, path: string, token: string, body?: unknown, key?: string) =>
    api.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  const upload = async (token: string) => {
    const res = await api.app.request('http://localhost/v1/evidence', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: PNG as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** A claim with one photo, filed by the resident; answers the claim's and the photo's ids. */
  const claimWithPhoto = async (token: string, occurredOn: string) => {
    const photo = await upload(token);
    const res = await call(
      'POST',
      '/v1/claims',
      token,
      { ruleCode: 'cleanup', occurredOn, evidenceIds: [photo] },
      `claim-${photo}`,
    );
    expect(res.status, await res.clone().text()).toBe(201);
    return { claim: ((await res.json()) as { id: string }).id, photo };
  };
  const decide = async (claimId: string, body: Record<string, unknown>) => {
    const res = await call('POST', `/v1/claims/${claimId}/decisions`, coordinator, body);
    expect(res.status, await res.clone().text()).toBe(200);
  };

  beforeAll(async () => {
    api = await createTestApi({ start: '2025-10-10T02:00:00Z' });
    coordinator = await api.login();
    for (const rule of [
      {
        code: 'cleanup',
        category: '绿色社区',
        titleZh: '参加环境卫生整治',
        kind: 'fixed',
        points: 25,
        evidence: 'optional',
        selfClaim: true,
      },
      {
        code: 'litter',
        category: '绿色社区',
        titleZh: '乱扔垃圾',
        kind: 'deduction',
        points: 10,
        evidence: 'optional',
        selfClaim: false,
      },
    ]) {
      expect((await call('POST', '/v1/rules', coordinator, rule)).status).toBe(201);
    }

    // October 2025: two decided claims, two undecided ones and a deduction, each with a photo.
    const resident = await createResident(api, coordinator, '王桂兰', 0);
    const approved = await claimWithPhoto(resident.token, '2025-10-09');
    await decide(approved.claim, { decision: 'approve' });
    const refused = await claimWithPhoto(resident.token, '2025-10-08');
    await decide(refused.claim, { decision: 'refuse', reason: '当天没有签到' });
    const waiting = await claimWithPhoto(resident.token, '2025-10-07');
    const askedMore = await claimWithPhoto(resident.token, '2025-10-06');
    await decide(askedMore.claim, { decision: 'ask_more', reason: '请补充活动照片' });
    const deductionPhoto = await upload(coordinator);
    const deducted = await call('POST', '/v1/deductions', coordinator, {
      residentId: resident.id,
      ruleCode: 'litter',
      evidenceIds: [deductionPhoto],
    });
    expect(deducted.status).toBe(201);

    // November 2026, thirteen months on: a claim filed and decided last week.
    const moveTo = async (iso: string) => {
      api.clock.set(iso);
      coordinator = await api.login();
    };
    await moveTo('2026-11-12T02:00:00Z');
    const neighbour = await createResident(api, coordinator, '李建国', 0);
    const recent = await claimWithPhoto(neighbour.token, '2026-11-12');
    await moveTo('2026-11-13T02:00:00Z');
    await decide(recent.claim, { decision: 'approve' });
    await moveTo('2026-11-20T02:00:00Z');

    Object.assign(photos, {
      approved: approved.photo,
      refused: refused.photo,
      waiting: waiting.photo,
      askedMore: askedMore.photo,
      deduction: deductionPhoto,
      recent: recent.photo,
    });
  });
  afterAll(() => api.close());

  const status = async (photo: string) => {
    const res = await call('GET', `/v1/evidence/${photo}`, coordinator);
    return {
      status: res.status,
      type: res.status === 200 ? null : ((await res.json()) as { type: string }).type,
    };
  };

  it('a period longer than every photo removes nothing', async () => {
    expect(await run('--older-than', '24mo')).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(
        /^removed 0 photos .* before 2024-11-20T02:00:00\.000Z \(older than 24 months\)$/,
      ),
    ]);
    for (const photo of Object.values(photos)) expect((await status(photo)).status).toBe(200);
  });

  it("by default the alliance's 12 months: old decided photos go, newer and undecided ones stay", async () => {
    expect(await run()).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(
        /^removed 3 photos .* before 2025-11-20T02:00:00\.000Z \(older than 12 months\)$/,
      ),
    ]);
    for (const gone of [photos.approved!, photos.refused!, photos.deduction!]) {
      expect(await status(gone)).toEqual({ status: 410, type: 'evidence_removed' });
    }
    for (const kept of [photos.waiting!, photos.askedMore!, photos.recent!]) {
      expect((await status(kept)).status).toBe(200);
    }
    // The rows stay, saying when the bytes went.
    const left = await rows<{ id: string; removed: boolean; bytes: boolean }>(
      api.database.db,
      sql`select id, removed_at is not null as removed, bytes is not null as bytes from evidence`,
    );
    expect(left).toHaveLength(6);
    const removed = left.filter((r) => r.removed).map((r) => r.id);
    expect(removed.sort()).toEqual([photos.approved, photos.refused, photos.deduction].sort());
    expect(left.every((r) => r.removed !== r.bytes)).toBe(true);
  });

  it('running it again removes nothing more; days count too', async () => {
    expect(await run('--older-than', '12mo')).toBe(0);
    expect(out[0]).toMatch(/^removed 0 photos /);
    expect(await run('--older-than', '3d')).toBe(0);
    expect(out[0]).toMatch(/^removed 1 photo of .* \(older than 3 days\)$/);
    expect(await status(photos.recent!)).toEqual({ status: 410, type: 'evidence_removed' });
    expect((await status(photos.waiting!)).status).toBe(200);
  });

  it('a usage error exits 2 with a message and opens no database', async () => {
    const before = opened;
    for (const args of [
      ['--older-than', '12'],
      ['--older-than', '1y'],
      ['--older-than', '0d'],
      ['--older-than'],
      ['--older-than', '--alliance'],
      ['--alliance', 'not-an-id'],
      ['--dry-run'],
    ]) {
      expect(await run(...args), args.join(' ')).toBe(2);
      expect(err.join('\n')).toMatch(/Usage: alliance evidence prune/);
    }
    expect(opened).toBe(before);
  });

  it('periods: months by the calendar, days of 24 hours', () => {
    expect(parsePeriod('12mo')).toEqual({ months: 12 });
    expect(parsePeriod('90d')).toEqual({ days: 90 });
    expect(parsePeriod('12')).toBeUndefined();
    const at = (iso: string) => new Date(iso);
    expect(periodBefore(at('2026-03-31T04:00:00Z'), { months: 1 })).toEqual(at('2026-02-28T04:00:00Z'));
    expect(periodBefore(at('2026-01-15T00:00:00Z'), { months: 13 })).toEqual(at('2024-12-15T00:00:00Z'));
    expect(periodBefore(at('2026-01-15T00:00:00Z'), { days: 90 })).toEqual(at('2025-10-17T00:00:00Z'));
  });
});
