import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';

/** Grants from the console: one at a time from a resident's page, and many from a CSV file. */
describe('console grants', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;

  async function makeResident(name: string, phone: string): Promise<string> {
    const res = await request('POST', '/console/residents', { name, phone, householdId: '' });
    expect(res.status).toBe(200);
    const html = await res.text();
    return /\/console\/residents\/([0-9a-f-]{36})/.exec(html)![1]!;
  }

  async function balanceOf(id: string): Promise<number> {
    const html = await (await request('GET', `/console/residents/${id}`)).text();
    return Number(/data-balance="(\d+)"/.exec(html)![1]);
  }

  function upload(csv: string): FormData {
    const fd = new FormData();
    fd.append('file', new File([csv], 'grants.csv', { type: 'text/csv' }));
    return fd;
  }

  let wang = '';
  let li = '';

  beforeAll(async () => {
    api = await createTestApi();
    const res = await request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
      next: '/console/',
    });
    expect(res.status).toBe(303);
    wang = await makeResident('王阿姨', '13800000001');
    li = await makeResident('李师傅', '13800000002');
  });
  afterAll(() => api.close());

  it('the resident page shows balance, held and available, and a grant form with a nonce', async () => {
    const html = await (await request('GET', `/console/residents/${wang}`)).text();
    expect(html).toContain('余额');
    expect(html).toContain('可用');
    expect(html).toMatch(/name="nonce" value="[0-9a-f-]{36}"/);
    expect(await balanceOf(wang)).toBe(0);
  });

  it('a grant posted twice with the same nonce grants once, is audited and shows in the history', async () => {
    const html = await (await request('GET', `/console/residents/${wang}`)).text();
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(html)![1]!;
    for (let i = 0; i < 2; i++) {
      const res = await request('POST', `/console/residents/${wang}/grant`, {
        nonce,
        points: '30',
        reason: '扫雪',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/console/residents/${wang}?granted=1`);
    }
    expect(await balanceOf(wang)).toBe(30);
    const page = await (await request('GET', `/console/residents/${wang}`)).text();
    expect(page).toContain('扫雪');
    expect(page).toContain('+30');
    const auditPage = await (await request('GET', '/console/audit')).text();
    expect(auditPage.match(/data-action="grant"/g)?.length ?? 0).toBe(1);
  });

  it('a bad grant is refused with a message and changes nothing', async () => {
    const html = await (await request('GET', `/console/residents/${wang}`)).text();
    const nonce = /name="nonce" value="([0-9a-f-]{36})"/.exec(html)![1]!;
    for (const points of ['-5', '1.5', '0', '99999999', 'abc']) {
      const res = await request('POST', `/console/residents/${wang}/grant`, { nonce, points, reason: 'x' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('error=');
    }
    const noReason = await request('POST', `/console/residents/${wang}/grant`, {
      nonce,
      points: '5',
      reason: ' ',
    });
    expect(noReason.headers.get('location')).toContain('error=');
    expect(await balanceOf(wang)).toBe(30);
  });

  it('a CSV with bad lines is rejected, each bad line named, and nothing is granted', async () => {
    const csv = [
      'phone-or-id,points,reason',
      '13800000001,10,清理楼道',
      '13899999999,10,不认识的人',
      `${li},2.5,半个积分`,
      `${li},20,`,
      '13800000001,10,清理楼道',
      `${li},5000000,太多`,
    ].join('\n');
    const res = await request('POST', '/console/residents/grants/preview', upload(csv));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).not.toContain('name="content"');
    const problemLines = [...html.matchAll(/<tr class="problem"><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(problemLines).toEqual([3, 4, 5, 6, 7]);
    expect(html).toContain('13899999999');
    expect(html).toContain('与第 2 行重复');
    expect(await balanceOf(wang)).toBe(30);
    expect(await balanceOf(li)).toBe(0);
  });

  it('the corrected file previews clean, applies, and applying it twice grants once', async () => {
    const csv = `\uFEFF13800000001,10,清理楼道\r\n${li},20,"修自行车, 两辆"\r\n138-0000-0002,5,帮忙搬家\r\n`;
    const res = await request('POST', '/console/residents/grants/preview', upload(csv));
    expect(res.status).toBe(200);
    const html = await res.text();
    const content = /name="content" value="([^"]+)"/.exec(html)![1]!;
    expect(html).toContain('修自行车, 两辆');
    expect(html).toContain('35');
    for (const expected of [3, 0]) {
      const applied = await request('POST', '/console/residents/grants/apply', { content });
      expect(applied.status).toBe(200);
      const page = await applied.text();
      expect(page).toContain(`本次新发放: ${expected} / 3`);
    }
    expect(await balanceOf(wang)).toBe(40);
    expect(await balanceOf(li)).toBe(25);
  });

  it('apply checks the file again and refuses a bad one', async () => {
    const content = Buffer.from('13800000001,abc,x\n', 'utf8').toString('base64url');
    const res = await request('POST', '/console/residents/grants/apply', { content });
    expect(res.status).toBe(422);
    expect(await balanceOf(wang)).toBe(40);
  });
});
