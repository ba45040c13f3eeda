/**
 * The real record verifier sync and captures use: the device's Ed25519 signature over the
 * record, then the voucher against every key the alliance ever published (a record may arrive
 * after its key left the JWKS). The voucher's time is judged at the record's scannedAt, clamped
 * to the server's now: an offline record is judged as of when it was scanned, and a device clock
 * set in the future gains nothing. A late record still needs a live hold or free balance.
 */
import { fromBase64url } from '../../shared/bytes.ts';
import type { KeyIndex } from '../../shared/jwks.ts';
import { verifyRedemptionRecord } from '../../shared/redemption-record.ts';
import type { Ed25519Primitive } from '../../shared/signature-primitive.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import type { SyncRecord, VerifyRecord, VerifyRecordResult, VerifyRecords } from '../ledger/sync.ts';
import { ed25519Node } from './ed25519-node.ts';
import { verificationKeyIndex } from './keys.ts';
import { type SignatureCheck, verifySignatures } from './signature-pool.ts';

const KEY_CACHE_MS = 30_000;

/**
 * The alliance's verification keys, re-read at most every 30 s by the clock (a rotation
 * publishes a day ahead, so a stale index is never missing a key that signs). One per app.
 */
export class KeyIndexCache {
  private readonly entries = new Map<string, { index: KeyIndex; until: number }>();
  constructor(private readonly clock: Clock) {}

  async get(db: Queryable, allianceId: string): Promise<KeyIndex> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(allianceId);
    if (hit && hit.until > now) return hit.index;
    const index = await verificationKeyIndex(db, allianceId);
    this.entries.set(allianceId, { index, until: now + KEY_CACHE_MS });
    return index;
  }
}

/**
 * Device public keys by their base64url text: the same bytes object every time, so node:crypto's
 * KeyObject for it (cached by the bytes' identity, vouchers/ed25519-node.ts) is made once per
 * device, not once per record (#20: createPublicKey was a tenth of a sync's CPU). Bounded; a
 * revoked device's key simply ages out.
 */
const deviceKeys = new Map<string, Uint8Array>();
const DEVICE_KEYS_MAX = 10_000;

function deviceKeyBytes(text: string): Uint8Array {
  let bytes = deviceKeys.get(text);
  if (!bytes) {
    bytes = fromBase64url(text);
    if (deviceKeys.size >= DEVICE_KEYS_MAX) deviceKeys.delete(deviceKeys.keys().next().value!);
    deviceKeys.set(text, bytes);
  }
  return bytes;
}

export function recordVerifier(keys: KeyIndex, skewSeconds: number, clock: Clock): VerifyRecord {
  return (record: SyncRecord, device) => verifyWith(ed25519Node, record, device, keys, skewSeconds, clock);
}

/**
 * The same verdicts for a whole batch, with the Ed25519 work on other cores
 * (vouchers/signature-pool.ts): each record is judged once as if its signatures were good, noting
 * the checks that judgement relied on; the checks run in the pool; a record any of whose checks
 * failed is judged again here with real verification, so its verdict (and which error it names)
 * is exactly what `recordVerifier` gives.
 */
export function batchRecordVerifier(keys: KeyIndex, skewSeconds: number, clock: Clock): VerifyRecords {
  return async (records, device) => {
    const judged = records.map((record) => {
      const checks: SignatureCheck[] = [];
      const noting: Ed25519Primitive = {
        name: 'noting',
        verify: (signature, message, publicKey) => {
          if (signature.length !== 64 || publicKey.length !== 32) return false;
          // voucher.ts reuses its buffers: keep copies.
          checks.push({ signature: signature.slice(), message: message.slice(), publicKey });
          return true;
        },
      };
      return { verdict: verifyWith(noting, record, device, keys, skewSeconds, clock), checks };
    });
    const good = await verifySignatures(judged.flatMap((j) => j.checks));
    let at = 0;
    return judged.map(({ verdict, checks }, i) => {
      const allGood = checks.every((_, k) => good[at + k]);
      at += checks.length;
      return allGood ? verdict : verifyWith(ed25519Node, records[i]!, device, keys, skewSeconds, clock);
    });
  };
}

function verifyWith(
  primitive: Ed25519Primitive,
  record: SyncRecord,
  device: { publicKey: string },
  keys: KeyIndex,
  skewSeconds: number,
  clock: Clock,
): VerifyRecordResult {
  let publicKey: Uint8Array;
  try {
    publicKey = deviceKeyBytes(device.publicKey);
  } catch {
    return { ok: false, outcome: 'bad_device_signature', detail: 'device key unreadable' };
  }
  if (!verifyRedemptionRecord(record, publicKey, primitive)) {
    return { ok: false, outcome: 'bad_device_signature', detail: 'signature does not verify' };
  }
  const nowSeconds = Math.floor(clock.now().getTime() / 1000);
  const at = Math.min(Math.floor(record.scannedAt / 1000), nowSeconds);
  const verified = verifyVoucher(record.voucher.trim(), {
    keys,
    primitive,
    now: at,
    skew: skewSeconds,
  });
  if (!verified.ok) return { ok: false, outcome: 'bad_voucher', detail: verified.error };
  const v = verified.voucher;
  return {
    ok: true,
    voucher: {
      voucherId: v.voucherId,
      capPoints: v.capPoints,
      issuedAt: v.issuedAt,
      ttlSeconds: v.ttlSeconds,
      expiresAt: v.expiresAt,
      merchantScope: v.merchantScope,
    },
  };
}
