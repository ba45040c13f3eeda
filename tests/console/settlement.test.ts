import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../api/db/rows.ts';
import { alliances } from '../../api/db/schema/index.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createMerchant, createResident, enrollDevice, presentTwice } from '../helpers/world.ts';

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
  /** Captured, then reversed the same day by the merchant. */
  const reversed = { points: 25, billFen: 1800, discountFen: 250 };
  /** Presented twice offline at the merchant's two phones; the alliance bears the second. */
  const twice = { points: 20, billFen: 1500, discountFen: 200 };
  let periodId = '';

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-10-30T02:00:00Z' });
    await api.database.db.update(alliances).set({ rateFenPerPoint: 10 });
    const coordinator = await api.login();
    const resident = await createResident(api, coordinator, '张秀英', 1000);
    const merchant = await createMerchant(api, coordinator, '叶子发艺');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const spare = await enrollDevice(api, coordinator, merchant.id);
    for (const capture of [...captures, reversed]) {
      const voucher = await resident.voucher({ capPoints: capture.points });
      const res = await api.call('POST', '/v1/redemptions', {
        token: device.token,
        body: device.sign({ voucher: voucher.text, ...capture }),
      });
      const answer = await res.json();
      expect(answer.outcome).toBe('accepted');
      if (capture === reversed) {
        const undo = await api.call('POST', `/v1/redemptions/${answer.id}/reverse`, { token: device.token });
        expect(undo.status).toBe(200);
      }
    }
    const presented = await presentTwice(api, resident, [device, spare], twice);
    expect(presented.second.outcome).toBe('voucher_already_redeemed');
    await signIn();
    const conflictsPage = await (await request('GET', '/console/conflicts')).text();
    const conflictId = /data-conflict="([0-9a-f-]{36})"/.exec(conflictsPage)![1]!;
    const decided = await request('POST', `/console/conflicts/${conflictId}/decide`, { bears: 'alliance' });
    expect(decided.headers.get('location')).toBe('/console/conflicts');
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

  it("the printable statement and the CSVs equal the ledger's transfers for the month, to the point and the fen", async () => {
    const sum = (list: { points: number; billFen: number; discountFen: number }[]) => ({
      points: list.reduce((s, c) => s + c.points, 0),
      billFen: list.reduce((s, c) => s + c.billFen, 0),
      discountFen: list.reduce((s, c) => s + c.discountFen, 0),
    });
    const sold = sum([...captures, twice]); // the reversed sale nets to nothing
    const net = sold.points + twice.points; // plus the alliance's compensation
    // The same figures straight from the ledger: every transfer on the merchant's account in October.
    const [ledger] = await rows<{ points: string; captures: string; bill: string }>(
      api.database.db,
      sql`select sum(case when t.credit_account_id = a.id then t.amount else -t.amount end) as points,
                 count(*) filter (where t.kind = 'capture') as captures,
                 sum(case t.kind when 'capture' then r.bill_fen when 'reverse' then -r.bill_fen else 0 end) as bill
          from transfers t join ledger_accounts a on a.kind = 'merchant' and a.id in (t.credit_account_id, t.debit_account_id)
          left join redemptions r on r.id = t.record_id
          where t.kind <> 'settle' and t.created_at >= '2026-10-01T00:00:00+08:00' and t.created_at < '2026-11-01T00:00:00+08:00'`,
    );
    expect(Number(ledger!.points)).toBe(net);
    expect(Number(ledger!.captures)).toBe(captures.length + 2);
    expect(Number(ledger!.bill)).toBe(sold.billFen);

    const periodPage = await (await request('GET', `/console/settlement/${periodId}`)).text();
    const statementPath = /href="(\/console\/settlement\/[0-9a-f-]{36}\/statements\/[0-9a-f-]{36})"/.exec(
      periodPage,
    )![1]!;
    const html = await (await request('GET', statementPath)).text();
    expect(html).toContain('测试联盟');
    expect(html).toContain('2026-10');
    expect(html).toContain('商户签字');
    expect(html.match(/data-kind="capture"/g)?.length).toBe(captures.length + 2);
    expect(html.match(/data-kind="reverse"/g)?.length).toBe(1);
    expect(html.match(/data-kind="adjust"/g)?.length).toBe(1);
    expect(html).toContain(`data-points="${net}"`);
    expect(html).toContain(`data-bill="${sold.billFen}"`);
    expect(html).toContain(`data-discount="${sold.discountFen}"`);
    expect(html).toContain(`data-net-points="${net}"`);
    expect(html).toContain(`data-reimbursement-fen="${net * 10}"`);
    expect(html).toContain(`¥${(net * 10) / 100}.00`);

    const csv = async (path: string) => {
      const res = await request('GET', path);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    };
    const table = (lines: string[]) => {
      const cols = lines[0]!.split(',');
      return lines.slice(1).map((line) => {
        const cells = line.split(',');
        return (name: string) => cells[cols.indexOf(name)]!;
      });
    };

    // The whole month: one summary row per merchant.
    const period = table(await csv(`/console/settlement/${periodId}/csv`));
    expect(period).toHaveLength(1);
    const cell = period[0]!;
    expect(cell('redemptions')).toBe(String(captures.length + 2));
    expect(cell('points_captured')).toBe(String(sold.points + reversed.points));
    expect(cell('points_reversed')).toBe(String(reversed.points));
    expect(cell('points_adjusted')).toBe(String(twice.points));
    expect(cell('net_points')).toBe(String(net));
    expect(cell('bill_fen')).toBe(String(sold.billFen));
    expect(cell('discount_fen')).toBe(String(sold.discountFen));
    expect(cell('reimbursement_fen')).toBe(String(net * 10));
    expect(cell('conflicts')).toBe('1');

    // One merchant: the statement's heading, every line, then the totals.
    const [heading, , blank, ...rest] = await csv(`${statementPath}/csv`);
    expect(heading).toBe(
      'period,merchant_number,merchant,rate_fen_per_point,funding_rule,funding_share_percent',
    );
    expect(blank).toBe('');
    const split = rest.indexOf('');
    const lines = table(rest.slice(0, split));
    expect(lines).toHaveLength(captures.length + 4);
    const total = (name: string) => lines.reduce((s, l) => s + Number(l(name)), 0);
    expect(total('points')).toBe(net);
    expect(total('bill_fen')).toBe(sold.billFen);
    expect(total('discount_fen')).toBe(sold.discountFen);
    expect(lines.filter((l) => l('kind') === 'reverse').map((l) => Number(l('points')))).toEqual([
      -reversed.points,
    ]);
    expect(lines.every((l) => /^2026-10-30 10:00:00$/.test(l('posted_local')))).toBe(true);
    const [totals] = table(rest.slice(split + 1));
    expect(totals!('lines')).toBe(String(captures.length + 4));
    expect(totals!('net_points')).toBe(String(net));
    expect(totals!('reimbursement_fen')).toBe(String(net * 10));
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
