import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { CONSOLE_ORIGIN, consoleSession } from '../helpers/console-session.ts';

/** The console through real requests: form posts with cookies, as a browser sends them. */
describe('coordinator console', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;
  const origin = CONSOLE_ORIGIN;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('an anonymous visit goes to the sign-in page', async () => {
    const res = await request('GET', '/console/residents');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Fresidents');
  });

  it('a wrong password shows the sign-in page again with a plain message', async () => {
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: 'wrong',
      next: '/console/',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('邮箱（或手机号）或密码不正确');
  });

  it('a form post from another origin is refused', async () => {
    const res = await api.app.request(`${origin}/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password }).toString(),
    });
    expect(res.status).toBe(403);
  });

  it('the coordinator signs in and sees the dashboard; the cookies are HttpOnly and Strict', async () => {
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
    const setCookies = res.headers.getSetCookie().join('\n');
    expect(setCookies).toMatch(/console_at=[^;]+;.*HttpOnly/);
    expect(setCookies).toMatch(/SameSite=Strict/);
    const page = await request('GET', '/console/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('概览');
  });

  it('creating a resident prints an enrollment slip with a QR and a working code', async () => {
    const res = await request('POST', '/console/residents', {
      name: '赵大爷',
      phone: '13900000000',
      householdId: '',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    const code = html.match(/(\d{4}-\d{4}-\d{4})/)?.[1];
    expect(code).toBeDefined();
    const enrolled = await api.call('POST', '/v1/enroll/resident', { body: { code } });
    expect(enrolled.status).toBe(200);
    const list = await request('GET', '/console/residents?q=赵');
    expect(await list.text()).toContain('赵大爷');
  });

  it('a merchant gets an offer, a device slip and a POS key shown once', async () => {
    const created = await request('POST', '/console/merchants', {
      name: '叶子发艺',
      address: '文明街 12 号',
    });
    expect(created.status).toBe(303);
    const merchantPath = created.headers.get('location')!;
    const offer = await request('POST', `${merchantPath}/offers`, {
      kind: 'amount_off',
      code: 'haircut-5',
      titleZh: '理发立减 5 元',
      titleEn: 'Haircut 5 off',
      points: '50',
      amountYuan: '5',
    });
    expect(offer.status).toBe(303);
    expect(offer.headers.get('location')).toBe(merchantPath);
    const badOffer = await request('POST', `${merchantPath}/offers`, {
      kind: 'amount_off',
      code: 'Bad Code',
      titleZh: 'x',
      titleEn: 'x',
      points: '-1',
      amountYuan: '5',
    });
    expect(decodeURIComponent(badOffer.headers.get('location')!)).toContain('error=');
    const page = await (await request('GET', merchantPath)).text();
    expect(page).toContain('理发立减 5 元');
    expect(page).toContain('50 积分 → −5.00 元');
    const slip = await request('POST', `${merchantPath}/devices`, {});
    expect(await slip.text()).toMatch(/\d{4}-\d{4}-\d{4}/);
    const key = await request('POST', `${merchantPath}/pos-keys`, {});
    expect(key.headers.get('cache-control')).toBe('no-store');
    const keyText = (await key.text()).match(/pos_[A-Za-z0-9_-]{43}/)?.[0];
    expect(keyText).toBeDefined();
    expect(await (await request('GET', merchantPath)).text()).not.toContain(keyText!);
  });

  it("editing a resident: joining a household brings their points; a merchant's name changes", async () => {
    await request('POST', '/console/residents/households', { name: '赵家' });
    const residentsPage = await (await request('GET', '/console/residents?q=赵大爷')).text();
    const residentPath = /href="(\/console\/residents\/[0-9a-f-]{36})"/.exec(residentsPage)![1]!;
    const householdId = /<option value="([0-9a-f-]{36})">赵家<\/option>/.exec(residentsPage)![1]!;
    const coordinator = await api.login();
    const residentId = residentPath.split('/').at(-1)!;
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': 'console-edit-grant' },
      body: { residentId, points: 70, reason: '志愿服务' },
    });
    const bad = await request('POST', `${residentPath}/edit`, { name: '赵大爷', phone: 'abc', householdId });
    // Back to the page, which names the refused field in words.
    expect(bad.headers.get('location')).toBe(`${residentPath}?error=invalid_request&fields=phone`);
    const refusedPage = await (await request('GET', bad.headers.get('location')!)).text();
    expect(refusedPage).toContain('请检查：电话');
    const saved = await request('POST', `${residentPath}/edit`, {
      name: '赵大爷',
      phone: '13900000001',
      householdId,
    });
    expect(saved.headers.get('location')).toBe(`${residentPath}?saved=1`);
    const page = await (await request('GET', saved.headers.get('location')!)).text();
    expect(page).toContain('家庭: 赵家');
    expect(page).toContain('13900000001');
    expect(page).toContain('data-balance="70"');
    expect(page).toMatch(/<td data-kind="move">并入家庭<\/td><td>\+70<\/td>/);

    const merchantsPage = await (await request('GET', '/console/merchants')).text();
    const merchantPath = /href="(\/console\/merchants\/[0-9a-f-]{36})"/.exec(merchantsPage)![1]!;
    const renamed = await request('POST', `${merchantPath}/edit`, {
      name: '叶子美发',
      address: '文明街 14 号',
    });
    expect(renamed.headers.get('location')).toBe(merchantPath);
    const merchantPage = await (await request('GET', merchantPath)).text();
    expect(merchantPage).toContain('叶子美发');
    expect(merchantPage).toContain('文明街 14 号');
  });

  it('every action is in the audit log', async () => {
    const html = await (await request('GET', '/console/audit')).text();
    for (const action of [
      'resident.create',
      'resident.update',
      'merchant.create',
      'merchant.update',
      'offer.create',
      'pos_key.create',
    ])
      expect(html).toContain(`data-action="${action}"`);
  });

  it('signing out ends the session', async () => {
    expect((await request('POST', '/console/logout', {})).status).toBe(303);
    expect((await request('GET', '/console/')).status).toBe(303);
  });
});
