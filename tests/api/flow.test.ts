import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alliances } from '../../api/db/schema/index.ts';
import { SyncResponse } from '../../shared/api/merchant.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { verifyVoucher } from '../../shared/voucher.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice, merchantConfig } from '../helpers/world.ts';

/**
 * The whole loop over HTTP, as the issue describes it: coordinator sets up, grants; the resident
 * gets a voucher; a device verifies it offline with the config's JWKS and captures; a batch
 * syncs with a duplicate and a gap; a POS captures with an Idempotency-Key; the month closes
 * and its CSV adds up to the captures, to the point and the fen.
 */
describe('the whole loop over HTTP', () => {
  let api: TestApi;
  let coordinator: string;

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-30T02:00:00Z' }); // 10:00 in Shanghai, 30 Oct
    await api.database.db.update(alliances).set({ rateFenPerPoint: 10 });
    coordinator = await api.login();
  });
  afterAll(() => api.close());

  it('captures from a device and a POS settle into one statement whose CSV adds up', async () => {
    const resident = await createResident(api, coordinator, '张秀英', 2000);
    const merchant = await createMerchant(api, coordinator, '叶子发艺');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const config = await merchantConfig(api, device);

    // Online capture, verified offline first as the merchant app does.
    const v1 = await resident.voucher({ capPoints: 300 });
    const now = Math.floor(api.clock.now().getTime() / 1000);
    const verdict = verifyVoucher(v1.text, {
      keys: keyIndexFromJwks(config.jwks),
      primitive: ed25519Noble,
      now,
    });
    expect(verdict.ok).toBe(true);
    const online = await api.call('POST', '/v1/redemptions', {
      token: device.token,
      body: device.sign({
        voucher: v1.text,
        points: 50,
        offerId: 'haircut-5',
        billFen: 3500,
        discountFen: 500,
      }),
    });
    expect((await online.json()).outcome).toBe('accepted');

    // Offline: two records queued, one lost (a gap), one sent twice.
    const v2 = await resident.voucher({ capPoints: 100 });
    const v3 = await resident.voucher({ capPoints: 100 });
    const r2 = device.sign({ voucher: v2.text, points: 100, billFen: 8000, discountFen: 1000 });
    device.nextSeq++;
    const r3 = device.sign({ voucher: v3.text, points: 30, billFen: 2000, discountFen: 300 });
    const sync = SyncResponse.parse(
      await (
        await api.call('POST', '/v1/redemptions/sync', {
          token: device.token,
          body: { records: [r2, r3, r2] },
        })
      ).json(),
    );
    expect(sync.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(sync.results[2]!.replayed).toBe(true);
    expect(sync.missingSeqs).toEqual([r2.seq + 1]);

    // A till system with its key: verify, capture, retry, and a reused key with another body.
    const posKey = (
      await (await api.call('POST', `/v1/merchants/${merchant.id}/pos-keys`, { token: coordinator })).json()
    ).key;
    const v4 = await resident.voucher({ capPoints: 200 });
    const check = await (
      await api.call('POST', '/v1/pos/verify', { token: posKey, body: { voucher: v4.text } })
    ).json();
    expect(check).toMatchObject({
      valid: true,
      state: 'open',
      forThisMerchant: true,
      voucher: { capPoints: 200 },
    });
    const body = { voucher: v4.text, points: 120, billFen: 9900, discountFen: 1200 };
    const pos = (payload: object) =>
      api.call('POST', '/v1/pos/captures', {
        token: posKey,
        headers: { 'idempotency-key': 'till-7-0001' },
        body: payload,
      });
    const first = await (await pos(body)).json();
    expect(first).toMatchObject({ outcome: 'accepted', points: 120 });
    expect(await (await pos(body)).json()).toEqual(first);
    const reused = await pos({ ...body, points: 1 });
    expect(reused.status).toBe(409);
    const noKey = await api.call('POST', '/v1/pos/captures', { token: posKey, body });
    expect(noKey.status).toBe(400);
    expect((await resident.me()).balance).toBe(2000 - 50 - 100 - 30 - 120);

    // The month ends; closing it is idempotent and the CSV adds up.
    const early = await api.call('POST', '/v1/settlement/periods/2026-10/close', { token: coordinator });
    expect(early.status).toBe(409);
    api.clock.set('2026-11-01T01:00:00Z'); // 09:00 on 1 Nov in Shanghai
    coordinator = await api.login(); // the old access token expired with the jump in time
    const closed = await (
      await api.call('POST', '/v1/settlement/periods/2026-10/close', { token: coordinator })
    ).json();
    expect(closed.outcome).toBe('closed');
    const [statement] = closed.statements;
    expect(statement).toMatchObject({
      merchantName: '叶子发艺',
      redemptions: 4,
      netPoints: 300,
      billFen: 3500 + 8000 + 2000 + 9900,
      discountFen: 500 + 1000 + 300 + 1200,
      reimbursementFen: 3000,
    });
    const again = await (
      await api.call('POST', '/v1/settlement/periods/2026-10/close', { token: coordinator })
    ).json();
    expect(again.outcome).toBe('already_closed');
    expect(again.statements).toEqual(closed.statements);

    const csv = await api.call('GET', `/v1/settlement/periods/${closed.period.id}/statements?format=csv`, {
      token: coordinator,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs (text() would strip it)
    const text = new TextDecoder().decode(bytes);
    const [header, row] = text.trim().split('\r\n');
    const cells = Object.fromEntries(header!.split(',').map((h, i) => [h, row!.split(',')[i]]));
    expect(cells).toMatchObject({
      merchant: '叶子发艺',
      net_points: '300',
      reimbursement_fen: '3000',
      bill_fen: '23400',
    });

    // The statement line by line adds up to the same figures, in JSON and in the merchant's CSV.
    const detail = await (
      await api.call('GET', `/v1/settlement/statements/${statement.id}/lines`, { token: coordinator })
    ).json();
    expect(detail.statement.netPoints).toBe(300);
    expect(detail.lines.filter((l: { kind: string }) => l.kind === 'capture')).toHaveLength(4);
    expect(detail.lines.reduce((s: number, l: { points: number }) => s + l.points, 0)).toBe(300);
    expect(detail.lines.reduce((s: number, l: { billFen: number }) => s + l.billFen, 0)).toBe(23400);
    const linesCsv = await (
      await api.call('GET', `/v1/settlement/statements/${statement.id}/lines?format=csv`, {
        token: coordinator,
      })
    ).text();
    expect(linesCsv.trim().split('\r\n').at(-1)).toBe(`${detail.lines.length},300,23400,3000,3000`);
    const missing = await api.call(
      'GET',
      '/v1/settlement/statements/00000000-0000-4000-8000-000000000000/lines',
      {
        token: coordinator,
      },
    );
    expect(missing.status).toBe(404);

    const paid = await api.call('POST', `/v1/settlement/statements/${statement.id}/paid`, {
      token: coordinator,
      body: { reference: '农商银行 20261105-001' },
    });
    expect((await paid.json()).outcome).toBe('paid');
    const deviceToken = (
      await (
        await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: device.refreshToken } })
      ).json()
    ).accessToken;
    const statements = await (
      await api.call('GET', '/v1/merchant/statements', { token: deviceToken })
    ).json();
    expect(statements.statements[0]).toMatchObject({
      label: '2026-10',
      status: 'paid',
      points: 300,
      reimbursementFen: 3000,
    });
  });

  it('a capture after the close lands in the open period', async () => {
    coordinator = await api.login();
    const resident = await createResident(api, coordinator, '李建国', 500);
    const merchant = await createMerchant(api, coordinator, '老街饭店');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const v = await resident.voucher({ capPoints: 100 });
    await api.call('POST', '/v1/redemptions', {
      token: device.token,
      body: device.sign({ voucher: v.text, points: 40 }),
    });
    api.clock.set('2026-12-01T01:00:00Z');
    coordinator = await api.login();
    const nov = await (
      await api.call('POST', '/v1/settlement/periods/2026-11/close', { token: coordinator })
    ).json();
    const ours = nov.statements.find((s: { merchantName: string }) => s.merchantName === '老街饭店');
    expect(ours).toMatchObject({ netPoints: 40 });
    expect(
      nov.statements.find((s: { merchantName: string }) => s.merchantName === '叶子发艺'),
    ).toBeUndefined();
  });
});
