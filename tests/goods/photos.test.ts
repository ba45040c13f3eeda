/**
 * A good's photo (积分超市): set by staff with the goods right or the shop's own device, stored
 * like a claim's evidence (type sniffed from the bytes, at most 1 MiB), served to them and to
 * the shop's device (the merchant app shows it on the basket's tiles), and replaced whole.
 * Anything else is refused in words and changes nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence } from '../../api/db/schema/index.ts';
import { GoodDetail } from '../../shared/api/goods.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { cameraPhoto } from '../helpers/photos.ts';
import { createMerchant, enrollDevice, merchantConfig, type TestDevice } from '../helpers/world.ts';

describe("a good's photo", () => {
  let api: TestApi;
  let coordinator: string;
  let device: TestDevice;
  let otherDevice: TestDevice;
  let oil: GoodDetail;

  const put = (id: string, token: string, bytes: Uint8Array | string, type = 'image/png') =>
    api.app.request(`/v1/goods/${id}/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: bytes as BodyInit,
    });
  const get = (id: string, token: string) => api.call('GET', `/v1/goods/${id}/photo`, { token });

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    const shop = await createMerchant(api, coordinator, '兴隆积分超市');
    const other = await createMerchant(api, coordinator, '理发店');
    device = await enrollDevice(api, coordinator, shop.id);
    otherDevice = await enrollDevice(api, coordinator, other.id);
    const res = await api.call('POST', `/v1/merchants/${shop.id}/goods`, {
      token: coordinator,
      body: { name: '食用油', points: 30, unit: '桶' },
    });
    oil = GoodDetail.parse(await res.json());
  });
  afterAll(() => api.close());

  it('a good without a photo says so in words', async () => {
    expect(oil.photoUrl).toBeNull();
    const res = await get(oil.id, coordinator);
    expect(res.status).toBe(404);
    expect((await res.json()).type).toBe('goods_photo_missing');
  });

  it('staff set it; the shop device sees it in its config and fetches it; a new photo replaces the old', async () => {
    const first = new Uint8Array(cameraPhoto(120, 90));
    const res = await put(oil.id, coordinator, first);
    expect(res.status, await res.clone().text()).toBe(200);
    const good = GoodDetail.parse(await res.json());
    expect(good.photoUrl).toMatch(new RegExp(`^/v1/goods/${oil.id}/photo\\?v=[0-9a-f]{8}$`));
    const config = await merchantConfig(api, device);
    expect(config.goods.find((g) => g.id === oil.id)?.photoUrl).toBe(good.photoUrl);
    const served = await api.call('GET', good.photoUrl!, { token: device.token });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('private');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(first);

    // The shop's device replaces it; the old file's bytes are dropped.
    const second = new Uint8Array(cameraPhoto(60, 40));
    const replaced = GoodDetail.parse(await (await put(oil.id, device.token, second)).json());
    expect(replaced.photoUrl).not.toBe(good.photoUrl);
    expect(new Uint8Array(await (await get(oil.id, coordinator)).arrayBuffer())).toEqual(second);
    const files = await api.database.db.select().from(evidence).where(eq(evidence.uploadedBy, oil.id));
    expect(files).toHaveLength(2);
    expect(files.filter((f) => f.bytes !== null)).toHaveLength(1);
  });

  it('not a photo, too large, another shop or no such good: refused in words, nothing changed', async () => {
    const before = (await (await api.call('GET', `/v1/goods/${oil.id}`, { token: coordinator })).json())
      .photoUrl;
    const text = await put(oil.id, coordinator, 'not a picture', 'image/jpeg');
    expect(text.status).toBe(415);
    expect((await text.json()).type).toBe('unsupported_image');
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const large = await put(oil.id, coordinator, big, 'image/jpeg');
    expect(large.status).toBe(413);
    expect((await large.json()).type).toBe('evidence_too_large');
    const foreign = await put(oil.id, otherDevice.token, new Uint8Array(cameraPhoto(20, 20)));
    expect(foreign.status).toBe(403);
    expect((await get(oil.id, otherDevice.token)).status).toBe(403);
    const missing = await put(
      '00000000-0000-4000-8000-000000000000',
      coordinator,
      new Uint8Array(cameraPhoto(20, 20)),
    );
    expect(missing.status).toBe(404);
    expect((await missing.json()).type).toBe('goods_not_found');
    const after = (await (await api.call('GET', `/v1/goods/${oil.id}`, { token: coordinator })).json())
      .photoUrl;
    expect(after).toBe(before);
  });
});
