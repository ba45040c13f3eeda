/**
 * Headless Chromium for the PWAs' end-to-end tests and benches: Debian's chromium driven by
 * playwright-core (never a downloaded browser), phone-sized contexts, a build of an app when its
 * dist is missing or older than its sources, screenshots into test-results/screenshots/
 * (git-ignored), and QR codes read back from a screenshot with jsqr, a decoder independent of
 * the encoder the apps use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { PNG } from 'pngjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 360, height: 800 } as const;
export const screenshotDir = join(root, 'test-results', 'screenshots');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...extraArgs] });
}

/** A 360×800 touch phone in zh-CN, one CSS pixel per device pixel (screenshots decode as shown). */
export function newPhoneContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Builds `<app>/` (its vite.config.ts) when `<app>/dist` is missing or older than anything it is
 * built from: the app's own folder and shared/. Returns the dist folder.
 */
export function ensureAppBuild(app: string): string {
  const dist = join(root, app, 'dist');
  const index = join(dist, 'index.html');
  const newestSource = Math.max(
    ...[
      join(root, app, 'src'),
      join(root, app, 'index.html'),
      join(root, app, 'vite.config.ts'),
      join(root, 'shared'),
    ].map(newestMtime),
  );
  if (existsSync(index) && statSync(index).mtimeMs > newestSource) return dist;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', `${app}/vite.config.ts`],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  return dist;
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${name}.png`);
}

/** The text of the QR code in a PNG (a screenshot), or undefined when none decodes. */
export function decodeQrFromPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const found = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
    {
      inversionAttempts: 'dontInvert',
    },
  );
  return found?.data;
}

/**
 * Everything on the page that does not fit its width, in words: the page wider than `width`
 * (default: the window's), a text that overflows its box, a box off the side. A phone widens its
 * layout viewport to content that is too wide, so tests at 240 px pass the width they asked for.
 */
export function misfits(page: Page, width?: number): Promise<string[]> {
  return page.evaluate((asked) => {
    const width = asked ?? window.innerWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    }
    for (const el of document.querySelectorAll('body *')) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!hasText) continue;
      const name = `<${el.tagName.toLowerCase()}> "${el.textContent!.trim().slice(0, 24)}"`;
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(`${name} overflows: ${el.scrollWidth} > ${el.clientWidth}`);
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.left < -1 || box.right > width + 1)) found.push(`${name} is off the side`);
    }
    return found;
  }, width);
}
