/**
 * A points supermarket with a month behind it, built through the API as the shop and the
 * coordinator would: goods (one with a photo, one running low), deliveries, a basket online,
 * one reversed, a count, a return and an offline basket that took the oil below zero.
 */

import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { GoodDetail } from '../../shared/api/goods.ts';
import type { TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice, type TestDevice } from '../helpers/world.ts';

/** A small picture of a bottle of oil (PNG), so a photo looks like one on the page. */
export function bottlePhoto(width = 160, height = 160): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inCap = x > width * 0.42 && x < width * 0.58 && y > height * 0.08 && y < height * 0.2;
      const inBody = x > width * 0.3 && x < width * 0.7 && y >= height * 0.2 && y < height * 0.92;
      const inLabel = inBody && y > height * 0.45 && y < height * 0.65;
      const [r, g, b] = inCap
        ? [180, 30, 30]
        : inLabel
          ? [250, 250, 240]
          : inBody
            ? [230, 170, 40]
            : [235, 240, 245];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

export interface SupermarketWorld {
  shop: { id: string; number: number };
  device: TestDevice;
  oil: GoodDetail;
  tissue: GoodDetail;
  toothpaste: GoodDetail;
}

export async function supermarketWorld(api: TestApi, coordinator: string): Promise<SupermarketWorld> {
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await api.call(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json();
  };
  const shop = await createMerchant(api, coordinator, '兴隆积分超市');
  const device = await enrollDevice(api, coordinator, shop.id);
  const resident = await createResident(api, coordinator, '王桂兰', 2000);
  const add = async (body: unknown) =>
    GoodDetail.parse(await call('POST', `/v1/merchants/${shop.id}/goods`, coordinator, body));
  let oil = await add({
    name: '食用油',
    points: 30,
    copayFen: 500,
    unit: '桶',
    barcode: '6901234567892',
    supplier: '兴隆粮油店',
    costFen: 4500,
  });
  const tissue = await add({ name: '纸巾', points: 10, unit: '包', supplier: '清风纸业', costFen: 300 });
  const toothpaste = await add({
    name: '牙膏',
    points: 15,
    unit: '支',
    barcode: '6920354811234',
    supplier: '清风纸业',
    costFen: 650,
    lowStock: 3,
  });
  const photo = await api.app.request(`/v1/goods/${oil.id}/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'image/png' },
    body: bottlePhoto() as BodyInit,
  });
  expect(photo.status).toBe(200);
  oil = GoodDetail.parse(await photo.json());
  // A minute between events, so their order on the page is the order they happened in.
  const event = (id: string, body: unknown) => {
    api.clock.advance(60_000);
    return call('POST', `/v1/goods/${id}/stock-events`, coordinator, body);
  };
  await event(oil.id, { kind: 'delivery', quantity: 12 });
  await event(tissue.id, { kind: 'delivery', quantity: 30 });
  await event(toothpaste.id, { kind: 'delivery', quantity: 4 });
  const basket = async (lines: { good: GoodDetail; quantity: number }[], offline = false) => {
    const signed = lines.map((l) => ({
      goodsId: l.good.id,
      quantity: l.quantity,
      points: l.good.points,
      copayFen: l.good.copayFen,
    }));
    const points = signed.reduce((a, l) => a + l.quantity * l.points, 0);
    api.clock.advance(60_000);
    const voucher = await resident.voucher({ capPoints: points });
    const record = device.sign({ voucher: voucher.text, points, lines: signed });
    if (offline) await call('POST', '/v1/redemptions/sync', device.token, { records: [record] });
    else await call('POST', '/v1/redemptions', device.token, record);
    return record.id;
  };
  await basket([
    { good: oil, quantity: 2 },
    { good: tissue, quantity: 3 },
    { good: toothpaste, quantity: 2 },
  ]);
  const undone = await basket([{ good: tissue, quantity: 1 }]);
  await call('POST', `/v1/redemptions/${undone}/reverse`, device.token, {});
  await event(tissue.id, { kind: 'count', quantity: 26, reason: '一包受潮' });
  await event(oil.id, { kind: 'return', quantity: 1, reason: '漏油' });
  await basket([{ good: oil, quantity: 10 }], true);
  return { shop, device, oil, tissue, toothpaste };
}
