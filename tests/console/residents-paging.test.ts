import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTown } from '../../api/demo/town.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';

/** A town's residents list: a page at a time, with the count, and searchable. */
describe('console residents list in a town', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-02T02:00:00Z' });
    await seedTown(api.database.db, {
      allianceId: api.allianceId,
      residents: 250,
      merchants: 2,
      redemptions: 20,
      month: '2026-10',
    });
    const login = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(login.status).toBe(303);
  });
  afterAll(() => api.close());

  const residentRows = (html: string) =>
    html.match(/href="\/console\/residents\/[0-9a-f-]{36}"/g)?.length ?? 0;

  it('shows 100 at a time with the total, and the last page holds the rest', async () => {
    const first = await (await request('GET', '/console/residents')).text();
    expect(first).toContain('data-total="250"');
    expect(first).toContain('第 1–100 位，共 250 位');
    expect(residentRows(first)).toBe(100);
    expect(first).toContain('page=2');
    const last = await (await request('GET', '/console/residents?page=3')).text();
    expect(residentRows(last)).toBe(50);
    expect(last).toContain('第 201–250 位，共 250 位');
    expect(last).not.toContain('page=4');
    const beyond = await (await request('GET', '/console/residents?page=99')).text();
    expect(residentRows(beyond)).toBe(50); // past the end shows the last page
  });

  it('searches by phone across every page', async () => {
    const found = await (await request('GET', '/console/residents?q=13900000249')).text();
    expect(found).toContain('data-total="1"');
    expect(residentRows(found)).toBe(1);
  });
});
