/**
 * Scan to verdict in the merchant app, in headless Chromium on this machine: 200 vouchers signed
 * by the alliance's real key arrive through the keyboard-wedge path (keydown events for 236 digits
 * and Enter, as a USB scanner sends them), and each is timed from the Enter key to the frame after
 * the verdict is in the page. Budget: 300 ms at the 95th percentile.
 */
import { openDatabase } from '../../api/db/client.ts';
import { runMigrations } from '../../api/db/migrate.ts';
import { ensureMerchantBuild, launchBrowser, PHONE } from '../merchant-pwa/browser.ts';
import { createShop, deviceCode, signedVoucher, startWorld } from '../merchant-pwa/world.ts';
import { table } from './measure.ts';
import type { Bench } from './run.ts';

const BUDGET_MS = 300;
const VOUCHERS = 200;
const WARM_UP = 10;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Runs in the page: types the digits and Enter as a wedge scanner would (keydown events on the
 * window, a few µs apart), resolves with the ms from Enter to the frame after the verdict. Kept
 * as source text: the bundler that runs this file would otherwise wrap its inner functions in
 * helpers the page does not have.
 */
const SCAN_IN_PAGE = `(text) => {
  const fire = (code, key) =>
    window.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true }));
  for (const digit of text) fire('Digit' + digit, digit);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    fire('Enter', 'Enter');
    const check = () => {
      const panel = document.querySelector('#verdict');
      // The app stamps each verdict with the time it began judging: a newer stamp is ours.
      if (panel && panel.dataset.scanAt && Number(panel.dataset.scanAt) >= started) {
        requestAnimationFrame(() =>
          resolve({ verdictMs: performance.now() - started, judgedMs: Number(panel.dataset.renderedMs) }),
        );
      } else if (performance.now() - started > 5000) {
        reject(new Error('no verdict within 5 s'));
      } else requestAnimationFrame(check);
    };
    check();
  });
}`;

export const merchantScanBench: Bench = {
  name: 'merchant scan to verdict (Chromium)',
  async run(log) {
    ensureMerchantBuild();
    const database = await openDatabase({ memory: true });
    await runMigrations(database);
    const world = await startWorld(database);
    const browser = await launchBrowser();
    try {
      const shop = await createShop(world, '基准测试店');
      const context = await browser.newContext({
        viewport: PHONE,
        baseURL: world.baseUrl,
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      await page.goto('/merchant/');
      await page.locator('#enroll-code').fill(await deviceCode(world, shop));
      await page.locator('#enroll').click();
      await page.locator('.top-title', { hasText: '基准测试店' }).waitFor();

      const texts: string[] = [];
      for (let i = 0; i < WARM_UP + VOUCHERS; i++) {
        texts.push(await signedVoucher(world, { capPoints: 10 + i, ttlSeconds: 3600 }));
      }
      const verdicts: number[] = [];
      const judged: number[] = [];
      for (const [i, text] of texts.entries()) {
        const m = (await page.evaluate(`(${SCAN_IN_PAGE})(${JSON.stringify(text)})`)) as {
          verdictMs: number;
          judgedMs: number;
        };
        const refusal = await page.locator('#verdict').getAttribute('data-refusal');
        if (refusal)
          throw new Error(`voucher ${i} was refused (${refusal}): the bench must time valid vouchers`);
        if (i < WARM_UP) continue;
        verdicts.push(m.verdictMs);
        judged.push(m.judgedMs);
      }
      verdicts.sort((a, b) => a - b);
      judged.sort((a, b) => a - b);
      const row = (name: string, xs: number[]) => [
        name,
        percentile(xs, 50).toFixed(1),
        percentile(xs, 95).toFixed(1),
        xs[xs.length - 1]!.toFixed(1),
      ];
      log(
        `${VOUCHERS} valid vouchers after ${WARM_UP} warm-up scans, viewport ${PHONE.width}×${PHONE.height}`,
      );
      log(
        table(
          ['measure', 'median ms', 'p95 ms', 'max ms'],
          [row('Enter → verdict painted', verdicts), row('verify + render (in app)', judged)],
        ),
      );
      const p95 = percentile(verdicts, 95);
      const pass = p95 < BUDGET_MS;
      log('');
      log(
        `Scan to verdict p95 ${p95.toFixed(1)} ms against the ${BUDGET_MS} ms budget: ${pass ? 'PASS' : 'FAIL'}`,
      );
      await context.close();
      return pass;
    } finally {
      await browser.close();
      await world.close();
    }
  },
};
