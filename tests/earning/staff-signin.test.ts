/**
 * Staff invited by phone or e-mail, with a password or a one-time sign-in code: the code is shown
 * once, kept only as a slow hash, works once and for 7 days, and sets the password; a new code
 * for a forgotten password ends the old password and every session. And nobody decides on their
 * own household: a reviewer who lives here is refused their family's claims and appeals.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../api/db/rows.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';

describe('staff sign-in by phone and one-time code; nobody decides on their own household', () => {
  let api: TestApi;
  let coordinator: string;

  const call = (method: string, path: string, token: string | undefined, body?: unknown) =>
    api.call(method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });
  const staffCount = async () =>
    Number(
      (await rows<{ n: number }>(api.database.db, sql`select count(*)::int as n from staff_users`))[0]!.n,
    );

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
  });
  afterAll(() => api.close());

  it('invites by phone with a one-time code that works once, within 7 days, and sets the password', async () => {
    const invited = await call('POST', '/v1/staff', coordinator, {
      name: '网格员小刘',
      phone: '139 0000 1234',
      rights: ['inspector'],
    });
    expect(invited.status).toBe(201);
    const body = await invited.json();
    expect(body.signInCode).toMatch(/^\d{4} \d{4}$/);
    expect(body.phone).toBe('13900001234');
    expect(body.email).toBeNull();
    expect(new Date(body.signInCodeExpiresAt).getTime()).toBe(Date.parse('2026-11-27T02:00:00Z'));
    const code: string = body.signInCode;

    // The code is stored as a slow hash only, and never written to the audit log.
    const [stored] = await rows<{ sign_in_code_hash: string }>(
      api.database.db,
      sql`select sign_in_code_hash from staff_users where id = ${body.id}`,
    );
    expect(stored!.sign_in_code_hash).toMatch(/^scrypt\$/);
    expect(stored!.sign_in_code_hash).not.toContain(code.replace(' ', ''));
    const audit = await rows<{ details: unknown }>(api.database.db, sql`select details from audit_log`);
    expect(JSON.stringify(audit)).not.toContain(code.replace(' ', ''));

    // Before the first sign-in, no password works; a wrong code looks like a wrong password.
    const guess = await call('POST', '/v1/auth/login', undefined, { phone: '13900001234', password: code });
    expect(guess.status).toBe(401);
    const wrong = await call('POST', '/v1/auth/first-sign-in', undefined, {
      phone: '13900001234',
      code: '0000 0000',
      newPassword: 'my own password',
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).type).toBe('invalid_credentials');
    const short = await call('POST', '/v1/auth/first-sign-in', undefined, {
      phone: '13900001234',
      code,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);

    // The phone typed with dashes, the code without its space: signed in, password set.
    const first = await call('POST', '/v1/auth/first-sign-in', undefined, {
      phone: '139-0000-1234',
      code: code.replace(' ', ''),
      newPassword: 'my own password',
    });
    expect(first.status, await first.clone().text()).toBe(200);
    expect((await first.json()).accessToken).toBeTruthy();
    const again = await call('POST', '/v1/auth/first-sign-in', undefined, {
      phone: '13900001234',
      code,
      newPassword: 'another password',
    });
    expect(again.status).toBe(401);
    // Either field takes the phone: the console's one box sends it as `email`.
    for (const login of [{ phone: '13900001234' }, { email: '139 0000 1234' }]) {
      const res = await call('POST', '/v1/auth/login', undefined, { ...login, password: 'my own password' });
      expect(res.status).toBe(200);
    }
    const list = (await (await call('GET', '/v1/staff', coordinator)).json()).staff;
    expect(list.find((s: { id: string }) => s.id === body.id).signInCodeExpiresAt).toBeNull();
  });

  it('an unused code stops working after 7 days', async () => {
    const invited = await (
      await call('POST', '/v1/staff', coordinator, { name: '督导员老周', email: 'zhou@test.cn', rights: [] })
    ).json();
    api.clock.advance(7 * 86_400_000 + 1000);
    coordinator = await api.login();
    const late = await call('POST', '/v1/auth/first-sign-in', undefined, {
      email: 'zhou@test.cn',
      code: invited.signInCode,
      newPassword: 'my own password',
    });
    expect(late.status).toBe(401);
    expect((await late.json()).type).toBe('sign_in_code_expired');
    // The coordinator hands over a new one; it works.
    const fresh = await (
      await call('PATCH', `/v1/staff/${invited.id}`, coordinator, { newSignInCode: true })
    ).json();
    expect(fresh.signInCode).toMatch(/^\d{4} \d{4}$/);
    expect(fresh.signInCode).not.toBe(invited.signInCode);
    const ok = await call('POST', '/v1/auth/first-sign-in', undefined, {
      email: 'ZHOU@test.cn',
      code: fresh.signInCode,
      newPassword: 'my own password',
    });
    expect(ok.status).toBe(200);
  });

  it('a new code for a forgotten password ends the old password and every session', async () => {
    await call('POST', '/v1/staff', coordinator, {
      name: '审核员老陈',
      email: 'chen@test.cn',
      password: 'first password',
      rights: ['reviewer'],
    });
    const token = await api.login('chen@test.cn', 'first password');
    expect((await call('GET', '/v1/claims', token)).status).toBe(200);
    const id = (await (await call('GET', '/v1/staff', coordinator)).json()).staff.find(
      (s: { email: string | null }) => s.email === 'chen@test.cn',
    ).id;
    const reset = await (await call('PATCH', `/v1/staff/${id}`, coordinator, { newSignInCode: true })).json();
    expect(reset.signInCode).toMatch(/^\d{4} \d{4}$/);
    const old = await call('POST', '/v1/auth/login', undefined, {
      email: 'chen@test.cn',
      password: 'first password',
    });
    expect(old.status).toBe(401);
    // The refresh token of the session before is dead (its access token runs out within 15 minutes).
    api.clock.advance(16 * 60_000);
    expect((await call('GET', '/v1/claims', token)).status).toBe(401);
    coordinator = await api.login();
  });

  it('refuses an invite with neither e-mail nor phone, or a phone another account uses, and stores nothing', async () => {
    const before = await staffCount();
    const neither = await call('POST', '/v1/staff', coordinator, { name: '无名', rights: [] });
    expect(neither.status).toBe(400);
    expect((await neither.json()).errors[0].field).toBe('email');
    const taken = await call('POST', '/v1/staff', coordinator, {
      name: '重复',
      phone: '13900001234',
      password: 'a long password',
      rights: [],
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).type).toBe('staff_phone_taken');
    const unknownResident = await call('POST', '/v1/staff', coordinator, {
      name: '不存在的居民',
      email: 'nobody@test.cn',
      rights: [],
      residentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownResident.status).toBe(404);
    expect(await staffCount()).toBe(before);
  });

  it('a reviewer who lives here cannot decide a claim or an appeal of their own household', async () => {
    const household = await (await call('POST', '/v1/households', coordinator, { name: '刘家' })).json();
    const resident = async (name: string, householdId?: string) => {
      const r = await (
        await call('POST', '/v1/residents', coordinator, { name, ...(householdId ? { householdId } : {}) })
      ).json();
      const tokens = await (
        await call('POST', '/v1/enroll/resident', undefined, { code: r.enrollmentCode })
      ).json();
      return { id: r.id as string, token: tokens.accessToken as string };
    };
    const self = await resident('刘芳', household.id);
    const spouse = await resident('刘强', household.id);
    const neighbour = await resident('赵敏');
    await call('POST', '/v1/staff', coordinator, {
      name: '刘芳',
      email: 'liufang@test.cn',
      password: 'reviewer password',
      rights: ['reviewer'],
      residentId: self.id,
    });
    const reviewer = await api.login('liufang@test.cn', 'reviewer password');
    await call('POST', '/v1/rules', coordinator, {
      code: 'tidy',
      category: '绿色社区',
      titleZh: '清理楼道',
      kind: 'fixed',
      points: 10,
      evidence: 'none',
      selfClaim: true,
    });
    await call('POST', '/v1/rules', coordinator, {
      code: 'litter',
      category: '绿色社区',
      titleZh: '乱扔垃圾',
      kind: 'deduction',
      points: 5,
      evidence: 'none',
      selfClaim: false,
    });
    let n = 0;
    const file = async (token: string) => {
      const res = await api.call('POST', '/v1/claims', {
        token,
        headers: { 'idempotency-key': `own-claim-${++n}` },
        body: { ruleCode: 'tidy', occurredOn: api.clock.now().toISOString().slice(0, 10) },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()).id as string;
    };
    const approve = (claimId: string) =>
      call('POST', `/v1/claims/${claimId}/decisions`, reviewer, { decision: 'approve' });
    for (const who of [self, spouse]) {
      const refused = await approve(await file(who.token));
      expect(refused.status).toBe(403);
      expect((await refused.json()).type).toBe('own_household');
    }
    const fine = await approve(await file(neighbour.token));
    expect(fine.status).toBe(200);
    expect((await fine.json()).status).toBe('approved');

    const deduction = await (
      await call('POST', '/v1/deductions', coordinator, { householdId: household.id, ruleCode: 'litter' })
    ).json();
    expect(
      (await call('POST', `/v1/deductions/${deduction.id}/appeal`, spouse.token, { note: '不是我们家' }))
        .status,
    ).toBe(200);
    const appeal = await call('POST', `/v1/deductions/${deduction.id}/appeal/decision`, reviewer, {
      uphold: true,
      reason: '核实后撤销',
    });
    expect(appeal.status).toBe(403);
    expect((await appeal.json()).type).toBe('own_household');
  });
});
