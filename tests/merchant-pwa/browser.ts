/**
 * Headless Chromium for the merchant app's end-to-end tests and bench: Debian's chromium driven
 * by playwright-core, with a fake camera that plays a QR code from a Y4M file we write ourselves
 * (no ffmpeg), and a fresh build of merchant-pwa when dist is missing or older than its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type LaunchOptions } from 'playwright-core';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { VOUCHER_QR_ERROR_CORRECTION, voucherQrSegments } from '../../shared/voucher-qr.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const merchantDist = join(root, 'merchant-pwa', 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots for review (git-ignored). */
export const screenshotDir = join(root, 'test-results', 'merchant-pwa');

export const PHONE = { width: 360, height: 800 } as const;

const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds merchant-pwa when its dist is missing or older than anything it is built from. */
export function ensureMerchantBuild(): void {
  const index = join(merchantDist, 'index.html');
  const sources = [
    'merchant-pwa/src',
    'merchant-pwa/index.html',
    'merchant-pwa/vite.config.ts',
    'merchant-pwa/icons.ts',
    'shared',
  ];
  const newestSource = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  if (existsSync(index) && statSync(index).mtimeMs > newestSource) return;
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'merchant-pwa/vite.config.ts',
    ],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
}

export function launchOptions(extraArgs: string[] = []): LaunchOptions {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
  }
  return { executablePath: CHROMIUM, headless: true, args: [...BASE_FLAGS, ...extraArgs] };
}

/** Flags that make getUserMedia play `y4mFile` as the camera, with no permission prompt. */
export const fakeCameraFlags = (y4mFile: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4mFile}`,
];

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(launchOptions(extraArgs));
}

/** A browser profile kept on disk, so IndexedDB survives closing the browser and opening it again. */
export async function launchPersistent(
  userDataDir: string,
  baseURL: string,
  extraArgs: string[] = [],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...launchOptions(extraArgs),
    baseURL,
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
  });
}

/** The voucher's QR code as the resident app renders it (numeric, level M), as a PNG. */
export async function voucherQrPng(text: string, width = 360): Promise<Buffer> {
  return QRCode.toBuffer(voucherQrSegments(text), {
    errorCorrectionLevel: VOUCHER_QR_ERROR_CORRECTION,
    type: 'png',
    margin: 4,
    width,
  });
}

/**
 * A Y4M video (YUV 4:2:0, what Chromium's fake capture device reads) of a PNG centred on a white
 * 640×480 frame, repeated for a few frames (Chromium loops the file).
 */
export function y4mFromPng(png: Buffer, frames = 5): Buffer {
  const image = PNG.sync.read(png);
  const W = 640;
  const H = 480;
  const y = new Uint8Array(W * H).fill(235);
  const left = Math.floor((W - image.width) / 2);
  const top = Math.floor((H - image.height) / 2);
  const rgb = (px: number, py: number): [number, number, number] => {
    const ix = px - left;
    const iy = py - top;
    if (ix < 0 || iy < 0 || ix >= image.width || iy >= image.height) return [255, 255, 255];
    const i = (iy * image.width + ix) * 4;
    const a = image.data[i + 3]! / 255;
    const mix = (c: number) => Math.round(c * a + 255 * (1 - a));
    return [mix(image.data[i]!), mix(image.data[i + 1]!), mix(image.data[i + 2]!)];
  };
  // BT.601 limited range, as Chromium expects from a Y4M file.
  for (let py = 0; py < H; py++) {
    for (let px = 0; px < W; px++) {
      const [r, g, b] = rgb(px, py);
      y[py * W + px] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
  }
  const u = new Uint8Array((W / 2) * (H / 2));
  const v = new Uint8Array((W / 2) * (H / 2));
  for (let py = 0; py < H / 2; py++) {
    for (let px = 0; px < W / 2; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const [pr, pg, pb] = rgb(px * 2 + dx, py * 2 + dy);
        r += pr / 4;
        g += pg / 4;
        b += pb / 4;
      }
      u[py * (W / 2) + px] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[py * (W / 2) + px] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), y, u, v]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

export async function writeVoucherVideo(text: string, file: string): Promise<void> {
  writeFileSync(file, y4mFromPng(await voucherQrPng(text)));
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${name}.png`);
}
