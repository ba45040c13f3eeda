/** A small alliance for ledger tests: residents (one household of two), merchants, devices. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../api/db/client.ts';
import { alliances, devices, households, merchants, residents } from '../../api/db/schema/index.ts';
import type { SyncRecord, VerifiedVoucher, VerifyRecord } from '../../api/ledger/sync.ts';

export interface World {
  allianceId: string;
  /** Residents with their own accounts. */
  residents: string[];
  /** Two members of one household. */
  household: { id: string; members: [string, string] };
  merchants: { id: string; number: number; deviceIds: string[] }[];
  actorId: string;
}

export async function createWorld(
  db: Db,
  options: {
    residents?: number;
    merchants?: number;
    devicesPerMerchant?: number;
    rateFenPerPoint?: number;
    captureWindowSeconds?: number;
  } = {},
): Promise<World> {
  const [alliance] = await db
    .insert(alliances)
    .values({
      name: '测试联盟',
      rateFenPerPoint: options.rateFenPerPoint ?? 10,
      captureWindowSeconds: options.captureWindowSeconds ?? 7200,
    })
    .returning();
  const allianceId = alliance!.id;
  const residentRows = await db
    .insert(residents)
    .values(Array.from({ length: options.residents ?? 3 }, (_, i) => ({ allianceId, name: `居民${i + 1}` })))
    .returning();
  const [household] = await db.insert(households).values({ allianceId, name: '王家' }).returning();
  const members = await db
    .insert(residents)
    .values([
      { allianceId, householdId: household!.id, name: '王大妈' },
      { allianceId, householdId: household!.id, name: '王小明' },
    ])
    .returning();
  const merchantList: World['merchants'] = [];
  for (let i = 0; i < (options.merchants ?? 2); i++) {
    const [m] = await db
      .insert(merchants)
      .values({
        allianceId,
        number: 1001 + i,
        name: `商户${i + 1}`,
        offlineMaxPointsPerCapture: 200,
        offlineMaxPointsPerDeviceDay: 1000,
      })
      .returning();
    const deviceIds: string[] = [];
    for (let d = 0; d < (options.devicesPerMerchant ?? 1); d++) {
      const id = `dev_${randomBytes(6).toString('hex')}`;
      await db
        .insert(devices)
        .values({ id, allianceId, merchantId: m!.id, name: `POS ${d + 1}`, publicKey: 'test' });
      deviceIds.push(id);
    }
    merchantList.push({ id: m!.id, number: m!.number, deviceIds });
  }
  return {
    allianceId,
    residents: residentRows.map((r) => r.id),
    household: { id: household!.id, members: [members[0]!.id, members[1]!.id] },
    merchants: merchantList,
    actorId: randomUUID(),
  };
}

export const newVoucherId = () => randomBytes(12).toString('hex');

/**
 * The test verifier: a record's `voucher` text is a key into `vouchers` (the real codec is
 * tested in tests/vouchers); a signature of "bad…" fails the device check.
 */
export function fixtureVerifier(vouchers: Map<string, VerifiedVoucher>): VerifyRecord {
  return (record: SyncRecord) => {
    if (record.sig.startsWith('bad'))
      return { ok: false, outcome: 'bad_device_signature', detail: 'signature does not verify' };
    const voucher = vouchers.get(record.voucher);
    if (!voucher) return { ok: false, outcome: 'bad_voucher', detail: 'malformed' };
    return { ok: true, voucher };
  };
}
