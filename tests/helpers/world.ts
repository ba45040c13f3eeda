/**
 * A small alliance built through the real API as a coordinator would: a resident with points
 * and a phone, a merchant with an offer and an enrolled device whose Ed25519 key the test holds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519Node } from '../../api/vouchers/ed25519-node.ts';
import { MerchantConfig, SyncResponse } from '../../shared/api/merchant.ts';
import { VoucherResponse } from '../../shared/api/resident.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { type RedemptionRecord, signRedemptionRecord } from '../../shared/redemption-record.ts';
import type { TestApi } from './api.ts';

export interface TestDevice {
  deviceId: string;
  token: string;
  refreshToken: string;
  seed: Uint8Array;
  nextSeq: number;
  sign(fields: {
    voucher: string;
    points: number;
    offerId?: string | null;
    billFen?: number;
    discountFen?: number;
    seq?: number;
    id?: string;
    lines?: RedemptionRecord['lines'];
  }): RedemptionRecord;
}

export async function enrollDevice(
  api: TestApi,
  coordinator: string,
  merchantId: string,
): Promise<TestDevice> {
  const slip = await (
    await api.call('POST', `/v1/merchants/${merchantId}/devices`, { token: coordinator })
  ).json();
  const seed = new Uint8Array(randomBytes(32));
  const publicKey = toBase64url(ed25519Node.publicKeyOf!(seed));
  const enrolled = await (
    await api.call('POST', '/v1/enroll/device', { body: { code: slip.enrollmentCode, publicKey } })
  ).json();
  const device: TestDevice = {
    deviceId: enrolled.deviceId,
    token: enrolled.tokens.accessToken,
    refreshToken: enrolled.tokens.refreshToken,
    seed,
    nextSeq: 1,
    sign(fields) {
      const seq = fields.seq ?? device.nextSeq++;
      return signRedemptionRecord(
        {
          id: fields.id ?? randomUUID(),
          voucher: fields.voucher,
          points: fields.points,
          offerId: fields.offerId ?? null,
          billFen: fields.billFen ?? 0,
          discountFen: fields.discountFen ?? 0,
          scannedAt: api.clock.now().getTime(),
          deviceId: device.deviceId,
          seq,
          ...(fields.lines ? { lines: fields.lines } : {}),
        },
        seed,
        ed25519Node,
      );
    },
  };
  return device;
}

export async function createResident(api: TestApi, coordinator: string, name: string, points: number) {
  const created = await (
    await api.call('POST', '/v1/residents', { token: coordinator, body: { name } })
  ).json();
  if (points > 0) {
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': `grant-${created.id}` },
      body: { residentId: created.id, points, reason: '志愿服务' },
    });
  }
  const tokens = await (
    await api.call('POST', '/v1/enroll/resident', { body: { code: created.enrollmentCode } })
  ).json();
  return {
    id: created.id as string,
    token: tokens.accessToken as string,
    async voucher(body: { capPoints?: number; merchantNumber?: number } = {}) {
      const res = await api.call('POST', '/v1/vouchers', { token: tokens.accessToken, body });
      if (res.status !== 201) throw new Error(`voucher: ${res.status} ${await res.text()}`);
      return VoucherResponse.parse(await res.json());
    },
    async me() {
      return (await api.call('GET', '/v1/me', { token: tokens.accessToken })).json();
    },
  };
}

export async function createMerchant(api: TestApi, coordinator: string, name: string) {
  const res = await api.call('POST', '/v1/merchants', {
    token: coordinator,
    body: {
      name,
      offers: [
        {
          code: 'haircut-5',
          kind: 'amount_off',
          titleZh: '理发立减 5 元',
          titleEn: 'Haircut 5 off',
          points: 50,
          amountFen: 500,
        },
      ],
    },
  });
  return (await res.json()) as { id: string; number: number };
}

export async function merchantConfig(api: TestApi, device: TestDevice) {
  return MerchantConfig.parse(
    await (await api.call('GET', '/v1/merchant/config', { token: device.token })).json(),
  );
}

type Resident = Awaited<ReturnType<typeof createResident>>;

/**
 * Double presentment as it happens: one code shown at two counters with no signal, each device
 * records it offline and syncs later. The first sync is accepted; the second is refused and
 * opens a conflict. Returns both sync answers.
 */
export async function presentTwice(
  api: TestApi,
  resident: Resident,
  devices: [TestDevice, TestDevice],
  sale: { points: number; billFen?: number; discountFen?: number },
) {
  const voucher = await resident.voucher({ capPoints: sale.points });
  const records = devices.map((d) => d.sign({ voucher: voucher.text, ...sale }));
  const answers = [];
  for (const [i, device] of devices.entries()) {
    const res = await api.call('POST', '/v1/redemptions/sync', {
      token: device.token,
      body: { records: [records[i]] },
    });
    if (res.status !== 200) throw new Error(`sync: ${res.status} ${await res.text()}`);
    answers.push(SyncResponse.parse(await res.json()).results[0]!);
  }
  return { voucher, first: answers[0]!, second: answers[1]! };
}
