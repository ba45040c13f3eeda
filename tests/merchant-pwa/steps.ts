/**
 * What a shopkeeper does with the merchant app, as Playwright steps, and what the tests read back
 * (the app's IndexedDB, its visible text), shared by the merchant app's browser tests. Plus a
 * second phone of the same shop that captures through the API directly, for double presentments.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { toBase64url } from '../../shared/bytes.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { signRedemptionRecord } from '../../shared/redemption-record.ts';
import { deviceCode, type Shop, type World } from './world.ts';

export async function enroll(page: Page, code: string, shopName = '叶子发艺'): Promise<void> {
  await page.goto('/merchant/');
  await page.locator('#enroll-code').fill(code);
  await page.locator('#enroll').click();
  await page.locator('.top-title', { hasText: shopName }).waitFor();
}

export const pending = (page: Page) => page.locator('#pending').getAttribute('data-count').then(Number);

/** What the app keeps in IndexedDB, read the way the app reads it. */
export async function readStore(page: Page, store: 'outbox' | 'log' | 'kv', key?: string): Promise<unknown> {
  return page.evaluate(
    ([store, key]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('alliance-merchant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store!, 'readonly');
          const request = key ? tx.objectStore(store!).get(key) : tx.objectStore(store!).getAll();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [store, key] as const,
  );
}

export async function deviceToken(page: Page): Promise<string> {
  return ((await readStore(page, 'kv', 'tokens')) as { accessToken: string }).accessToken;
}

/** A wedge scanner: characters a few ms apart, then Enter, into whatever has the focus. */
export async function wedgeScan(page: Page, text: string, delay = 1): Promise<void> {
  await page.keyboard.type(text, { delay });
  await page.keyboard.press('Enter');
}

/**
 * A scanner typing while a Chinese input method is active: every key arrives as "Process"
 * (keyCode 229) and only `code` still names the digit.
 */
export async function imeScan(context: BrowserContext, page: Page, text: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  for (const digit of text) {
    const key = {
      key: 'Process',
      code: `Digit${digit}`,
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    };
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  }
  await page.keyboard.press('Enter');
  await cdp.detach();
}

export async function takeOffer(page: Page, bill: string, offer: string): Promise<void> {
  await page.locator('#bill').fill(bill);
  await page.locator(`[data-offer="${offer}"]`).click();
  await page.locator('#confirm').waitFor();
}

/** Tells the app to send its outbox now (Playwright's offline switch does not reach every fetch). */
export async function flush(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { __merchant: { flush(): Promise<void> } }).__merchant.flush(),
  );
}

/** Waits until the header says the app is offline (true) or online (false). */
export async function setOffline(context: BrowserContext, page: Page, offline: boolean): Promise<void> {
  await context.setOffline(offline);
  await page.waitForFunction((on) => document.getElementById('net')?.dataset.online === String(on), !offline);
}

export function today(world: World): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(world.api.clock.now());
}

export interface OtherPhone {
  deviceId: string;
  token: string;
  seed: Uint8Array;
  nextSeq: number;
}

/** Another phone of the same shop, enrolled through the API with a key of our own. */
export async function otherPhone(world: World, shop: Shop, name: string): Promise<OtherPhone> {
  const seed = new Uint8Array(randomBytes(32));
  const enrolled = await world.json<{ deviceId: string; tokens: { accessToken: string } }>(
    'POST',
    '/v1/enroll/device',
    {
      body: {
        code: await deviceCode(world, shop),
        publicKey: toBase64url(ed25519Noble.publicKeyOf!(seed)),
        name,
      },
    },
  );
  return { deviceId: enrolled.deviceId, token: enrolled.tokens.accessToken, seed, nextSeq: 1 };
}

/** The other phone captures a voucher online, as the merchant app would. */
export async function captureOn(
  world: World,
  phone: OtherPhone,
  voucher: string,
  points: number,
): Promise<{ outcome: string }> {
  const record = signRedemptionRecord(
    {
      id: randomUUID(),
      voucher,
      points,
      offerId: null,
      billFen: 0,
      discountFen: 0,
      scannedAt: Date.now(),
      deviceId: phone.deviceId,
      seq: phone.nextSeq++,
    },
    phone.seed,
    ed25519Noble,
  );
  return world.json('POST', '/v1/redemptions', { token: phone.token, body: record });
}
