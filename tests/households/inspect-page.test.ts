/**
 * The inspector's phone page over HTTP (issue #16): the door plate's address leads to it, through
 * sign-in and back; a plate that is unknown, and a household outside the inspector's grids, are
 * pages in words; a form posted twice with the same nonce records one check (its photo stored
 * once); a second check in the week asks first; the zh-CN page has no Latin words; a staff
 * session lasts 30 days and a disabled account is refused at once.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence, inspections } from '../../api/db/schema/index.ts';
import { HouseholdView, TemplateView } from '../../shared/api/households.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { cameraPhoto } from '../helpers/photos.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';

const INSPECTOR = { email: 'east@test.cn', password: 'inspector password 1' };
const ITEMS = [
  { code: 'clean', title: '包卫生' },
  { code: 'green', title: '包绿化' },
  { code: 'order', title: '包秩序' },
];

describe("the inspector's phone page", () => {
  let api: TestApi;
  let coordinator: string;
  let inspectorId: string;
  let template: TemplateView;
  let east: HouseholdView;
  let west: HouseholdView;
  const session = consoleSession(() => api.app);
  const request = session.request;
  const tokenOf = (h: HouseholdView) => h.plateUrl!.split('/').at(-1)!;
  const countChecks = async () =>
    Number((await api.database.db.select({ n: sql<number>`count(*)` }).from(inspections))[0]!.n);

  async function signIn(who: { email: string; password: string }, next = '/console/') {
    session.clear();
    const res = await request('POST', '/console/login', { ...who, next });
    expect(res.status).toBe(303);
    return res;
  }

  function checkForm(nonce: string, marks: Record<string, 'ok' | 'bad'>, extra: Record<string, string> = {}) {
    const form = new FormData();
    form.set('nonce', nonce);
    form.set('templateId', template.id);
    for (const [code, mark] of Object.entries(marks)) form.set(`item-${code}`, mark);
    for (const [name, value] of Object.entries(extra)) form.set(name, value);
    return form;
  }

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-18T02:00:00Z' });
    coordinator = await api.login();
    const call = async (method: string, path: string, body: unknown) => {
      const res = await api.call(method, path, { token: coordinator, body });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return res.json();
    };
    inspectorId = (
      await call('POST', '/v1/staff', {
        name: '东片督导员',
        ...INSPECTOR,
        rights: ['inspector'],
        areas: ['东网格'],
      })
    ).id;
    template = TemplateView.parse(
      await call('POST', '/v1/inspection-templates', {
        name: '门前三包',
        items: ITEMS.map((i) => ({ ...i, kept: 1, lost: 0 })),
        bonus: { cap: 10, items: [{ code: 'volunteer', title: '志愿服务', points: 2 }] },
        monthRule: 'every_check',
      }),
    );
    const member = await call('POST', '/v1/residents', { name: '李桂英' });
    east = HouseholdView.parse(
      await call('POST', '/v1/households', {
        name: '李家',
        doorNumber: '金卫村 5组 32号',
        community: '金卫村',
        grid: '东网格',
        memberIds: [member.id],
      }),
    );
    west = HouseholdView.parse(
      await call('POST', '/v1/households', {
        name: '王家',
        doorNumber: '金卫村 7组 3号',
        community: '金卫村',
        grid: '西网格',
      }),
    );
  });
  afterAll(() => api.close());

  it('the plate address leads through sign-in back to the household’s page', async () => {
    const token = tokenOf(east);
    expect(east.plateUrl).toMatch(new RegExp(`/inspect/${token}$`));
    const plate = await api.app.request(`http://localhost/inspect/${token}`);
    expect(plate.status).toBe(303);
    expect(plate.headers.get('location')).toBe(`/console/inspect/${token}`);

    session.clear();
    const out = await request('GET', `/console/inspect/${token}`);
    expect(out.status).toBe(303);
    const login = out.headers.get('location')!;
    const next = new URL(login, 'http://localhost').searchParams.get('next')!;
    expect(next).toBe(`/console/inspect/${token}`);
    const signedIn = await signIn(INSPECTOR, next);
    expect(signedIn.headers.get('location')).toBe(`/console/inspect/${token}`);
    // The inspector's sign-in lasts 30 days on the phone.
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('console_rt='))!;
    expect(cookie).toContain(`Max-Age=${30 * 24 * 3600}`);

    const page = await request('GET', `/console/inspect/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('金卫村 5组 32号');
    expect(html).toContain('李家');
    expect(html).toContain('东网格');
    for (const item of ITEMS) expect(html).toContain(item.title);
    expect(html).toContain('志愿服务');
    expect(html).toContain('capture="environment"');
    expect(html).toContain('src="/console/inspect/script.js"');
    const script = await request('GET', '/console/inspect/script.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('a plate that is unknown or no plate at all is a page in words', async () => {
    await signIn(INSPECTOR);
    for (const path of ['/console/inspect/AAAAAAAAAAAAAAAAAAAAAA', '/console/inspect/nothing']) {
      const res = await request('GET', path);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('data-error="plate_not_found"');
      expect(html).toContain('这个门牌码无效或已经重新发放');
    }
  });

  it('a household outside the inspector’s grids is refused in words, and so is saving a check of it', async () => {
    await signIn(INSPECTOR);
    const res = await request('GET', `/console/inspect/${tokenOf(west)}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('这户不在您负责的网格内');
    const posted = await request(
      'POST',
      `/console/inspect/${tokenOf(west)}`,
      checkForm(crypto.randomUUID(), { clean: 'ok', green: 'ok', order: 'ok' }),
    );
    expect(posted.status).toBe(403);
    expect(await countChecks()).toBe(0);
  });

  it('the zh-CN page has no Latin words; ?lang=en is English', async () => {
    await signIn(INSPECTOR);
    const html = await (await request('GET', `/console/inspect/${tokenOf(east)}`)).text();
    expect(latinWords(visibleText(html))).toEqual([]);
    const en = await (await request('GET', `/console/inspect/${tokenOf(east)}?lang=en`)).text();
    expect(en).toContain('Household check');
    expect(en).toContain('>Good<');
    await request('GET', `/console/inspect/${tokenOf(east)}?lang=zh`);
  });

  it('a form posted twice with the same nonce records one check, its photo once', async () => {
    await signIn(INSPECTOR);
    const token = tokenOf(east);
    const nonce = crypto.randomUUID();
    const photo = new Uint8Array(cameraPhoto(320, 240));
    const form = () => {
      const f = checkForm(nonce, { clean: 'ok', green: 'bad', order: 'ok' }, { note: '门口堆了杂物' });
      f.append('bonus', 'volunteer');
      f.set('photo-green', new File([photo], 'green.png', { type: 'image/png' }));
      // A photo sent for an item marked 好 is not kept.
      f.set('photo-clean', new File([photo], 'clean.png', { type: 'image/png' }));
      return f;
    };
    const first = await request('POST', `/console/inspect/${token}`, form());
    expect(first.status).toBe(303);
    const again = await request('POST', `/console/inspect/${token}`, form());
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toMatch(new RegExp(`^/console/inspect/${token}\\?saved=`));

    const rows = await api.database.db.select().from(inspections);
    expect(rows).toHaveLength(1);
    const check = rows[0]!;
    expect(check.inspectorId).toBe(inspectorId);
    expect(check.checkedOn).toBe('2026-11-18');
    expect(check.note).toBe('门口堆了杂物');
    const byCode = new Map(check.items.map((i) => [i.code, i]));
    expect(byCode.get('green')!.ok).toBe(false);
    expect(byCode.get('green')!.evidenceId).toBeTruthy();
    expect(byCode.get('clean')!.evidenceId).toBeUndefined();
    expect(byCode.get('volunteer')!.ok).toBe(true);
    const photos = await api.database.db.select({ id: evidence.id }).from(evidence);
    expect(photos.map((p) => p.id)).toEqual([byCode.get('green')!.evidenceId]);

    const page = await (await request('GET', first.headers.get('location')!)).text();
    expect(page).toContain('已保存');
    expect(page).toContain('差：包绿化');
    // Checked this week: the page says so, and the form asks first.
    expect(page).toContain('这户本周已经在 2026-11-18 检查过了');
    expect(page).toMatch(/name="confirmSecond"[^>]*required/);
  });

  it('a second check in the same week is refused in words unless confirmed', async () => {
    await signIn(INSPECTOR);
    const token = tokenOf(east);
    const marks = { clean: 'ok', green: 'ok', order: 'ok' } as const;
    const refused = await request('POST', `/console/inspect/${token}`, checkForm(crypto.randomUUID(), marks));
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe(`/console/inspect/${token}?error=second_check_this_week`);
    const page = await (await request('GET', refused.headers.get('location')!)).text();
    expect(page).toContain('这户本周已经检查过了');
    expect(await countChecks()).toBe(1);
    const confirmed = await request(
      'POST',
      `/console/inspect/${token}`,
      checkForm(crypto.randomUUID(), marks, { confirmSecond: 'yes' }),
    );
    expect(confirmed.headers.get('location')).toMatch(/\?saved=/);
    expect(await countChecks()).toBe(2);
  });

  it('a check done on paper is entered with its day; an unmarked item or a future day is refused in words', async () => {
    await signIn(INSPECTOR);
    const token = tokenOf(east);
    const paper = await request(
      'POST',
      `/console/inspect/${token}`,
      checkForm(crypto.randomUUID(), { clean: 'ok', green: 'ok', order: 'bad' }, { checkedOn: '2026-11-03' }),
    );
    expect(paper.headers.get('location')).toMatch(/\?saved=/);
    const [row] = await api.database.db
      .select()
      .from(inspections)
      .where(eq(inspections.checkedOn, '2026-11-03'));
    expect(row!.week).toBe('2026-W45');
    // A paper check of last month (not closed yet) is saved too, and the page says so.
    const october = await request(
      'POST',
      `/console/inspect/${token}`,
      checkForm(crypto.randomUUID(), { clean: 'ok', green: 'ok', order: 'ok' }, { checkedOn: '2026-10-30' }),
    );
    expect(october.headers.get('location')).toMatch(/\?saved=.*&on=2026-10-30$/);
    expect(await (await request('GET', october.headers.get('location')!)).text()).toContain('已保存');

    const unmarked = await request(
      'POST',
      `/console/inspect/${token}`,
      checkForm(crypto.randomUUID(), { clean: 'ok', green: 'ok' }, { checkedOn: '2026-11-10' }),
    );
    expect(unmarked.headers.get('location')).toBe(`/console/inspect/${token}?error=invalid_check_items`);
    const future = await request(
      'POST',
      `/console/inspect/${token}`,
      checkForm(crypto.randomUUID(), { clean: 'ok', green: 'ok', order: 'ok' }, { checkedOn: '2026-11-25' }),
    );
    expect(future.headers.get('location')).toBe(`/console/inspect/${token}?error=future_check`);
    const words = await (await request('GET', future.headers.get('location')!)).text();
    expect(words).toContain('检查日期不能晚于今天');
    expect(await countChecks()).toBe(4);
  });

  it('an inspector stays signed in for 30 days; a disabled inspector is refused at once', async () => {
    await signIn(INSPECTOR);
    const token = tokenOf(east);
    api.clock.advance(29 * 24 * 3600_000);
    const later = await request('GET', `/console/inspect/${token}`);
    expect(later.status).toBe(200);
    const off = await api.call('PATCH', `/v1/staff/${inspectorId}`, {
      token: await api.login(),
      body: { disabled: true },
    });
    expect(off.status).toBe(200);
    const refused = await request('GET', `/console/inspect/${token}`);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toMatch(/^\/console\/login/);
  });
});
