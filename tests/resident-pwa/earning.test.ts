/**
 * Earning points in the resident app (issue #15), in headless Chromium against the real API on
 * a real database: a claim with a photo made offline waits on the phone and is filed once when
 * the network returns (its photo scaled to 1600 px JPEG on the phone); a reviewer's decisions
 * (approve, ask for more, refuse) show in words; a deduction shows in the history and is
 * appealed once from the app; the good-deeds feed shows a masked name, a photo and one 点赞.
 * Every new screen is swept for Latin words in zh-CN and fits 240 px with large text.
 * Screenshots: test-results/screenshots/resident-earning-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureAppBuild,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { cameraPhoto, jpegSize } from '../helpers/photos.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { latinWords } from '../helpers/zh-sweep.ts';
import { type ResidentWorld, startResidentWorld } from './world.ts';

interface Claim {
  id: string;
  status: string;
  residentName: string;
  ruleCode: string;
  evidenceIds: string[];
}

/** Text as read: the app holds a number to its unit with a no-break space. */
const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');

describe('earning points in the resident app', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reviewer: string;
  let photo: Buffer;
  const residentName = '张秀英';
  let residentId: string;
  let available: number;

  const call = <T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    status?: number,
  ) =>
    world.json<T>(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(status ? { status } : {}),
    });

  const queue = async (status?: string) =>
    (
      await call<{ claims: Claim[] }>('GET', `/v1/claims${status ? `?status=${status}` : ''}`, reviewer)
    ).claims.filter((c) => c.residentName === residentName);

  const tab = (name: string) => page.getByRole('button', { name, exact: true }).click();

  /** What a zh-CN reader sees on screen, including labels, placeholders and alt text. */
  const screenWords = () =>
    page.evaluate(() =>
      [
        // biome-ignore lint/performance/useDomNodeTextContent: only what is shown counts, not hidden text
        document.body.innerText,
        ...[...document.querySelectorAll('[placeholder],[aria-label],[alt],[title]')].flatMap((el) =>
          ['placeholder', 'aria-label', 'alt', 'title'].map((a) => el.getAttribute(a) ?? ''),
        ),
      ].join(' '),
    );
  const expectChinese = async (screen: string) => expect(latinWords(await screenWords()), screen).toEqual([]);

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    const rule = (body: Record<string, unknown>) => call('POST', '/v1/rules', world.coordinator, body);
    await rule({
      code: 'app-tidy',
      category: '绿色社区',
      titleZh: '清理楼道杂物',
      titleEn: 'Cleared the stairwell',
      kind: 'fixed',
      points: 20,
      evidence: 'required',
      selfClaim: true,
      limits: { perDay: 1 },
    });
    await rule({
      code: 'app-walk',
      category: '志愿活动',
      titleZh: '陪独居老人散步',
      titleEn: 'Walks with a neighbour living alone',
      kind: 'per_hour',
      pointsPerHour: 10,
      evidence: 'optional',
      selfClaim: true,
    });
    await rule({
      code: 'app-idea',
      category: '社区公德',
      titleZh: '社区金点子',
      titleEn: 'An idea for the community',
      kind: 'range',
      min: 10,
      max: 40,
      evidence: 'none',
      selfClaim: true,
    });
    await rule({
      code: 'app-throw',
      category: '绿色社区',
      titleZh: '高空抛物',
      kind: 'deduction',
      points: 20,
      evidence: 'none',
      selfClaim: false,
    });
    await call('POST', '/v1/staff', world.coordinator, {
      name: '审核员',
      email: 'reviewer@test.cn',
      password: 'reviewer password',
      rights: ['reviewer'],
    });
    reviewer = (
      await world.json<{ accessToken: string }>('POST', '/v1/auth/login', {
        body: { email: 'reviewer@test.cn', password: 'reviewer password' },
      })
    ).accessToken;
    const resident = world.demo.residents.find((r) => r.name === residentName)!;
    residentId = resident.id;
    available = resident.points;
    photo = cameraPhoto();

    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: world.baseUrl });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/resident/');
    await page.fill('#enroll-code', resident.enrollmentCode);
    await page.getByRole('button', { name: '确认登记' }).click();
    await page
      .getByTestId('available')
      .filter({ hasText: String(available) })
      .waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('a claim with a photo made offline waits on the phone, is filed once online, and its approval shows in words and points', async () => {
    await page.screenshot({ path: screenshotPath('resident-earning-home') });
    await page.getByTestId('home-claim').click();
    await page.locator('[data-rule=app-tidy]').waitFor();
    await expectChinese('rule picker');
    await page.screenshot({ path: screenshotPath('resident-earning-rules') });

    await page.locator('[data-rule=app-tidy]').click();
    await context.setOffline(true);
    await page
      .getByTestId('photo-album')
      .setInputFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: photo });
    await page.locator('[data-testid=thumbs] img').waitFor();
    await page.fill('#claim-note', '把三楼楼道的纸箱搬到回收点');
    await expectChinese('claim form');
    await page.screenshot({ path: screenshotPath('resident-earning-form'), fullPage: true });
    await page.getByRole('button', { name: '提交申报' }).click();

    const pending = page.getByTestId('pending-claim');
    await expect
      .poll(() => pending.getByTestId('claim-status').textContent().then(plain))
      .toBe('等待联网发送');
    await page.getByText('没有网络。申报已保存在手机里，联网后会自动发送。').waitFor();
    await expectChinese('claims offline');
    await page.screenshot({ path: screenshotPath('resident-earning-claims-offline') });
    expect(await queue()).toEqual([]);

    // Back online: the phone sends it by itself (the 'online' event), photo first.
    await context.setOffline(false);
    await page.locator('[data-testid=claim][data-status=submitted]').waitFor({ timeout: 15_000 });
    await expect.poll(() => pending.count()).toBe(0);
    expect(
      await page.locator('[data-testid=claim] [data-testid=claim-status]').first().textContent().then(plain),
    ).toBe('待审核');

    const filed = await queue();
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ ruleCode: 'app-tidy', status: 'submitted' });
    expect(filed[0]!.evidenceIds).toHaveLength(1);
    const image = await fetch(`${world.baseUrl}/v1/evidence/${filed[0]!.evidenceIds[0]}`, {
      headers: { authorization: `Bearer ${reviewer}` },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 1067 });
    expect(bytes.length).toBeLessThanOrEqual(400 * 1024);

    await call('POST', `/v1/claims/${filed[0]!.id}/decisions`, reviewer, { decision: 'approve' });
    await tab('申报');
    await page.locator(`[data-claim-id="${filed[0]!.id}"][data-status=approved]`).waitFor();
    expect(
      await page
        .locator(`[data-claim-id="${filed[0]!.id}"] [data-testid=claim-status]`)
        .textContent()
        .then(plain),
    ).toBe('已通过 +20 积分');
    await page.screenshot({ path: screenshotPath('resident-earning-claims') });
    await tab('首页');
    available += 20;
    await page
      .getByTestId('available')
      .filter({ hasText: String(available) })
      .waitFor();
    expect(await page.getByTestId('history').locator('li .what').first().textContent().then(plain)).toBe(
      '+20 积分 清理楼道杂物',
    );
  });

  it('a refusal by the API is shown in words on the claim and not sent again', async () => {
    // The rule allows one claim a day and today's is filed: the phone keeps the refused one.
    await page.getByTestId('home-claim').click();
    await page.locator('[data-rule=app-tidy]').click();
    await page
      .getByTestId('photo-camera')
      .setInputFiles({ name: 'again.png', mimeType: 'image/png', buffer: photo });
    await page.locator('[data-testid=thumbs] img').waitFor();
    await page.getByRole('button', { name: '提交申报' }).click();
    const refused = page.getByTestId('pending-claim');
    await expect
      .poll(() => refused.getByTestId('claim-status').textContent().then(plain))
      .toBe('没有提交成功');
    expect(await refused.textContent().then(plain)).toContain(
      '这一项已达到规定的次数或分数上限，不能再申报。（每天最多 1 次）',
    );
    await page.screenshot({ path: screenshotPath('resident-earning-claims-refused') });
    // Not retried: another refresh leaves it as it is, and the API still has one claim.
    await tab('申报');
    await expect
      .poll(() => refused.getByTestId('claim-status').textContent().then(plain))
      .toBe('没有提交成功');
    expect((await queue()).length + (await queue('needs_more')).length).toBe(0);
    await refused.getByRole('button', { name: '删除这条申报' }).click();
    await refused.getByRole('button', { name: '确定删除' }).click();
    await expect.poll(() => refused.count()).toBe(0);
  });

  it('a claim the reviewer asks more for takes a photo and is back to 待审核; a refused one says why', async () => {
    await page.getByTestId('claim-new').click();
    await page.locator('[data-rule=app-walk]').click();
    await page.getByRole('button', { name: '多半小时' }).click();
    await page.getByRole('button', { name: '多半小时' }).click();
    expect(await page.getByTestId('hours').textContent().then(plain)).toBe('2 小时');
    expect(await page.getByTestId('will-get').textContent().then(plain)).toBe('可得 20 积分');
    await page.getByRole('button', { name: '昨天' }).click();
    await expectChinese('per-hour claim form');
    await page.screenshot({ path: screenshotPath('resident-earning-form-hours'), fullPage: true });
    await page.getByRole('button', { name: '提交申报' }).click();
    await expect.poll(async () => (await queue()).length).toBe(1);
    const [volunteer] = await queue();
    expect(volunteer).toMatchObject({ ruleCode: 'app-walk', evidenceIds: [] });

    await call('POST', `/v1/claims/${volunteer!.id}/decisions`, reviewer, {
      decision: 'ask_more',
      reason: '请补充活动照片',
    });
    await tab('申报');
    const card = page.locator(`[data-claim-id="${volunteer!.id}"]`);
    await card.and(page.locator('[data-status=needs_more]')).waitFor();
    expect(await card.getByTestId('claim-status').textContent().then(plain)).toBe('需补充材料');
    expect(await card.textContent().then(plain)).toContain('需要补充：请补充活动照片');
    await card
      .getByTestId('photo-album')
      .setInputFiles({ name: 'more.png', mimeType: 'image/png', buffer: photo });
    await card.locator('[data-testid=thumbs] img').waitFor();
    await card.locator('textarea').fill('这是活动当天的照片');
    await expectChinese('needs more');
    await card.screenshot({ path: screenshotPath('resident-earning-needs-more') });
    await card.getByRole('button', { name: '提交补充材料' }).click();
    await card.and(page.locator('[data-status=submitted]')).waitFor();
    expect(await card.getByTestId('claim-status').textContent().then(plain)).toBe('待审核');
    const [back] = await queue();
    expect(back).toMatchObject({ id: volunteer!.id, status: 'submitted' });
    expect(back!.evidenceIds).toHaveLength(1);

    await page.getByTestId('claim-new').click();
    await page.locator('[data-rule=app-idea]').click();
    await page.fill('#claim-note', '在小区门口加装一个快递柜');
    await page.getByRole('button', { name: '提交申报' }).click();
    await expect.poll(async () => (await queue()).length).toBe(2);
    const idea = (await queue()).find((c) => c.ruleCode === 'app-idea')!;
    await call('POST', `/v1/claims/${idea.id}/decisions`, reviewer, {
      decision: 'refuse',
      reason: '物业已有同样的计划',
    });
    await tab('申报');
    const refused = page.locator(`[data-claim-id="${idea.id}"]`);
    await refused.and(page.locator('[data-status=refused]')).waitFor();
    expect(await refused.getByTestId('claim-status').textContent().then(plain)).toBe('未通过');
    expect(await refused.textContent().then(plain)).toContain('原因：物业已有同样的计划');
    await page.screenshot({ path: screenshotPath('resident-earning-claims-decided'), fullPage: true });
  });

  it('a deduction shows in the history and is appealed once from the app; the decision is shown with its reason', async () => {
    const deduction = await call<{ id: string }>('POST', '/v1/deductions', world.coordinator, {
      residentId,
      ruleCode: 'app-throw',
      note: '在广场乱扔饮料瓶',
    });
    await tab('首页');
    available -= 20;
    await page
      .getByTestId('available')
      .filter({ hasText: String(available) })
      .waitFor();
    expect(await page.getByTestId('history').locator('li .what').first().textContent().then(plain)).toBe(
      '\u221220 积分 扣分：高空抛物',
    );
    await page.getByTestId('deduction-notice').waitFor();
    await page.getByRole('button', { name: '查看扣分记录' }).click();
    const card = page.locator(`[data-deduction-id="${deduction.id}"]`);
    expect(await card.locator('.claim-title').textContent().then(plain)).toBe('\u221220 积分 扣分：高空抛物');
    expect(await card.getByTestId('appeal-until').textContent().then(plain)).toMatch(
      /^可在 \d{1,2}月\d{1,2}日 \d\d:\d\d 前申诉$/,
    );
    await card.getByRole('button', { name: '申诉', exact: true }).click();
    await card.locator('textarea').fill('那天我不在广场');
    await expectChinese('deductions');
    await page.screenshot({ path: screenshotPath('resident-earning-deductions') });
    await card.getByRole('button', { name: '提交申诉' }).click();
    await expect
      .poll(() => card.getByTestId('appeal-state').textContent().then(plain))
      .toBe('已申诉，等待审核');
    // Once: the app offers no second appeal, and the API would refuse one.
    expect(await card.getByRole('button', { name: '申诉', exact: true }).count()).toBe(0);

    await call('POST', `/v1/deductions/${deduction.id}/appeal/decision`, reviewer, {
      uphold: true,
      reason: '监控显示不是本人',
    });
    await tab('申报');
    await expect
      .poll(() => card.getByTestId('appeal-state').textContent().then(plain))
      .toBe('申诉成立，积分已退回');
    expect(await card.textContent().then(plain)).toContain('审核意见：监控显示不是本人');
    await tab('首页');
    available += 20;
    await page
      .getByTestId('available')
      .filter({ hasText: String(available) })
      .waitFor();
    expect(await page.getByTestId('deduction-notice').count()).toBe(0);
  });

  it('the good-deeds feed shows the approved public claim with a masked name and its photo, and takes one 点赞', async () => {
    await tab('首页');
    await page.getByTestId('home-feed').click();
    const deed = page.getByTestId('deed').first();
    await deed.waitFor();
    expect(await deed.locator('.deed-name').textContent().then(plain)).toBe('张*英');
    expect(await deed.locator('.deed-title').textContent().then(plain)).toBe('清理楼道杂物');
    const img = deed.locator('.deed-photos img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1600);
    await expectChinese('feed');
    const like = deed.getByRole('button', { name: /点赞/ });
    await like.click();
    await expect.poll(() => deed.getByRole('button', { name: /已点赞/ }).count()).toBe(1);
    expect(await deed.getByTestId('likes').textContent().then(plain)).toBe('1 人点赞');
    await page.screenshot({ path: screenshotPath('resident-earning-feed') });
    const feed = await call<{ items: { claimId: string; likes: number }[] }>(
      'GET',
      '/v1/feed',
      world.coordinator,
    );
    expect(feed.items[0]!.likes).toBe(1);
    // Liked stays liked on the next visit, and a second 点赞 cannot be given.
    await tab('首页');
    await page.getByTestId('home-feed').click();
    await expect.poll(() => deed.getByRole('button', { name: /已点赞/ }).isDisabled()).toBe(true);
    expect(await deed.getByTestId('likes').textContent().then(plain)).toBe('1 人点赞');
  });

  it('the claim form, the claim list and the feed fit 240 px with large text, in Chinese and English', async () => {
    await tab('设置');
    await page.getByRole('switch', { name: /大字/ }).click();
    await page.setViewportSize({ width: 240, height: 533 });
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') {
        await tab('设置');
        await page.getByRole('button', { name: 'English' }).click();
      }
      const claims = lang === 'zh' ? '申报' : 'Claims';
      await tab(claims);
      await page.getByTestId('claim-list').waitFor();
      expect(await misfits(page, 240), `claims ${lang}`).toEqual([]);
      await page.screenshot({
        path: screenshotPath(`resident-earning-claims-240-large-${lang}`),
        fullPage: true,
      });
      await page.getByTestId('claim-new').click();
      await page.locator('[data-rule=app-walk]').waitFor();
      expect(await misfits(page, 240), `rules ${lang}`).toEqual([]);
      await page.screenshot({
        path: screenshotPath(`resident-earning-rules-240-large-${lang}`),
        fullPage: true,
      });
      await page.locator('[data-rule=app-walk]').click();
      await page
        .getByTestId('photo-album')
        .setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: photo });
      await page.locator('[data-testid=thumbs] img').waitFor();
      expect(await misfits(page, 240), `form ${lang}`).toEqual([]);
      await page.screenshot({
        path: screenshotPath(`resident-earning-form-240-large-${lang}`),
        fullPage: true,
      });
      await page.getByRole('button', { name: lang === 'zh' ? '换一项' : 'Change' }).click();
      await tab(lang === 'zh' ? '首页' : 'Home');
      await page.getByTestId('home-feed').click();
      await page.getByTestId('deed').first().waitFor();
      expect(await misfits(page, 240), `feed ${lang}`).toEqual([]);
      await page.screenshot({
        path: screenshotPath(`resident-earning-feed-240-large-${lang}`),
        fullPage: true,
      });
      await tab(lang === 'zh' ? '首页' : 'Home');
      expect(await misfits(page, 240), `home ${lang}`).toEqual([]);
      await page.screenshot({ path: screenshotPath(`resident-earning-home-240-large-${lang}`) });
    }
    await tab('Settings');
    await page.getByRole('button', { name: '中文' }).click();
    await page.setViewportSize({ width: 360, height: 800 });
  });
});
