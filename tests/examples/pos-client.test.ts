/**
 * The typed POS client example (examples/pos-client/, issue #21) against a live server over
 * HTTP: its types are exactly what openapi-typescript makes of today's /openapi.json; it
 * verifies a resident's code, captures with an Idempotency-Key, survives a connection that
 * drops after the server took the points (the retry gets the stored answer: taken once), and
 * reverses.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posClient, reverse, takePoints } from '../../examples/pos-client/client.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident } from '../helpers/world.ts';
import { posClientTypes } from '../openapi-types.ts';

describe('the typed POS client example', () => {
  let api: TestApi;
  let server: ReturnType<typeof serve>;
  let baseUrl = '';
  let posKey = '';
  let resident: Awaited<ReturnType<typeof createResident>>;

  beforeAll(async () => {
    api = await createTestApi();
    const coordinator = await api.login();
    const shop = await createMerchant(api, coordinator, '老街饭店');
    posKey = (
      await (await api.call('POST', `/v1/merchants/${shop.id}/pos-keys`, { token: coordinator })).json()
    ).key;
    resident = await createResident(api, coordinator, '张秀英', 300);
    server = serve({ hostname: '127.0.0.1', port: 0, fetch: api.app.fetch });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.close();
  });

  it("its types are what openapi-typescript makes of today's document (npm run examples:types)", async () => {
    const committed = readFileSync(new URL('../../examples/pos-client/api.d.ts', import.meta.url), 'utf8');
    expect(committed === (await posClientTypes()), 'run `npm run examples:types` and commit the file').toBe(
      true,
    );
  });

  it('verifies, captures once through a dropped connection, and reverses', async () => {
    const voucher = (await resident.voucher({ capPoints: 100 })).text;
    let dropped = 0;
    // The first answer is lost on the way back, after the server already took the points.
    const flaky: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/v1/pos/captures') && dropped++ === 0)
        throw new TypeError('fetch failed: socket hang up');
      return res;
    };
    const client = posClient(baseUrl, posKey, flaky);
    const before = (await resident.me()).balance;
    const taken = await takePoints(client, voucher, 40, '2026-000123');
    expect(dropped).toBe(2);
    expect(taken).toMatchObject({ ok: true, why: 'accepted', capture: { points: 40 } });
    expect((await resident.me()).balance).toBe(before - 40);

    const again = await takePoints(posClient(baseUrl, posKey), voucher, 40, '2026-000124');
    expect(again).toMatchObject({ ok: false, why: 'captured' });

    const { data, error } = await reverse(posClient(baseUrl, posKey), taken.capture!.id);
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ reversed: true, points: 40 });
    expect((await resident.me()).balance).toBe(before);
  });

  it('a code that is not valid is answered in the spec’s words, and nothing is taken', async () => {
    const answer = await takePoints(posClient(baseUrl, posKey), `95${'0'.repeat(234)}`, 10, '2026-000125');
    expect(answer).toMatchObject({ ok: false });
    expect(typeof answer.why).toBe('string');
  });
});
