import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../api/db/rows.ts';
import { allianceAccount, merchantAccount } from '../../api/ledger/accounts.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createMerchant, createResident, enrollDevice, presentTwice } from '../helpers/world.ts';

/** The conflicts and keys pages through real form posts. */
describe('console conflicts and keys', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  beforeAll(async () => {
    api = await createTestApi();
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
  });
  afterAll(() => api.close());

  /** An account's balance as the ledger derives it: credits minus debits. */
  async function balanceOf(accountId: string): Promise<number> {
    const [row] = await rows<{ n: string | number }>(
      api.database.db,
      sql`select coalesce(sum(case when credit_account_id = ${accountId} then amount else -amount end), 0) as n
          from transfers where ${accountId} in (credit_account_id, debit_account_id)`,
    );
    return Number(row!.n);
  }

  it('a code used twice offline: both records side by side, and the alliance fund pays the second merchant', async () => {
    const coordinator = await api.login();
    const resident = await createResident(api, coordinator, '王桂兰', 200);
    const barber = await createMerchant(api, coordinator, '叶子发艺');
    const grocer = await createMerchant(api, coordinator, '邻里便利店');
    const first = await enrollDevice(api, coordinator, barber.id);
    const second = await enrollDevice(api, coordinator, grocer.id);
    const twice = await presentTwice(api, resident, [first, second], {
      points: 40,
      billFen: 3000,
      discountFen: 400,
    });
    expect(twice.first.outcome).toBe('accepted');
    expect(twice.second.outcome).toBe('voucher_already_redeemed');
    expect((await resident.me()).balance).toBe(160);

    const html = await (await request('GET', '/console/conflicts')).text();
    const card = html.slice(html.indexOf('data-conflict='), html.indexOf('</section>'));
    expect(card).toContain('data-decided="no"');
    expect(card).toContain('同一积分码被使用两次');
    expect(card).toContain('王桂兰');
    expect(card).toContain('叶子发艺');
    expect(card).toContain('邻里便利店');
    expect(card).toContain(first.deviceId);
    expect(card).toContain(second.deviceId);
    expect(card).toContain(twice.voucher.voucherId);
    const conflictId = /data-conflict="([0-9a-f-]{36})"/.exec(card)![1]!;

    const unsure = await request('POST', `/console/conflicts/${conflictId}/decide`, { bears: 'nobody' });
    expect(unsure.headers.get('location')).toBe('/console/conflicts?error=invalid_request&fields=bears');
    expect(await (await request('GET', unsure.headers.get('location')!)).text()).toContain(
      '请检查：损失承担方',
    );
    const lossFund = await allianceAccount(api.database.db, api.allianceId, 'loss_fund');
    const grocerAccount = await merchantAccount(api.database.db, api.allianceId, grocer.id);
    const [fundBefore, grocerBefore] = [await balanceOf(lossFund), await balanceOf(grocerAccount)];
    for (let i = 0; i < 2; i++) {
      const decided = await request('POST', `/console/conflicts/${conflictId}/decide`, {
        bears: 'alliance',
        note: '两台设备都无信号',
      });
      expect(decided.status).toBe(303);
      expect(decided.headers.get('location')).toBe('/console/conflicts');
    }
    expect(await balanceOf(grocerAccount)).toBe(grocerBefore + 40);
    expect(await balanceOf(lossFund)).toBe(fundBefore - 40);
    expect((await resident.me()).balance).toBe(160);
    expect(await checkLedger(api.database.db)).toEqual([]);

    const after = await (await request('GET', '/console/conflicts')).text();
    expect(after).toContain('data-decided="yes"');
    expect(after).toContain('data-bears="alliance"');
    expect(after).toContain('两台设备都无信号');
    const changed = await request('POST', `/console/conflicts/${conflictId}/decide`, { bears: 'merchant' });
    expect(changed.headers.get('location')).toBe('/console/conflicts?error=conflict_already_decided');
    expect(await (await request('GET', changed.headers.get('location')!)).text()).toContain(
      '这条争议已经有人处理过了',
    );
    const auditPage = await (await request('GET', '/console/audit')).text();
    expect(auditPage.match(/data-action="conflict\.decide"/g)?.length).toBe(1);
  });

  it('the keys page lists the signing keys; rotating publishes one pending key, and only one', async () => {
    const before = await (await request('GET', '/console/keys')).text();
    expect(before).toContain('key-active');
    expect(before).not.toContain('key-pending');
    for (let i = 0; i < 2; i++) {
      const res = await request('POST', '/console/keys/rotate', {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/console/keys');
    }
    const after = await (await request('GET', '/console/keys')).text();
    expect(after.match(/key-pending/g)?.length).toBe(1);
    expect(after).toContain('key-active');
    const auditPage = await (await request('GET', '/console/audit')).text();
    expect(auditPage.match(/data-action="keys\.rotate"/g)?.length).toBe(1);
  });

  it('the conflicts page shows; deciding an unknown conflict is refused with a message', async () => {
    const page = await request('GET', '/console/conflicts');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('冲突');
    const res = await request('POST', '/console/conflicts/00000000-0000-4000-8000-000000000000/decide', {
      bears: 'alliance',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('error=');
  });
});
