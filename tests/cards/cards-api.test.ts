/**
 * Household cards through the API (issue #19): staff issue a card and the holder sets a PIN; a
 * shop captures with card + PIN online and sees the balance left; a retry gets the first answer;
 * five wrong PINs lock the card across shops until staff unlock it; a lost or replaced card is
 * refused and travels to devices with their config; offline, a card is taken without PIN and its
 * floor is reported, a shortfall opens a conflict, a record made after the loss takes nothing;
 * a POS captures with an Idempotency-Key. The ledger's invariants hold throughout.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardHistory } from '../../api/cards/cards.ts';
import { cards, cardUses } from '../../api/db/schema/index.ts';
import { checkLedger } from '../../api/ledger/check.ts';
import { listConflictEvidence } from '../../api/ledger/conflicts.ts';
import { CardCaptureResponse, CardList, CardView, IssuedCard } from '../../shared/api/cards.ts';
import { SyncResponse } from '../../shared/api/merchant.ts';
import { CARD_TEXT_DIGITS, parseCardNumber, verifyCard } from '../../shared/card.ts';
import { ed25519Noble } from '../../shared/ed25519-noble.ts';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import {
  createMerchant,
  createResident,
  enrollDevice,
  merchantConfig,
  type TestDevice,
} from '../helpers/world.ts';

describe('household cards through the API', () => {
  let api: TestApi;
  let coordinator: string;
  let shop: { id: string; number: number };
  let other: { id: string; number: number };
  let device: TestDevice;
  let otherDevice: TestDevice;
  let posKey: string;
  let holder: Awaited<ReturnType<typeof createResident>>;

  const call = (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    api.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
  const issue = async (residentId: string) => {
    const res = await call('POST', `/v1/residents/${residentId}/cards`, coordinator);
    expect(res.status).toBe(201);
    return IssuedCard.parse(await res.json());
  };
  const setPin = async (cardId: string, pin: string, token = coordinator) =>
    call('PUT', `/v1/cards/${cardId}/pin`, token, { pin });
  const capture = (d: TestDevice, body: Record<string, unknown>) =>
    call('POST', '/v1/merchant/card-captures', d.token, { id: randomUUID(), ...body });
  const sync = async (d: TestDevice, records: unknown[]) => {
    const res = await call('POST', '/v1/redemptions/sync', d.token, { records });
    expect(res.status).toBe(200);
    return SyncResponse.parse(await res.json());
  };
  const available = async (r = holder) => (await r.me()).available as number;
  const ledgerClean = async () => expect(await checkLedger(api.database.db)).toEqual([]);

  beforeAll(async () => {
    api = await createTestApi();
    coordinator = await api.login();
    shop = await createMerchant(api, coordinator, '兴隆超市');
    other = await createMerchant(api, coordinator, '理发店');
    device = await enrollDevice(api, coordinator, shop.id);
    otherDevice = await enrollDevice(api, coordinator, other.id);
    posKey = (await (await call('POST', `/v1/merchants/${shop.id}/pos-keys`, coordinator)).json()).key;
    holder = await createResident(api, coordinator, '王桂兰', 900);
  });
  afterAll(() => api.close());

  it('issues a card whose QR verifies against the published JWKS and whose number is printable', async () => {
    const card = await issue(holder.id);
    expect(card.text).toHaveLength(CARD_TEXT_DIGITS);
    expect(card.text.startsWith('96')).toBe(true);
    expect(parseCardNumber(card.number)).toBe(card.number);
    const jwks = await (await api.call('GET', '/.well-known/jwks.json')).json();
    const verified = verifyCard(card.text, { keys: keyIndexFromJwks(jwks), primitive: ed25519Noble });
    expect(verified.ok && verified.card).toMatchObject({ cardId: card.id, holderId: holder.id });
    const list = CardList.parse(
      await (await call('GET', `/v1/residents/${holder.id}/cards`, coordinator)).json(),
    );
    expect(list.cards).toEqual([
      expect.objectContaining({ id: card.id, status: 'active', pinSet: false, locked: false }),
    ]);
  });

  it('refuses bad and weak PINs in words and stores nothing; a capture before any PIN is refused', async () => {
    const card = await issue(holder.id);
    for (const pin of ['12345', '1234567', 'abcdef', '', 123456]) {
      const res = await setPin(card.id, pin as string);
      expect(res.status, String(pin)).toBe(400);
      expect((await res.json()).type).toBe('invalid_request');
    }
    for (const pin of ['000000', '123456', '987654', '777777']) {
      const res = await setPin(card.id, pin);
      expect(res.status).toBe(400);
      expect((await res.json()).type).toBe('card_pin_weak');
    }
    const res = await capture(device, { card: card.text, pin: '314159', points: 10 });
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('card_pin_not_set');
    const [row] = await api.database.db.select().from(cards).where(eq(cards.id, card.id));
    expect(row!.pinHash).toBeNull();
  });

  it('card + PIN online: 50 points in one step, the balance left in the answer; a retry gets the first answer', async () => {
    const card = await issue(holder.id);
    expect((await setPin(card.id, '314159')).status).toBe(200);
    const [row] = await api.database.db.select().from(cards).where(eq(cards.id, card.id));
    expect(row!.pinHash).toMatch(/^scrypt\$/);
    expect(row!.pinHash).not.toContain('314159');
    const before = await available();
    const id = randomUUID();
    const body = {
      id,
      card: card.text,
      pin: '314159',
      points: 50,
      offerId: 'haircut-5',
      billFen: 3500,
      discountFen: 500,
    };
    const res = await call('POST', '/v1/merchant/card-captures', device.token, body);
    expect(res.status).toBe(200);
    const answer = CardCaptureResponse.parse(await res.json());
    expect(answer).toMatchObject({
      id,
      outcome: 'accepted',
      points: 50,
      balance: before - 50,
      replayed: false,
    });
    expect(answer.cardNumber).toBe(card.number);
    const again = CardCaptureResponse.parse(
      await (await call('POST', '/v1/merchant/card-captures', device.token, body)).json(),
    );
    expect(again).toMatchObject({ id, outcome: 'accepted', points: 50, replayed: true });
    expect(await available()).toBe(before - 50);
    // By the number typed at the till, too.
    const typed = CardCaptureResponse.parse(
      await (
        await capture(device, { card: card.number.replace(/(\d{4})/g, '$1 '), pin: '314159', points: 10 })
      ).json(),
    );
    expect(typed).toMatchObject({ outcome: 'accepted', balance: before - 60 });
    // More than the free balance: refused with its outcome, nothing taken.
    const tooMuch = CardCaptureResponse.parse(
      await (await capture(device, { card: card.text, pin: '314159', points: 100_000 })).json(),
    );
    expect(tooMuch).toMatchObject({ outcome: 'insufficient_points', points: 0, balance: before - 60 });
    // The shop undoes the sale the same day: the points go back to the holder.
    const reversed = await call('POST', `/v1/redemptions/${typed.id}/reverse`, device.token);
    expect(reversed.status).toBe(200);
    expect(await available()).toBe(before - 50);
    await ledgerClean();
  });

  it('five wrong PINs across two shops lock the card until staff unlock it; the lock reaches the devices', async () => {
    const [card] = CardList.parse(
      await (await call('GET', `/v1/residents/${holder.id}/cards`, coordinator)).json(),
    ).cards;
    const before = await available();
    for (const [i, d] of [device, otherDevice, device, otherDevice].entries()) {
      const res = await capture(d, { card: card!.number, pin: '271828', points: 10 });
      expect(res.status).toBe(422);
      const problem = await res.json();
      expect(problem.type).toBe('card_pin_wrong');
      expect(problem.attemptsLeft).toBe(4 - i);
    }
    const fifth = await capture(otherDevice, { card: card!.number, pin: '271828', points: 10 });
    expect(fifth.status).toBe(423);
    expect((await fifth.json()).type).toBe('card_locked');
    const right = await capture(device, { card: card!.number, pin: '314159', points: 10 });
    expect(right.status).toBe(423);
    expect(await available()).toBe(before);
    expect((await merchantConfig(api, otherDevice)).blockedCards).toContainEqual({
      id: card!.id,
      number: card!.number,
    });
    // A resident may not unlock, not even their own card.
    expect((await call('POST', `/v1/cards/${card!.id}/unlock`, holder.token)).status).toBe(403);
    const unlocked = await call('POST', `/v1/cards/${card!.id}/unlock`, coordinator);
    expect(unlocked.status).toBe(200);
    expect(CardView.parse(await unlocked.json())).toMatchObject({ locked: false, failedPinAttempts: 0 });
    const ok = CardCaptureResponse.parse(
      await (await capture(device, { card: card!.number, pin: '314159', points: 10 })).json(),
    );
    expect(ok).toMatchObject({ outcome: 'accepted', balance: before - 10 });
    expect((await merchantConfig(api, otherDevice)).blockedCards).not.toContainEqual({
      id: card!.id,
      number: card!.number,
    });
  });

  it('a right PIN gives the attempts back', async () => {
    const [card] = CardList.parse(
      await (await call('GET', `/v1/residents/${holder.id}/cards`, coordinator)).json(),
    ).cards;
    for (let i = 0; i < 3; i++) await capture(device, { card: card!.number, pin: '271828', points: 1 });
    await capture(device, { card: card!.number, pin: '314159', points: 1 });
    const [row] = await api.database.db.select().from(cards).where(eq(cards.id, card!.id));
    expect(row!.failedPinAttempts).toBe(0);
  });

  it('the holder sets their own PIN in their app; not another resident’s card', async () => {
    const [card] = CardList.parse(
      await (await call('GET', `/v1/residents/${holder.id}/cards`, coordinator)).json(),
    ).cards;
    expect((await setPin(card!.id, '246801', holder.token)).status).toBe(200);
    const stranger = await createResident(api, coordinator, '赵强', 0);
    const res = await setPin(card!.id, '135792', stranger.token);
    expect(res.status).toBe(404);
    expect((await res.json()).type).toBe('card_not_found');
    const ok = CardCaptureResponse.parse(
      await (await capture(device, { card: card!.number, pin: '246801', points: 5 })).json(),
    );
    expect(ok.outcome).toBe('accepted');
    expect((await capture(device, { card: card!.number, pin: '314159', points: 5 })).status).toBe(422);
  });

  it('reissue replaces: the old card is refused, the new one works once it has a PIN', async () => {
    const [old] = CardList.parse(
      await (await call('GET', `/v1/residents/${holder.id}/cards`, coordinator)).json(),
    ).cards;
    const fresh = await issue(holder.id);
    expect(fresh.id).not.toBe(old!.id);
    const refused = await capture(device, { card: old!.number, pin: '246801', points: 5 });
    expect(refused.status).toBe(410);
    expect((await refused.json()).type).toBe('card_replaced');
    const list = CardList.parse(
      await (await call('GET', `/v1/residents/${holder.id}/cards`, coordinator)).json(),
    ).cards;
    expect(list.filter((c) => c.status === 'active').map((c) => c.id)).toEqual([fresh.id]);
    expect(list.find((c) => c.id === old!.id)).toMatchObject({ status: 'replaced', replacedBy: fresh.id });
    expect((await setPin(fresh.id, '580213')).status).toBe(200);
    const ok = CardCaptureResponse.parse(
      await (await capture(device, { card: fresh.text, pin: '580213', points: 5 })).json(),
    );
    expect(ok.outcome).toBe('accepted');
  });

  it('a lost card is refused online at once and listed in every device’s config', async () => {
    const lostHolder = await createResident(api, coordinator, '李娜', 300);
    const card = await issue(lostHolder.id);
    await setPin(card.id, '580213');
    const lost = await call('POST', `/v1/cards/${card.id}/lost`, lostHolder.token);
    expect(lost.status).toBe(200);
    expect(CardView.parse(await lost.json()).status).toBe('lost');
    const res = await capture(device, { card: card.text, pin: '580213', points: 5 });
    expect(res.status).toBe(410);
    expect((await res.json()).type).toBe('card_lost');
    expect(await available(lostHolder)).toBe(300);
    const config = await merchantConfig(api, device);
    expect(config.blockedCards).toContainEqual({ id: card.id, number: card.number });
    expect(config.cardOfflineFloorPoints).toBe(50);
    // Offline, a record scanned after the report takes nothing.
    const [answer] = (await sync(device, [device.sign({ voucher: card.text, points: 20 })])).results;
    expect(answer).toMatchObject({ outcome: 'bad_voucher', points: 0 });
    expect(answer!.detail).toMatch(/^card_lost/);
    expect(await available(lostHolder)).toBe(300);
  });

  it('offline: taken without a PIN up to the floor; above it, still taken and reported; a replay changes nothing', async () => {
    const offlineHolder = await createResident(api, coordinator, '张秀英', 200);
    const card = await issue(offlineHolder.id);
    const first = device.sign({ voucher: card.text, points: 30 });
    const second = otherDevice.sign({ voucher: card.text, points: 30 });
    const a = await sync(device, [first]);
    expect(a.results[0]).toMatchObject({ outcome: 'accepted', points: 30, limitBreaches: [] });
    const b = await sync(otherDevice, [second]);
    expect(b.results[0]).toMatchObject({ outcome: 'accepted', points: 30 });
    expect(b.results[0]!.limitBreaches).toEqual([expect.stringMatching(/card floor of 50/)]);
    const again = await sync(device, [first]);
    expect(again.results[0]).toMatchObject({ outcome: 'accepted', replayed: true });
    expect(await available(offlineHolder)).toBe(140);
    const uses = await api.database.db.select().from(cardUses).where(eq(cardUses.cardId, card.id));
    expect(uses.map((u) => [u.offline, u.pinChecked])).toEqual([
      [true, false],
      [true, false],
    ]);
    // A card record sent online without its PIN is refused: online, a card needs the PIN.
    const online = await call(
      'POST',
      '/v1/redemptions',
      device.token,
      device.sign({ voucher: card.text, points: 5 }),
    );
    const body = await online.json();
    expect(JSON.stringify(body)).toMatch(/card_needs_pin/);
    expect(await available(offlineHolder)).toBe(140);
    await ledgerClean();
  });

  it('offline shortfall at sync: refused and a late_shortfall conflict for the coordinator', async () => {
    const poor = await createResident(api, coordinator, '刘建国', 20);
    const card = await issue(poor.id);
    const record = device.sign({ voucher: card.text, points: 40 });
    const [answer] = (await sync(device, [record])).results;
    expect(answer).toMatchObject({ outcome: 'insufficient_points', points: 0 });
    const list = (await (await call('GET', '/v1/conflicts', coordinator)).json()).conflicts as {
      recordId: string;
      kind: string;
    }[];
    expect(list).toContainEqual(expect.objectContaining({ recordId: record.id, kind: 'late_shortfall' }));
    // The coordinator sees whose card it was, and the card's history names the conflict.
    const evidence = await listConflictEvidence(api.database.db, { allianceId: api.allianceId });
    expect(evidence.find((e) => e.conflict.recordId === record.id)).toMatchObject({
      residentName: '刘建国',
      record: expect.objectContaining({ points: 40, offline: true, outcome: 'insufficient_points' }),
    });
    const history = await cardHistory(api.database.db, { allianceId: api.allianceId, residentId: poor.id });
    expect(history).toEqual([
      expect.objectContaining({
        recordId: record.id,
        points: 40,
        offline: true,
        conflictId: expect.any(String),
      }),
    ]);
    expect(await available(poor)).toBe(20);
    await ledgerClean();
  });

  it('a tampered card or a voucher where a card belongs is refused in words', async () => {
    const someone = await createResident(api, coordinator, '陈芳', 100);
    const card = await issue(someone.id);
    const flipped = card.text.slice(0, 100) + ((Number(card.text[100]) + 1) % 10) + card.text.slice(101);
    const res = await capture(device, { card: flipped, pin: '580213', points: 5 });
    expect(res.status).toBe(400);
    expect((await res.json()).type).toBe('card_invalid');
    const voucher = await someone.voucher({ capPoints: 10 });
    const asCard = await capture(device, { card: voucher.text, pin: '580213', points: 5 });
    expect(asCard.status).toBe(400);
    expect((await asCard.json()).type).toBe('card_invalid');
    const [offline] = (await sync(device, [device.sign({ voucher: flipped, points: 5 })])).results;
    expect(offline).toMatchObject({ outcome: 'bad_voucher' });
    expect(await available(someone)).toBe(90);
  });

  it('a POS captures with card + PIN under an Idempotency-Key; a retry gets the stored answer', async () => {
    const customer = await createResident(api, coordinator, '周敏', 500);
    const card = await issue(customer.id);
    await setPin(card.id, '580213');
    const body = { card: card.text, pin: '580213', points: 50 };
    const noKey = await call('POST', '/v1/pos/card-captures', posKey, body);
    expect(noKey.status).toBe(400);
    const headers = { 'idempotency-key': 'till-7-receipt-0001' };
    const first = CardCaptureResponse.parse(
      await (await call('POST', '/v1/pos/card-captures', posKey, body, headers)).json(),
    );
    expect(first).toMatchObject({ outcome: 'accepted', points: 50, balance: 450 });
    const retry = await call('POST', '/v1/pos/card-captures', posKey, body, headers);
    expect(retry.status).toBe(200);
    expect(CardCaptureResponse.parse(await retry.json())).toMatchObject({
      id: first.id,
      outcome: 'accepted',
      replayed: true,
    });
    const reused = await call('POST', '/v1/pos/card-captures', posKey, { ...body, points: 60 }, headers);
    expect(reused.status).toBe(409);
    expect(await available(customer)).toBe(450);
    await ledgerClean();
  });
});
