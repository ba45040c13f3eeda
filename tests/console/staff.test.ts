import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/auth/passwords.ts';
import { staffUsers } from '../../api/db/schema/index.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';

/** Staff may grant; only the coordinator may close a month, rotate keys or decide conflicts. */
describe('console as staff', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-02T02:00:00Z' });
    await api.database.db.insert(staffUsers).values({
      allianceId: api.allianceId,
      email: 'staff@test.cn',
      name: '社区工作人员',
      role: 'staff',
      passwordHash: await hashPassword('staff password 1'),
    });
    const res = await request('POST', '/console/login', {
      email: 'staff@test.cn',
      password: 'staff password 1',
      next: '/console/',
    });
    expect(res.status).toBe(303);
  });
  afterAll(() => api.close());

  it('staff grant points', async () => {
    const created = await (
      await request('POST', '/console/residents', { name: '王阿姨', phone: '', householdId: '' })
    ).text();
    const id = /\/console\/residents\/([0-9a-f-]{36})/.exec(created)![1]!;
    const page = await (await request('GET', `/console/residents/${id}`)).text();
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(page)![1]!;
    const res = await request('POST', `/console/residents/${id}/grant`, {
      nonce,
      points: '12',
      reason: '志愿服务',
    });
    expect(res.headers.get('location')).toBe(`/console/residents/${id}?granted=1`);
    expect(await (await request('GET', `/console/residents/${id}`)).text()).toContain('data-balance="12"');
  });

  it('staff are refused closing a month, rotating keys and deciding conflicts', async () => {
    expect((await request('GET', '/console/settlement/close?month=2026-10')).status).toBe(403);
    expect((await request('POST', '/console/settlement/close', { month: '2026-10' })).status).toBe(403);
    const rotate = await request('POST', '/console/keys/rotate', {});
    expect(rotate.status).toBe(403);
    // A page in words, not a JSON problem document.
    expect(rotate.headers.get('content-type')).toContain('text/html');
    expect(await rotate.text()).toContain('只有联盟协调员可以做这个操作');
    const newShop = await request('POST', '/console/merchants', { name: '新店' });
    expect(newShop.status).toBe(403);
    expect(await newShop.text()).toContain('data-error="coordinator_only"');
    const decide = await request('POST', '/console/conflicts/00000000-0000-4000-8000-000000000000/decide', {
      bears: 'merchant',
    });
    expect(decide.status).toBe(403);
    const periods = await (await request('GET', '/console/settlement')).text();
    expect(periods).not.toContain('2026-10<');
    const keys = await (await request('GET', '/console/keys')).text();
    expect(keys).not.toContain('key-pending');
  });
});
