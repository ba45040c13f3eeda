/**
 * The enrolled device: making its key, enrolling, the cached merchant configuration (offers,
 * limits, JWKS) and the estimate of the server's clock that expiry checks use.
 */
import { MerchantConfig } from '../../shared/api/merchant.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { deviceRequest, enrollDevice, NetworkError, onSignedOut, tokensFrom } from './api.ts';
import { getState, setState } from './state.ts';
import { type CachedConfig, getKv, openStore, setKv } from './store.ts';

/** Unix ms by the server's clock, as far as this device can tell. */
export function serverNow(): number {
  return Date.now() + (getState().config?.clockOffsetMs ?? 0);
}

/** YYYY-MM-DD in the alliance's time zone: the day the offline limits and today's list count. */
export function allianceDay(
  ms = serverNow(),
  timeZone = getState().config?.config.alliance.timezone,
): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

function applyConfig(cached: CachedConfig): void {
  setState({ config: cached, keys: keyIndexFromJwks(cached.config.jwks) });
}

/**
 * A request that got through says the network works, a failed one that it does not; but when the
 * browser itself reports no network (an answer that was already on its way arrived after the
 * switch), the browser wins until its `online` event.
 */
export function markOnline(online: boolean): void {
  const next = online && navigator.onLine;
  if (getState().online !== next) setState({ online: next });
}

/** Fetches the configuration; keeps the cached one when offline. Returns whether it refreshed. */
export async function refreshConfig(): Promise<boolean> {
  const sent = Date.now();
  let config: MerchantConfig;
  try {
    config = await deviceRequest('GET', '/v1/merchant/config', MerchantConfig, { timeoutMs: 8000 });
  } catch (e) {
    if (e instanceof NetworkError) {
      markOnline(false);
      return false;
    }
    throw e;
  }
  const received = Date.now();
  markOnline(true);
  // The server stamped serverTime somewhere between sending and receiving: assume the middle.
  const clockOffsetMs = Date.parse(config.serverTime) - (sent + received) / 2;
  const cached: CachedConfig = { config, fetchedAt: received, clockOffsetMs };
  const db = await openStore();
  const tx = db.transaction('kv', 'readwrite');
  const nextSeq = ((await tx.store.get('nextSeq')) as number | undefined) ?? 1;
  // The API already has seqs up to lastSeq: never sign one of those again.
  if (config.lastSeq >= nextSeq) await tx.store.put(config.lastSeq + 1, 'nextSeq');
  await tx.store.put(cached, 'config');
  await tx.done;
  applyConfig(cached);
  return true;
}

/** Makes the device key, enrolls, stores everything, then fetches the configuration. */
export async function enroll(code: string, name: string): Promise<void> {
  const seed = crypto.getRandomValues(new Uint8Array(32));
  const publicKey = toBase64url(ed25519Noble.publicKeyOf!(seed));
  const deviceName = name.trim().slice(0, 60) || undefined;
  const enrolled = await enrollDevice(code.replace(/[\s-]/g, ''), publicKey, deviceName);
  const db = await openStore();
  const tx = db.transaction('kv', 'readwrite');
  await tx.store.put(
    {
      deviceId: enrolled.deviceId,
      merchantNumber: enrolled.merchantNumber,
      seed,
      publicKey,
      enrolledAt: Date.now(),
      ...(deviceName ? { name: deviceName } : {}),
    },
    'device',
  );
  await tx.store.put(tokensFrom(enrolled.tokens), 'tokens');
  // A new device starts at seq 1 (lastSeq + 1 with lastSeq = 0); the config confirms it.
  await tx.store.put(1, 'nextSeq');
  await tx.store.delete('config');
  await tx.store.delete('signedOut');
  await tx.store.delete('missingSeqs');
  await tx.done;
  setState({ device: (await getKv('device'))!, signedOut: undefined, missingSeqs: [] });
  // Enrolled either way: without the configuration scans say "update the keys" until it arrives.
  await refreshConfig().catch(() => false);
}

/**
 * Back to enrollment: the key and tokens go; the log and any unsent records stay, so the
 * shopkeeper can still show the coordinator what this phone took.
 */
async function signOut(reason: 'revoked' | 'expired'): Promise<void> {
  const db = await openStore();
  const tx = db.transaction('kv', 'readwrite');
  await tx.store.delete('device');
  await tx.store.delete('tokens');
  await tx.store.delete('config');
  await tx.store.put(reason, 'signedOut');
  await tx.done;
  setState({ phase: 'enroll', device: undefined, config: undefined, keys: undefined, signedOut: reason });
}
onSignedOut(signOut);

/** Loads what the store holds; the screens can run offline from this alone. */
export async function loadSession(): Promise<void> {
  const [device, cached, lang, signedOut, missingSeqs] = await Promise.all([
    getKv('device'),
    getKv('config'),
    getKv('lang'),
    getKv('signedOut'),
    getKv('missingSeqs'),
  ]);
  if (cached) applyConfig(cached);
  setState({
    lang: lang ?? 'zh',
    device,
    signedOut: signedOut === 'revoked' || signedOut === 'expired' ? signedOut : undefined,
    missingSeqs: missingSeqs ?? [],
  });
}

export async function setLang(lang: 'zh' | 'en'): Promise<void> {
  setState({ lang });
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  await setKv('lang', lang);
}
