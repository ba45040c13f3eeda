/**
 * Readable at any size (issue #14): a 360 px phone at 125 % and 150 % browser zoom is 288 and
 * 240 CSS px wide. At each width, with large text off and on, nothing is cut off: the QR code
 * fits whole (it decodes from a screenshot), the tab bar stays in view with the page padded
 * above it, no text overflows its box, the page never scrolls sideways, and secondary text stays
 * at 16 px (18 px with large text) or more. The app also follows the browser's own text size.
 * Screenshots: test-results/screenshots/resident-size-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeQrFromPng,
  ensureAppBuild,
  launchBrowser,
  misfits,
  newPhoneContext,
  screenshotPath,
} from '../helpers/browser.ts';
import { createTestDatabase } from '../helpers/test-db.ts';
import { type ResidentWorld, startResidentWorld } from './world.ts';

/** 360 px phones at 150 %, 125 % and 100 % zoom. */
const SIZES = [
  { width: 240, height: 533 },
  { width: 288, height: 640 },
  { width: 360, height: 800 },
] as const;

/** Text that must stay readable though it is not the main thing on its screen. */
const SECONDARY = ['.freshness', '.history time', '.short-code span', '.held-note', '.address'];

describe('the resident app at any size', () => {
  let world: ResidentWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const dist = ensureAppBuild('resident-pwa');
    world = await startResidentWorld(await createTestDatabase(), dist);
    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: world.baseUrl });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto('/resident/');
    await page.fill('#enroll-code', world.demo.residents[0]!.enrollmentCode);
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.getByTestId('history').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  /** The smallest secondary text on screen, in px (Infinity when there is none). */
  const smallestSecondary = () =>
    page.evaluate(
      (selectors) =>
        Math.min(
          ...selectors.flatMap((s) =>
            [...document.querySelectorAll(s)].map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
          ),
        ),
      SECONDARY,
    );

  /** The tab bar is wholly on screen, and the screen's content ends above it when scrolled down. */
  async function expectTabBar(width: number, height: number): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const tabs = (await page.getByTestId('tabs').boundingBox())!;
    expect(tabs.x).toBeGreaterThanOrEqual(0);
    expect(tabs.y).toBeGreaterThanOrEqual(0);
    expect(tabs.x + tabs.width).toBeLessThanOrEqual(width + 0.5);
    expect(tabs.y + tabs.height).toBeLessThanOrEqual(height + 0.5);
    const contentBottom = await page.evaluate(
      () => document.querySelector('main.page > *')!.getBoundingClientRect().bottom,
    );
    expect(contentBottom).toBeLessThanOrEqual(tabs.y + 0.5);
  }

  async function setLargeText(on: boolean): Promise<void> {
    await page.getByRole('button', { name: '设置', exact: true }).click();
    const toggle = page.getByRole('switch', { name: /大字/ });
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('large-text')))
      .toBe(on);
  }

  for (const large of [false, true]) {
    it(`fits at 240, 288 and 360 px wide with large text ${large ? 'on' : 'off'}`, async () => {
      await setLargeText(large);
      const minSecondary = large ? 18 : 16;
      for (const { width, height } of SIZES) {
        await page.setViewportSize({ width, height });
        const tag = `${width}${large ? '-large' : ''}`;
        for (const [tab, screen] of [
          ['首页', 'home'],
          ['商户', 'merchants'],
          ['设置', 'settings'],
        ] as const) {
          await page.getByRole('button', { name: tab, exact: true }).click();
          await page.locator(`section.${screen}`).waitFor();
          expect(await misfits(page), `${screen} at ${tag}`).toEqual([]);
          if (screen === 'home') {
            // The points are one number on one line, not broken in two.
            const lines = await page
              .getByTestId('available')
              .evaluate(
                (el) =>
                  el.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(el).lineHeight),
              );
            expect(lines).toBeLessThan(1.5);
          }
          expect(await smallestSecondary()).toBeGreaterThanOrEqual(minSecondary);
          await expectTabBar(width, height);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: screenshotPath(`resident-size-${screen}-${tag}`) });
        }

        await page.getByRole('button', { name: '首页', exact: true }).click();
        await page.getByTestId('show-code').click();
        const qr = page.locator('canvas[data-voucher-id]');
        await qr.waitFor();
        await page.getByTestId('held-note').waitFor();
        expect(await misfits(page), `code at ${tag}`).toEqual([]);
        expect(await smallestSecondary()).toBeGreaterThanOrEqual(minSecondary);
        await expectTabBar(width, height);
        await page.evaluate(() => window.scrollTo(0, 0));
        await qr.scrollIntoViewIfNeeded();
        const box = (await qr.boundingBox())!;
        const tabs = (await page.getByTestId('tabs').boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        // Whole, and not under the tab bar.
        expect(box.y + box.height).toBeLessThanOrEqual(tabs.y);
        // The QR with its quiet zone is on screen whole: it decodes from a screenshot.
        const png = await page.screenshot({ path: screenshotPath(`resident-size-code-${tag}`) });
        expect(decodeQrFromPng(png), `the QR decodes at ${tag}`).toMatch(/^95\d{234}$/);
        await page.getByRole('button', { name: /返回/ }).click();
        await page.getByTestId('show-code').waitFor();
      }
      await page.setViewportSize({ width: 360, height: 800 });
    });
  }

  it('fits in English too, at 240 px wide with large text', async () => {
    await setLargeText(true);
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 240, height: 533 });
    for (const tab of ['Home', 'Shops', 'Settings']) {
      await page.getByRole('button', { name: tab, exact: true }).click();
      await page.locator('main.page > section').waitFor();
      expect(await misfits(page), `${tab} in English`).toEqual([]);
      await expectTabBar(240, 533);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: screenshotPath(`resident-size-${tab.toLowerCase()}-240-large-en`) });
    }
    await page.getByRole('button', { name: 'Home', exact: true }).click();
    await page.getByTestId('show-code').click();
    await page.getByTestId('held-note').waitFor();
    expect(await misfits(page), 'code in English').toEqual([]);
    await page.screenshot({ path: screenshotPath('resident-size-code-240-large-en') });
    await page.getByRole('button', { name: /Back/ }).click();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await page.setViewportSize({ width: 360, height: 800 });
  });

  it('follows the browser text size, and large text grows from it', async () => {
    await setLargeText(false);
    await page.getByRole('button', { name: '首页', exact: true }).click();
    const bodySize = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    const timeSize = () =>
      page.evaluate(() =>
        Number.parseFloat(getComputedStyle(document.querySelector('.history time')!).fontSize),
      );
    expect(await bodySize()).toBe(18);
    const smallTime = await timeSize();

    // The phone's or browser's text size: Chromium's default font size, from 16 px to 20 px.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } });
    await expect.poll(bodySize).toBe(22.5);
    expect(await timeSize()).toBeGreaterThan(smallTime);
    await setLargeText(true);
    await page.getByRole('button', { name: '首页', exact: true }).click();
    expect(await bodySize()).toBe(27.5);
    await page.screenshot({ path: screenshotPath('resident-size-home-browser-20px-large') });
    expect(await misfits(page)).toEqual([]);

    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await setLargeText(false);
  });

  it('fits the enrollment screen at 240 px with large text, its example plainly an example', async () => {
    const phone = await newPhoneContext(browser, {
      baseURL: world.baseUrl,
      viewport: { width: 240, height: 533 },
    });
    const enrollPage = await phone.newPage();
    await enrollPage.goto('/resident/');
    // The phone's large-text setting, as the settings screen stores it (it stays across sign-outs).
    await enrollPage.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('resident');
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put({ lang: 'zh', largeText: true, highContrast: false }, 'settings');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await enrollPage.reload();
    await enrollPage.getByRole('heading', { name: '登记这部手机' }).waitFor();
    expect(await enrollPage.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('22px');
    expect(await misfits(enrollPage)).toEqual([]);
    const input = enrollPage.locator('#enroll-code');
    expect(await input.getAttribute('placeholder')).toBe('例如 1234-5678-9012');
    // The example is smaller and lighter than what the resident types.
    const [typed, example] = await input.evaluate((el) =>
      [getComputedStyle(el), getComputedStyle(el, '::placeholder')].map((s) => ({
        size: Number.parseFloat(s.fontSize),
        color: s.color,
      })),
    );
    expect(example!.size).toBeLessThan(typed!.size);
    expect(example!.color).not.toBe(typed!.color);
    await enrollPage.screenshot({ path: screenshotPath('resident-size-enroll-240-large') });
    // A whole code typed in fits its box.
    await input.fill('1234-5678-9012');
    expect(await input.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(
      await input.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(18);
    await enrollPage.getByRole('button', { name: '确认登记' }).click();
    await enrollPage.locator('.notice.error').waitFor();
    expect(await misfits(enrollPage)).toEqual([]);
    await enrollPage.screenshot({ path: screenshotPath('resident-size-enroll-240-large-typed') });
    await phone.close();
  });
});
