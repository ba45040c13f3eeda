import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alliances } from '../../api/db/schema/index.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createMerchant, createResident, enrollDevice } from '../helpers/world.ts';

/** Settlement from the console: close a month after a confirm page, read and print, CSV, paid. */
describe('console settlement', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  async function signIn() {
    session.clear();
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
  }

  const captures = [
    { points: 50, billFen: 3500, discountFen: 500 },
    { points: 100, billFen: 8000, discountFen: 1000 },
    { points: 30, billFen: 2001, discountFen: 301 },
  ];
  let periodId = '';

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-30T02:00:00Z' });
    await api.database.db.update(alliances).set({ rateFenPerPoint: 10 });
    const coordinator = await api.login();
    const resident = await createResident(api, coordinator, '张秀英', 1000);
    const merchant = await createMerchant(api, coordinator, '叶子发艺');
    const device = await enrollDevice(api, coordinator, merchant.id);
    for (const capture of captures) {
      const voucher = await resident.voucher({ capPoints: capture.points });
      const res = await api.call('POST', '/v1/redemptions', {
        token: device.token,
        body: device.sign({ voucher: voucher.text, ...capture }),
      });
      expect((await res.json()).outcome).toBe('accepted');
    }
    api.clock.set('2026-11-01T01:00:00Z'); // 09:00 on 1 Nov in Shanghai
    await signIn();
  });
  afterAll(() => api.close());

  it('closing a month asks first, then closes; closing again is harmless', async () => {
    const list = await request('GET', '/console/settlement');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('月度结账');
    const confirm = await request('GET', '/console/settlement/close?month=2026-10');
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('2026-10');
    expect(confirmHtml).toContain('确认结账');
    const closed = await request('POST', '/console/settlement/close', { month: '2026-10' });
    expect(closed.status).toBe(303);
    periodId = /\/console\/settlement\/([0-9a-f-]{36})$/.exec(closed.headers.get('location')!)![1]!;
    const again = await request('POST', '/console/settlement/close', { month: '2026-10' });
    expect(again.headers.get('location')).toBe(`/console/settlement/${periodId}`);
    const bad = await request('POST', '/console/settlement/close', { month: '2026-13' });
    expect(bad.headers.get('location')).toContain('error=');
    const page = await (await request('GET', `/console/settlement/${periodId}`)).text();
    expect(page.match(/\/statements\/[0-9a-f-]{36}"/g)?.length).toBe(1);
  });

  it("the printable statement and the CSVs equal the ledger's captures, to the point and the fen", async () => {
    const points = captures.reduce((s, c) => s + c.points, 0);
    const bill = captures.reduce((s, c) => s + c.billFen, 0);
    const discount = captures.reduce((s, c) => s + c.discountFen, 0);
    const periodPage = await (await request('GET', `/console/settlement/${periodId}`)).text();
    const statementPath = /href="(\/console\/settlement\/[0-9a-f-]{36}\/statements\/[0-9a-f-]{36})"/.exec(
      periodPage,
    )![1]!;
    const html = await (await request('GET', statementPath)).text();
    expect(html).toContain('测试联盟');
    expect(html).toContain('2026-10');
    expect(html).toContain('商户签字');
    expect(html).toContain(`data-points="${points}"`);
    expect(html).toContain(`data-bill="${bill}"`);
    expect(html).toContain(`data-discount="${discount}"`);
    expect(html).toContain(`data-net-points="${points}"`);
    expect(html).toContain(`data-reimbursement-fen="${points * 10}"`);
    expect(html).toContain(`¥${(points * 10) / 100}.00`);

    for (const path of [`${statementPath}/csv`, `/console/settlement/${periodId}/csv`]) {
      const res = await request('GET', path);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, row, ...rest] = new TextDecoder().decode(bytes).trim().split('\r\n');
      expect(rest).toEqual([]);
      const cols = header!.split(',');
      const cells = row!.split(',');
      const cell = (name: string) => cells[cols.indexOf(name)];
      expect(cell('redemptions')).toBe(String(captures.length));
      expect(cell('net_points')).toBe(String(points));
      expect(cell('bill_fen')).toBe(String(bill));
      expect(cell('discount_fen')).toBe(String(discount));
      expect(cell('reimbursement_fen')).toBe(String(points * 10));
    }
  });

  it('the coordinator marks a statement paid with a reference, once', async () => {
    const periodPage = await (await request('GET', `/console/settlement/${periodId}`)).text();
    const action = /action="(\/console\/settlement\/[^"]+\/paid)"/.exec(periodPage)![1]!;
    const empty = await request('POST', action, { reference: ' ' });
    expect(empty.headers.get('location')).toContain('error=');
    const paid = await request('POST', action, { reference: 'BANK-20261101-7' });
    expect(paid.status).toBe(303);
    const after = await (await request('GET', `/console/settlement/${periodId}`)).text();
    expect(after).toContain('BANK-20261101-7');
    expect(after).not.toContain('/paid"');
  });
});
