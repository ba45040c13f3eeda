import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../api/ledger/check.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident } from '../helpers/world.ts';

/** Editing residents and merchants; a resident's own points follow them into a household. */
describe('editing the directory', () => {
  let api: TestApi;
  let coordinator: string;

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
  });
  afterAll(() => api.close());

  const patch = (path: string, body: unknown) => api.call('PATCH', path, { token: coordinator, body });

  it("joining a household brings the resident's own points; leaving leaves them with the household", async () => {
    const household = await (
      await api.call('POST', '/v1/households', { token: coordinator, body: { name: '李家' } })
    ).json();
    const member = await (
      await api.call('POST', '/v1/residents', {
        token: coordinator,
        body: { name: '李建国', householdId: household.id },
      })
    ).json();
    await api.call('POST', '/v1/grants', {
      token: coordinator,
      headers: { 'idempotency-key': 'household-grant-1' },
      body: { residentId: member.id, points: 50, reason: '巡逻' },
    });
    const joiner = await createResident(api, coordinator, '王桂兰', 100);

    // A code on screen holds points on her own account: the move waits for it.
    const voucher = await joiner.voucher({ capPoints: 30 });
    const refused = await patch(`/v1/residents/${joiner.id}`, { householdId: household.id });
    expect(refused.status).toBe(409);
    expect((await refused.json()).type).toBe('vouchers_open');
    expect(await joiner.me()).toMatchObject({ balance: 100 });
    await api.call('DELETE', `/v1/vouchers/${voucher.voucherId}`, { token: joiner.token });

    const joined = await patch(`/v1/residents/${joiner.id}`, {
      householdId: household.id,
      phone: '13912345678',
    });
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({
      householdId: household.id,
      phone: '13912345678',
      movedPoints: 100,
    });
    expect(await joiner.me()).toMatchObject({ balance: 150, available: 150 });
    const history = await (await api.call('GET', '/v1/me/history', { token: joiner.token })).json();
    expect(history.entries.map((e: { kind: string; points: number }) => [e.kind, e.points]).sort()).toEqual([
      ['adjusted', 100],
      ['earned', 50],
    ]);
    expect(await checkLedger(api.database.db)).toEqual([]);

    const left = await patch(`/v1/residents/${joiner.id}`, { householdId: null });
    expect(await left.json()).toMatchObject({ householdId: null, movedPoints: 0 });
    expect(await joiner.me()).toMatchObject({ balance: 0 });
    const memberView = await (await api.call('GET', '/v1/residents?q=李建国', { token: coordinator })).json();
    expect(memberView.residents).toHaveLength(1);
    expect(await checkLedger(api.database.db)).toEqual([]);
  });

  it('bad edits are refused with a reason and change nothing', async () => {
    const resident = await createResident(api, coordinator, '赵志强', 20);
    const notUuid = await patch(`/v1/residents/${resident.id}`, { householdId: 'li-family' });
    expect(notUuid.status).toBe(400);
    const missing = await patch(`/v1/residents/${resident.id}`, {
      householdId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toContain('household');
    const empty = await patch(`/v1/residents/${resident.id}`, { name: '  ' });
    expect(empty.status).toBe(400);
    expect(await resident.me()).toMatchObject({ balance: 20 });
    const list = await (await api.call('GET', '/v1/residents?q=赵志强', { token: coordinator })).json();
    expect(list.residents[0]).toMatchObject({ name: '赵志强', householdId: null });
  });

  it("a merchant's name and address change; its number does not", async () => {
    const merchant = await createMerchant(api, coordinator, '叶子发艺');
    const res = await patch(`/v1/merchants/${merchant.id}`, { name: '叶子美发', address: '幸福路 8 号' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ number: merchant.number, name: '叶子美发' });
    const list = await (await api.call('GET', '/v1/merchants', { token: coordinator })).json();
    expect(list.merchants.find((m: { id: string }) => m.id === merchant.id)).toMatchObject({
      name: '叶子美发',
      address: '幸福路 8 号',
      number: merchant.number,
    });
    const missing = await patch('/v1/merchants/00000000-0000-4000-8000-000000000000', { name: '无' });
    expect(missing.status).toBe(404);
  });
});
