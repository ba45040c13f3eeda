/**
 * The merchant app at any size: at 240, 288 and 360 px wide, and at 360 with the phone's text set
 * large, the scan screen, the confirm screen with its money, the done screen and today's list fit
 * the width (no sideways scroll, no text spilling out of its box), their main buttons lie wholly
 * inside the viewport, targets are at least 48 px and no text is under 16 px. The root font size
 * follows the browser's default (a percentage), so a larger phone text size makes the app larger.
 * Screenshots go to test-results/merchant-pwa/zoom-<width>-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/test-db.ts';
import { ensureMerchantBuild, launchBrowser, launchOptions, screenshotPath } from './browser.ts';
import { enroll, wedgeScan } from './steps.ts';
import {
  createShop,
  deviceCode,
  type Resident,
  residentVoucher,
  residentWithPoints,
  type Shop,
  startWorld,
  type World,
} from './world.ts';

let world: World;
let shop: Shop;
let resident: Resident;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'merchant-zoom-'));

/** A Chromium profile whose default text size is `px` (16 is the browser's own). */
function largeTextProfile(px: number): string {
  const dir = join(scratch, `profile-${px}`);
  mkdirSync(join(dir, 'Default'), { recursive: true });
  writeFileSync(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ webkit: { webprefs: { default_font_size: px } } }),
  );
  return dir;
}

beforeAll(async () => {
  ensureMerchantBuild();
  world = await startWorld(await createTestDatabase());
  shop = await createShop(world);
  resident = await residentWithPoints(world, '李桂兰', 5000);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
  rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

interface Misfit {
  what: string;
  text: string;
  detail: string;
}

/** Everything that does not fit, is too small to read, or too small to tap on the screen now. */
function misfits(page: Page): Promise<Misfit[]> {
  return page.evaluate(() => {
    const found: Misfit[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) {
      found.push({
        what: 'page',
        text: '',
        detail: `scrollWidth ${root.scrollWidth} > ${window.innerWidth}`,
      });
    }
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0)
        continue;
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
      const text = (el.textContent ?? '').trim().slice(0, 40);
      if (ownText && style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
        found.push({
          what: name(el),
          text,
          detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
        });
      }
      if (ownText && Number.parseFloat(style.fontSize) < 16) {
        found.push({ what: name(el), text, detail: `font-size ${style.fontSize}` });
      }
      const rect = el.getBoundingClientRect();
      if (rect.left < -0.5 || rect.right > window.innerWidth + 0.5) {
        found.push({ what: name(el), text, detail: `left ${rect.left}, right ${rect.right}` });
      }
      if (el.matches('button, input, textarea, select') && (rect.height < 48 || rect.width < 48)) {
        found.push({ what: name(el), text, detail: `target ${rect.width}×${rect.height}` });
      }
    }
    return found;
  });
}

/** The screen's main buttons, each scrolled to, lie wholly in the viewport above the tab bar. */
async function expectButtonsReachable(page: Page, selectors: string[]): Promise<void> {
  for (const selector of selectors) {
    const button = page.locator(selector).first();
    const box = await button.evaluate((el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      // The tab bar is fixed at the bottom, under everything but a dialog.
      const tabs = el.closest('.modal')
        ? window.innerHeight
        : (document.querySelector('.tabs')?.getBoundingClientRect().top ?? window.innerHeight);
      return {
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
        width: window.innerWidth,
        floor: tabs,
      };
    });
    expect(box.left, selector).toBeGreaterThanOrEqual(0);
    expect(box.right, selector).toBeLessThanOrEqual(box.width);
    expect(box.top, selector).toBeGreaterThanOrEqual(0);
    expect(box.bottom, selector).toBeLessThanOrEqual(box.floor);
  }
}

async function expectFits(page: Page, screen: string, buttons: string[], rootPx: number): Promise<void> {
  const root = await page.evaluate(() =>
    Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
  );
  expect(root, `${screen}: the root font size`).toBeCloseTo(rootPx, 0);
  expect(await misfits(page), screen).toEqual([]);
  await expectButtonsReachable(page, buttons);
}

const sizes = [
  { name: '240', width: 240, height: 640, textScale: 1 },
  { name: '288', width: 288, height: 640, textScale: 1 },
  { name: '360', width: 360, height: 800, textScale: 1 },
  { name: '360-large-text', width: 360, height: 800, textScale: 1.5 },
];

describe('the merchant app at any size', () => {
  for (const size of sizes) {
    it(`scan, confirm with money, done and today's list fit at ${size.name}`, async () => {
      const options = {
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
        baseURL: world.baseUrl,
        serviceWorkers: 'block' as const,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      };
      // The phone's text size is the browser's default font size, a preference of its profile.
      const context =
        size.textScale === 1
          ? await browser.newContext(options)
          : await chromium.launchPersistentContext(largeTextProfile(16 * size.textScale), {
              ...launchOptions(),
              ...options,
            });
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(10_000);
      // The app's 18 px at the browser's default 16 px, scaled by the phone's text size.
      const rootPx = 18 * size.textScale;
      const shot = async (name: string) => {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: screenshotPath(`zoom-${size.name}-${name}`) });
      };

      await page.goto('/merchant/');
      await page.locator('#enroll-code').waitFor();
      await expectFits(page, 'enroll', ['#enroll'], rootPx);
      await enroll(page, await deviceCode(world, shop));

      await expectFits(page, 'scan', ['#camera-start', '#paste-check'], rootPx);
      await shot('1-scan');

      world.syncClock();
      const voucher = await residentVoucher(world, resident, 300);
      await wedgeScan(page, voucher.text, 0);
      await page.locator('[data-verdict="valid"]').waitFor();
      await page.locator('#bill').fill('1288.50');
      await expectFits(page, 'offers', ['[data-offer="meal-20pct"]', '#hand-next'], rootPx);
      await shot('2-offers');
      await page.locator('[data-offer="meal-20pct"]').click();
      await page.locator('#money-due').waitFor();
      expect(await page.locator('#money-due').textContent()).toBe('¥1258.50');
      await expectFits(page, 'confirm', ['#confirm', '#confirm-back'], rootPx);
      await shot('3-confirm');

      await page.locator('#confirm').click();
      await page.locator('#done[data-outcome="accepted"]').waitFor();
      await expectFits(page, 'done', ['#next-scan'], rootPx);
      await shot('4-done');

      await page.locator('#tab-today').click();
      await page.locator('.record[data-outcome="accepted"]').first().waitFor();
      await expectFits(page, 'today', ['.record button.reverse'], rootPx);
      await shot('5-today');
      await page.locator('.record button.reverse').first().click();
      await page.locator('#reverse-dialog').waitFor();
      await expectFits(page, 'reverse dialog', ['#reverse-yes', '#reverse-no'], rootPx);
      await shot('6-reverse-dialog');
      await page.locator('#reverse-no').click();

      await page.locator('#tab-settings').click();
      await expectFits(page, 'settings', ['#lang-switch'], rootPx);
      await page.locator('#lang-switch').click();
      await page.locator('#tab-scan').click();
      await page.locator('#next-scan').click();
      await expectFits(page, 'scan in English', ['#camera-start', '#paste-check'], rootPx);
      await shot('7-scan-english');
      await context.close();
    });
  }
});
