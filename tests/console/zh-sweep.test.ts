/**
 * The zh-CN sweep over the console: a month of a small town's life (grants, sales, a reversal,
 * a double presentment, a closed and paid month, enrollment slips, bad forms), then every page
 * reachable from the dashboard by its links, every statement, the notice, slips and the pages a
 * refused form shows, rendered in zh-CN. Any Latin word not on the short allowed list fails,
 * naming the page. Visible text includes what a screen reader or a hover shows (placeholders,
 * titles, labels, button values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { createResident, enrollDevice, presentTwice } from '../helpers/world.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';

describe('the console in zh-CN says everything in Chinese', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const pages = new Map<string, string>();

  beforeAll(async () => {
    api = await createTestApi({ demo: true, start: '2026-11-05T02:00:00Z' });
    const coordinator = await api.login();
    const merchants = (await (await api.call('GET', '/v1/merchants', { token: coordinator })).json())
      .merchants;
    const barber = merchants[0];
    const [front, back] = [
      await enrollDevice(api, coordinator, barber.id),
      await enrollDevice(api, coordinator, barber.id),
    ];
    const pos = await (
      await api.call('POST', `/v1/merchants/${barber.id}/pos-keys`, { token: coordinator })
    ).json();
    expect(pos.key).toEqual(expect.any(String));
    await api.call('POST', `/v1/merchants/${barber.id}/funding`, {
      token: coordinator,
      body: { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: 10 },
    });
    await api.call('POST', `/v1/merchants/${merchants[1].id}/funding`, {
      token: coordinator,
      body: { fromMonth: '2026-11', rule: 'merchant' },
    });
    const li = await createResident(api, coordinator, '李建国', 860);
    for (const points of [50, 30]) {
      const code = await li.voucher({ capPoints: points });
      const sync = await api.call('POST', '/v1/redemptions/sync', {
        token: front.token,
        body: {
          records: [
            front.sign({ voucher: code.text, points, offerId: 'haircut-5', billFen: 3000, discountFen: 500 }),
          ],
        },
      });
      const result = (await sync.json()).results[0];
      if (points === 30) {
        const reversed = await api.call('POST', `/v1/redemptions/${result.id}/reverse`, {
          token: front.token,
        });
        expect(reversed.status).toBe(200);
      }
    }
    await presentTwice(api, li, [front, back], { points: 20, billFen: 2000, discountFen: 200 });
    const conflicts = (await (await api.call('GET', '/v1/conflicts', { token: coordinator })).json())
      .conflicts;
    await api.call('POST', `/v1/conflicts/${conflicts[0].id}/decide`, {
      token: coordinator,
      body: { bears: 'alliance', note: '居民不知情' },
    });
    await presentTwice(api, li, [front, back], { points: 10 }); // one left open
    await api.call('POST', `/v1/devices/${back.deviceId}/revoke`, { token: coordinator });

    api.clock.set('2026-12-02T02:00:00Z');
    const token = await api.login();
    const closed = await (await api.call('POST', '/v1/settlement/periods/2026-11/close', { token })).json();
    const statement = closed.statements.find((s: { merchantId: string }) => s.merchantId === barber.id);
    await api.call('POST', `/v1/settlement/statements/${statement.id}/paid`, {
      token,
      body: { reference: '转账 20261202001' },
    });

    expect(
      (
        await session.request('POST', '/console/login', {
          email: ADMIN.email,
          password: ADMIN.password,
          next: '/console/',
        })
      ).status,
    ).toBe(303);
  }, 120_000);
  afterAll(() => api.close());

  async function visit(path: string): Promise<string | undefined> {
    const res = await session.request('GET', path);
    if (res.status >= 300 && res.status < 400) return undefined;
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) return undefined;
    const html = await res.text();
    pages.set(path, html);
    return html;
  }

  it('every page reachable from the dashboard, and every printout', async () => {
    const queue = [
      '/console',
      '/console/',
      '/console/login',
      '/console/settlement/close?month=2026-10',
      '/console/notice?month=2026-11&full=1',
      '/console/residents?q=李',
    ];
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const html = await visit(path);
      if (!html) continue;
      for (const [, href] of html.matchAll(/href="(\/console[^"#]*)"/g)) {
        const next = href!.replace(/&amp;/g, '&');
        // One page of each list is enough: later pages have the same words.
        if (!seen.has(next) && !/[?&](page|after|lang)=/.test(next)) queue.push(next);
      }
    }
    expect(seen.size).toBeGreaterThan(15);
    const offenders = [...pages].flatMap(([path, html]) => {
      const words = latinWords(visibleText(html));
      return words.length ? [`${path}: ${words.join(' ')}`] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('slips and the pages of refused forms', async () => {
    const merchants = (await session.request('GET', '/console/merchants').then((r) => r.text())).match(
      /\/console\/merchants\/([0-9a-f-]{36})/,
    );
    const merchantPath = `/console/merchants/${merchants![1]}`;
    const posts: [string, Record<string, string> | FormData][] = [
      ['/console/residents', { name: '赵大爷', phone: '13900000000' }],
      [`${merchantPath}/devices`, {}],
      ['/console/settlement/close', { month: '2026-12' }],
      ['/console/settlement/close', { month: 'not a month' }],
      ['/console/residents', { name: '' }],
      ['/console/residents/households', { name: '' }],
      [`${merchantPath}/offers`, { code: '', kind: 'amount_off', titleZh: '', titleEn: '' }],
      [`${merchantPath}/funding`, { fromMonth: '2026-11', rule: 'per_point', fenPerPoint: '5' }],
      ['/console/no-such-page', {}],
    ];
    const upload = new FormData();
    upload.set(
      'file',
      new Blob(['电话,积分,原因\n13000000000,10,志愿服务\n13900000000,十分,捡到钱包\n'], {
        type: 'text/csv',
      }),
      'grants.csv',
    );
    const offenders: string[] = [];
    const preview = await session.request('POST', '/console/residents/grants/preview', upload);
    expect(preview.status).toBeLessThan(500);
    const previewText = visibleText(await preview.text());
    expect(previewText).toContain('13000000000');
    if (latinWords(previewText).length)
      offenders.push(`bulk grant preview: ${latinWords(previewText).join(' ')}`);
    for (const [path, form] of posts) {
      let res = await session.request('POST', path, form);
      for (let hops = 0; hops < 3 && res.status >= 300 && res.status < 400; hops++) {
        res = await session.request('GET', res.headers.get('location')!);
      }
      expect(res.status, `${path} answers a page`).toBeLessThan(500);
      const words = latinWords(visibleText(await res.text()));
      if (words.length) offenders.push(`POST ${path} ${JSON.stringify(form)}: ${words.join(' ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
