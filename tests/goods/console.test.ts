/**
 * The 积分超市 section of the console over HTTP: the shops, a shop's goods with low lines marked,
 * adding a good with its photo, a delivery received by the signed-in staff member, a count and a
 * return, the flagged offline exchange, the month report and the suppliers' month with their
 * CSVs. Every page in zh-CN says everything in Chinese; a refused form is a page in words and
 * changes nothing; staff without the cashier right are refused the section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoodDetail } from '../../shared/api/goods.ts';
import { inviteStaff, STAFF_PASSWORD } from '../console/earning-world.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { latinWords, visibleText } from '../helpers/zh-sweep.ts';
import { bottlePhoto, type SupermarketWorld, supermarketWorld } from './shop-world.ts';

describe('the 积分超市 console', () => {
  let api: TestApi;
  let coordinator: string;
  let world: SupermarketWorld;
  const session = consoleSession(() => api.app);

  const page = async (path: string) => {
    const res = await session.request('GET', path);
    expect(res.status, path).toBe(200);
    const html = await res.text();
    expect(latinWords(visibleText(html)), path).toEqual([]);
    return html;
  };
  const good = async (id: string) =>
    GoodDetail.parse(await (await api.call('GET', `/v1/goods/${id}`, { token: coordinator })).json());

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
    world = await supermarketWorld(api, coordinator);
    const signIn = await session.request('POST', '/console/login', {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    expect(signIn.status).toBe(303);
  });
  afterAll(() => api.close());

  it('lists the shops, the flagged exchange, and a shop’s goods with the low lines marked, all in Chinese', async () => {
    const index = await page('/console/goods');
    expect(index).toContain('兴隆积分超市');
    expect(index).toContain('待核对的离线兑换');
    expect(index).toContain('离线兑换后库存为 -1');
    expect(index).toContain('href="/console/goods"');
    const shop = await page(`/console/goods/shops/${world.shop.id}`);
    expect(shop).toMatch(new RegExp(`data-good="${world.toothpaste.id}" data-low="true"`));
    expect(shop).toMatch(new RegExp(`data-good="${world.tissue.id}" data-low="false"`));
    expect(shop).toContain('¥45.00');
    expect(shop).toContain('6901234567892');
    expect(shop).toContain(`/console/goods/${world.oil.id}/photo?v=`);
    const photo = await session.request('GET', `/console/goods/${world.oil.id}/photo`);
    expect(photo.status).toBe(200);
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(bottlePhoto());
    const detail = await page(`/console/goods/${world.oil.id}`);
    for (const kind of ['delivery', 'exchange', 'return']) expect(detail).toContain(`data-kind="${kind}"`);
    // Who recorded each: the coordinator by name, the shop's phone for the exchanges.
    expect(detail).toMatch(/data-kind="delivery"[\s\S]*?联盟协调员[\s\S]*?<\/tr>/);
    expect(detail).toMatch(/data-kind="exchange"[\s\S]*?商户手机[\s\S]*?<\/tr>/);
    // And in English, for a reader who switched.
    for (const path of ['/console/goods', `/console/goods/${world.oil.id}`]) {
      const en = await session.request('GET', `${path}?lang=en`);
      expect(en.status).toBe(200);
      expect(await en.text()).toContain(path === '/console/goods' ? 'Points supermarket' : 'Stock events');
    }
    await session.request('GET', '/console/goods?lang=zh');
  });

  it('adds a good with its photo; a bad good or a bad photo is refused in words and stores nothing', async () => {
    const form = (fields: Record<string, string>, photo?: Uint8Array) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      if (photo) data.set('photo', new Blob([photo as BlobPart], { type: 'image/png' }), 'photo.png');
      return data;
    };
    const path = `/console/goods/shops/${world.shop.id}`;
    const bad = await session.request('POST', path, form({ name: '大米', points: '', unit: '袋' }));
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toContain('error=invalid_request');
    const refused = await page(bad.headers.get('location')!);
    expect(refused).toContain('积分');
    const notPhoto = await session.request(
      'POST',
      path,
      form({ name: '大米', points: '50', unit: '袋' }, new TextEncoder().encode('not a photo')),
    );
    expect(notPhoto.headers.get('location')).toContain('error=unsupported_image');
    expect(await page(notPhoto.headers.get('location')!)).toContain('这个文件不是照片');
    let list = (
      await (await api.call('GET', `/v1/merchants/${world.shop.id}/goods`, { token: coordinator })).json()
    ).goods as GoodDetail[];
    expect(list.map((g) => g.name)).not.toContain('大米');

    const ok = await session.request(
      'POST',
      path,
      form(
        { name: '大米', points: '50', unit: '袋', costFen: '3500', supplier: '兴隆粮油店' },
        bottlePhoto(40, 40),
      ),
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${path}?added=1`);
    list = (
      await (await api.call('GET', `/v1/merchants/${world.shop.id}/goods`, { token: coordinator })).json()
    ).goods;
    const rice = list.find((g) => g.name === '大米')!;
    expect(rice).toMatchObject({ points: 50, costFen: 3500, stock: 0 });
    expect(rice.photoUrl).not.toBeNull();
  });

  it('records a delivery, a count and a return from the good’s page; refusals are pages in words', async () => {
    const path = `/console/goods/${world.tissue.id}`;
    const before = (await good(world.tissue.id)).stock;
    const delivery = await session.request('POST', `${path}/stock`, {
      kind: 'delivery',
      quantity: '10',
      costFen: '280',
    });
    expect(delivery.headers.get('location')).toBe(`${path}?saved=stock`);
    expect((await good(world.tissue.id)).stock).toBe(before + 10);
    const detail = await page(`${path}?saved=stock`);
    expect(detail).toContain('已登记');
    expect(detail).toContain('¥2.80');
    // The delivery is received by the signed-in staff member: the coordinator's name is on it.
    expect(detail.match(/<tr data-kind="delivery">[\s\S]*?<\/tr>/)?.[0]).toContain('联盟协调员');

    const noReason = await session.request('POST', `${path}/stock`, { kind: 'count', quantity: '5' });
    expect(noReason.headers.get('location')).toContain('error=invalid_request');
    expect((await good(world.tissue.id)).stock).toBe(before + 10);
    const tooMany = await session.request('POST', `${path}/stock`, { kind: 'return', quantity: '999' });
    expect(tooMany.headers.get('location')).toContain('error=out_of_stock');
    expect(await page(tooMany.headers.get('location')!)).toContain('库存不够');
    const count = await session.request('POST', `${path}/stock`, {
      kind: 'count',
      quantity: String(before + 8),
      reason: '两包破损',
    });
    expect(count.status).toBe(303);
    expect((await good(world.tissue.id)).stock).toBe(before + 8);
    const notAPhoto = await session.request('POST', `${path}/photo`, {});
    expect(notAPhoto.headers.get('location')).toContain('fields=photo');
  });

  it('prints the month report and the suppliers’ month, and downloads both as CSV with a BOM', async () => {
    const report = await page(`/console/goods/report?merchant=${world.shop.id}&month=2026-11`);
    expect(report).toContain('积分超市月度报表');
    expect(report).toContain('每 1 元成本兑换');
    const api11 = await (
      await api.call('GET', `/v1/merchants/${world.shop.id}/goods-report?month=2026-11`, {
        token: coordinator,
      })
    ).json();
    expect(report).toContain(`data-points="${api11.totals.points}"`);
    const suppliers = await page('/console/goods/suppliers?month=2026-11');
    expect(suppliers).toContain('兴隆粮油店');
    expect(suppliers).toContain('清风纸业');
    for (const csvPath of [
      `/console/goods/report.csv?merchant=${world.shop.id}&month=2026-11`,
      '/console/goods/suppliers.csv?month=2026-11',
    ]) {
      const csv = await session.request('GET', csvPath);
      expect(csv.status).toBe(200);
      expect([...new Uint8Array(await csv.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
    const badMonth = await session.request(
      'GET',
      `/console/goods/report?merchant=${world.shop.id}&month=2026-13`,
    );
    expect(badMonth.headers.get('location')).toBe('/console/goods?error=invalid_month');
    const noShop = await session.request(
      'GET',
      '/console/goods/report?merchant=00000000-0000-4000-8000-000000000000&month=2026-11',
    );
    expect(noShop.status).toBe(404);
    expect(latinWords(visibleText(await noShop.text()))).toEqual([]);
    for (const path of [
      '/console/goods/report.csv?month=2026-11',
      '/console/goods/report?merchant=x&month=2026-11',
    ]) {
      const res = await session.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('data-error="merchant_not_found"');
    }
  });

  it('staff without the cashier right are refused the section in words; a cashier may', async () => {
    const clerk = await inviteStaff(api, coordinator, { name: '赵干事', email: 'zhao@test.cn', rights: [] });
    const cashier = await inviteStaff(api, coordinator, {
      name: '钱收银',
      email: 'qian@test.cn',
      rights: ['cashier'],
    });
    for (const [who, status] of [
      [clerk, 403],
      [cashier, 200],
    ] as const) {
      session.clear();
      await session.request('POST', '/console/login', { email: who.email, password: STAFF_PASSWORD });
      const res = await session.request('GET', '/console/goods');
      expect([who.email, res.status]).toEqual([who.email, status]);
      expect(latinWords(visibleText(await res.text()))).toEqual([]);
    }
  });
  it('已核对 takes a flagged exchange off the list; it stays flagged in the good’s history', async () => {
    const before = await page('/console/goods');
    const event = before.match(/data-flagged-event="([0-9a-f-]{36})"/)?.[1];
    expect(event).toBeDefined();
    expect(before).toContain('已核对');
    const res = await session.request('POST', `/console/goods/flagged/${event}/checked`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/goods?checked=1');
    const after = await page('/console/goods?checked=1');
    expect(after).toContain('已标记为核对过');
    expect(after).not.toContain(`data-flagged-event="${event}"`);
    expect(after).toContain('没有待核对的离线兑换');
    expect(await page(`/console/goods/${world.oil.id}`)).toContain('离线兑换后库存为 -1');
    // A second mark, or an event that was never flagged, changes nothing and says so in words.
    const again = await session.request('POST', `/console/goods/flagged/${event}/checked`, {});
    expect(again.headers.get('location')).toBe('/console/goods?checked=1');
    const foreign = await session.request(
      'POST',
      '/console/goods/flagged/00000000-0000-4000-8000-000000000000/checked',
      {},
    );
    expect(foreign.headers.get('location')).toContain('error=flagged_exchange_not_found');
  });
});
