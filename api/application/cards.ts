/**
 * Household cards (issue #19), the use cases: staff issue (or reissue) a resident's card, the
 * holder chooses a PIN at the counter's keypad or in their own app, a card is reported lost or
 * unlocked; a shop captures points with card + PIN online (device or POS), and sync takes a
 * device's offline card records (no PIN, up to the card's daily floor).
 */
import { and, eq } from 'drizzle-orm';
import { fromBase64url } from '../../shared/bytes.ts';
import { isCardText, parseCardNumber, verifyCard } from '../../shared/card.ts';
import { basketPoints, verifyRedemptionRecord } from '../../shared/redemption-record.ts';
import type { MerchantPrincipal, Principal } from '../auth/principal.ts';
import { hasRight, requireRight } from '../auth/rights.ts';
import { captureWithCard, cardDayUsage, cardFloorBreach } from '../cards/capture.ts';
import {
  type CardRow,
  cardsOfResident,
  cardText,
  checkPin,
  findCard,
  findCardByNumber,
  issueCard,
  markLost,
  requireCard,
  setPin,
  unlockCard,
} from '../cards/cards.ts';
import { cardReport } from '../cards/report.ts';
import type { Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import type { RedemptionOutcome } from '../db/schema/kinds.ts';
import type { DeviceContext } from '../directory/device-context.ts';
import { requireMerchant, requireResident } from '../directory/directory.ts';
import { allianceSettings } from '../directory/queries.ts';
import { AppError } from '../errors.ts';
import { exchangeBasket } from '../goods/stock.ts';
import { accountBalances } from '../ledger/accounts.ts';
import { type RecordFacts, recordedOutcome, refuseRecord } from '../ledger/capture.ts';
import { derivedId } from '../ledger/ids.ts';
import { deviceDayUsage, offlineLimitBreach } from '../ledger/limits.ts';
import { brokenOfferRule } from '../ledger/offer-rules.ts';
import type { SyncDeps, SyncRecord } from '../ledger/sync.ts';
import { periodContaining, periodOfMonth } from '../local-time.ts';
import { ed25519Node } from '../vouchers/ed25519-node.ts';
import { currentSigningKey, signingKeyByKid } from '../vouchers/keys.ts';
import { audit } from './audit.ts';
import { type AppContext, inTransaction } from './context.ts';
import { basketHooks, pricedLines } from './goods.ts';
import { idempotent, requestHash } from './idempotency.ts';

export interface CardView {
  id: string;
  number: string;
  residentId: string;
  status: CardRow['status'];
  locked: boolean;
  pinSet: boolean;
  failedPinAttempts: number;
  issuedAt: string;
  lostAt: string | null;
  replacedBy: string | null;
}

export const cardView = (c: CardRow): CardView => ({
  id: c.id,
  number: c.number,
  residentId: c.residentId,
  status: c.status,
  locked: c.lockedAt !== null,
  pinSet: c.pinHash !== null,
  failedPinAttempts: c.failedPinAttempts,
  issuedAt: c.issuedAt.toISOString(),
  lostAt: c.lostAt?.toISOString() ?? null,
  replacedBy: c.replacedBy,
});

/** A new card for the resident, replacing their active one: its id, number and QR digits. */
export async function issueResidentCard(ctx: AppContext, actor: Principal, residentId: string) {
  requireRight(actor, 'residents');
  await requireResident(ctx.db, actor.allianceId, residentId);
  const key = await currentSigningKey(ctx.db, actor.allianceId, ctx.masterKey, ctx.clock);
  const { card, replaced } = await inTransaction(ctx, async (tx) => {
    const issued = await issueCard(
      tx,
      { allianceId: actor.allianceId, residentId, kid: key.kid, issuedBy: actor.subjectId },
      ctx.clock,
    );
    await audit(tx, actor, 'card.issue', residentId, {
      cardId: issued.card.id,
      number: issued.card.number,
      ...(issued.replaced ? { replaced: issued.replaced.id } : {}),
    });
    return issued;
  });
  return { card, replaced, text: cardText(card, key) };
}

/** The signed-in resident's own cards (the holder's app: set the PIN, report a card lost). */
export async function myCards(ctx: AppContext, actor: Principal) {
  if (actor.role !== 'resident') requireRight(actor, 'residents');
  return cardsOfResident(ctx.db, actor.allianceId, actor.subjectId);
}

export async function residentCards(ctx: AppContext, actor: Principal, residentId: string) {
  requireRight(actor, 'residents');
  await requireResident(ctx.db, actor.allianceId, residentId);
  return cardsOfResident(ctx.db, actor.allianceId, residentId);
}

/**
 * The month's card use across the alliance, by shop, with the cards locked now or lost that
 * month (`month` "YYYY-MM" in the alliance's time zone; the current month when absent).
 */
export async function cardUseReport(ctx: AppContext, actor: Principal, month?: string) {
  requireRight(actor, 'residents');
  const { timezone } = await allianceSettings(ctx.db, actor.allianceId);
  const settings = { timezone, periodMonths: 1 };
  const bounds = month ? periodOfMonth(settings, month) : periodContaining(settings, ctx.clock.now());
  const report = await cardReport(ctx.db, {
    allianceId: actor.allianceId,
    startsAt: bounds.startsAt,
    endsAt: bounds.endsAt,
  });
  return { month: bounds.label, ...report };
}

/** What the printed card shows: the alliance, the holder (the page masks the name), number, QR digits. */
export async function printableCard(ctx: AppContext, actor: Principal, cardId: string) {
  requireRight(actor, 'residents');
  const card = await requireCard(ctx.db, actor.allianceId, cardId);
  const key = await signingKeyByKid(ctx.db, actor.allianceId, card.kid, ctx.masterKey);
  if (!key)
    throw new AppError('no_signing_key', {
      detail: 'The key that signed this card is gone: issue a new card.',
    });
  const resident = await requireResident(ctx.db, actor.allianceId, card.residentId);
  const alliance = await allianceSettings(ctx.db, actor.allianceId);
  return { card, text: cardText(card, key), holderName: resident.name, allianceName: alliance.name };
}

/** Staff with the residents' right, or the holder for their own card. */
async function cardFor(
  ctx: AppContext,
  actor: Principal,
  cardId: string,
  holderMay: boolean,
): Promise<CardRow> {
  const staff = hasRight(actor, 'residents');
  if (!staff && !(holderMay && actor.role === 'resident')) requireRight(actor, 'residents');
  const card = await findCard(ctx.db, actor.allianceId, cardId);
  // A resident asking about a card not theirs learns nothing more than about a card that does not exist.
  if (!card || (!staff && card.residentId !== actor.subjectId)) throw new AppError('card_not_found');
  return card;
}

export async function setCardPin(ctx: AppContext, actor: Principal, cardId: string, pin: string) {
  const card = await cardFor(ctx, actor, cardId, true);
  await inTransaction(ctx, async (tx) => {
    await setPin(tx, card, pin, ctx.clock);
    // Never the PIN, nor its hash.
    await audit(tx, actor, 'card.pin', card.residentId, { cardId: card.id });
  });
  return cardView((await findCard(ctx.db, actor.allianceId, cardId))!);
}

export async function reportCardLost(ctx: AppContext, actor: Principal, cardId: string) {
  const card = await cardFor(ctx, actor, cardId, true);
  return cardView(
    await inTransaction(ctx, async (tx) => {
      const lost = await markLost(tx, card, ctx.clock);
      await audit(tx, actor, 'card.lost', card.residentId, { cardId: card.id });
      return lost;
    }),
  );
}

export async function unlockResidentCard(ctx: AppContext, actor: Principal, cardId: string) {
  const card = await cardFor(ctx, actor, cardId, false);
  return cardView(
    await inTransaction(ctx, async (tx) => {
      const unlocked = await unlockCard(tx, card, actor.subjectId, ctx.clock);
      await audit(tx, actor, 'card.unlock', card.residentId, { cardId: card.id });
      return unlocked;
    }),
  );
}

/** The card a shop scanned (the QR's "96…" digits) or typed (its 16-digit number). */
async function scannedCard(ctx: AppContext, allianceId: string, text: string): Promise<CardRow> {
  const number = parseCardNumber(text);
  if (number) {
    const card = await findCardByNumber(ctx.db, allianceId, number);
    if (!card) throw new AppError('card_not_found');
    return card;
  }
  if (!isCardText(text))
    throw new AppError('card_invalid', { detail: 'Not a card: a card’s QR starts with 96.' });
  const verified = verifyCard(text, {
    keys: await ctx.keyIndexCache.get(ctx.db, allianceId),
    primitive: ed25519Node,
  });
  if (!verified.ok)
    throw new AppError('card_invalid', { detail: `The card does not verify: ${verified.error}.` });
  const card = await findCard(ctx.db, allianceId, verified.card.cardId);
  if (!card || card.residentId !== verified.card.holderId) throw new AppError('card_not_found');
  return card;
}

export interface CardCaptureRequest {
  card: string;
  pin: string;
  /** The points; or `lines`, a basket of the shop's goods the server prices (积分超市). */
  points?: number | undefined;
  lines?: { goodsId: string; quantity: number }[] | undefined;
  offerId?: string | undefined;
  billFen?: number | undefined;
  discountFen?: number | undefined;
}

export interface CardCaptureAnswer {
  id: string;
  outcome: RedemptionOutcome;
  detail: string | null;
  points: number;
  /** The holder's points still free after this answer: what the customer's screen shows. */
  balance: number | null;
  cardNumber: string;
  replayed: boolean;
  /** A basket's lines as priced and captured. */
  lines?: Awaited<ReturnType<typeof pricedLines>>;
}

/** Card + PIN at a shop, online; one record, one outcome. Wrong PIN, lost or locked card: a problem, nothing stored. */
async function captureOnline(
  ctx: AppContext,
  actor: MerchantPrincipal,
  request: CardCaptureRequest,
  record: Pick<RecordFacts, 'recordId' | 'deviceId'>,
): Promise<CardCaptureAnswer> {
  await requireMerchant(ctx.db, actor.allianceId, actor.merchantId);
  const card = await scannedCard(ctx, actor.allianceId, request.card);
  const facts = {
    allianceId: actor.allianceId,
    recordId: record.recordId,
    merchantId: actor.merchantId,
    deviceId: record.deviceId ?? null,
  };
  // A retry gets its first answer before the PIN is looked at again (and spends no attempt).
  const replay = await recordedOutcome(ctx.db, facts);
  if (replay?.outcome === 'bad_record') throw new AppError('record_id_taken');
  const priced = request.lines ? await pricedLines(ctx, actor, request.lines) : undefined;
  const captured =
    replay ??
    (await (async () => {
      // The offer's rules refuse before the PIN is asked for (nothing spent, no attempt used).
      // The alliance's time zone is read only when an offer is named (most card sales name none).
      const broken =
        request.offerId &&
        (await brokenOfferRule(ctx.db, {
          allianceId: actor.allianceId,
          merchantId: actor.merchantId,
          offerCode: request.offerId,
          residentId: card.residentId,
          billFen: request.billFen ?? 0,
          timezone: (await allianceSettings(ctx.db, actor.allianceId)).timezone,
          at: ctx.clock.now(),
          recordId: record.recordId,
        }));
      if (broken) throw new AppError(broken.code, { detail: broken.detail });
      await checkPin(ctx.db, card, request.pin, ctx.clock);
      return captureWithCard(
        ctx.db,
        {
          ...facts,
          points: priced ? basketPoints(priced) : request.points!,
          offerId: request.offerId ?? null,
          billFen: request.billFen ?? 0,
          discountFen: request.discountFen ?? 0,
          offline: false,
          card,
          pinChecked: true,
          ...(priced
            ? {
                onAccepted: (tx: Tx) =>
                  exchangeBasket(
                    tx,
                    {
                      allianceId: actor.allianceId,
                      merchantId: actor.merchantId,
                      recordId: record.recordId,
                      lines: priced,
                      offline: false,
                      recordedBy: record.deviceId ? `device:${record.deviceId}` : `pos:${actor.subjectId}`,
                    },
                    ctx.clock,
                  ),
              }
            : {}),
        },
        ctx.clock,
        ctx.ledgerCache,
      );
    })());
  if (captured.outcome === 'bad_record') throw new AppError('record_id_taken');
  if (!captured.replayed) ctx.countOutcome(captured.outcome, actor.role === 'pos' ? 'pos' : 'device');
  return {
    id: captured.recordId,
    outcome: captured.outcome,
    detail: captured.detail ?? null,
    points: captured.points,
    balance: (await accountBalances(ctx.db, { allianceId: actor.allianceId, residentId: card.residentId }))
      .available,
    cardNumber: card.number,
    replayed: captured.replayed,
    ...(priced && captured.outcome === 'accepted' ? { lines: priced } : {}),
  };
}

/** A shop device's online card capture; `id` is the device's record id (a UUID), its retry gets the first answer. */
export async function captureByDevice(
  ctx: AppContext,
  device: DeviceContext,
  actor: MerchantPrincipal,
  request: CardCaptureRequest & { id: string },
): Promise<CardCaptureAnswer> {
  if (device.revokedAt) throw new AppError('device_revoked');
  return captureOnline(ctx, actor, request, { recordId: request.id, deviceId: device.id });
}

/**
 * A POS's card capture under an Idempotency-Key: a retried request gets the stored answer and
 * never captures (nor spends a PIN attempt) twice. The PIN check must commit on its own, so the
 * capture runs first (idempotent by its record id, derived from the key) and its answer is
 * stored after it.
 */
export async function captureByPos(
  ctx: AppContext,
  actor: MerchantPrincipal,
  request: CardCaptureRequest,
  key: string,
): Promise<CardCaptureAnswer> {
  const hash = requestHash('POST /v1/pos/card-captures', request);
  const scope = `${actor.role}:${actor.subjectId}`;
  const [stored] = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (stored) {
    if (stored.requestHash !== hash) throw new AppError('idempotency_key_reused');
    return { ...(stored.response as CardCaptureAnswer), replayed: true };
  }
  const answer = await captureOnline(ctx, actor, request, {
    recordId: derivedId('pos-card', actor.subjectId, key),
  });
  const { result } = await idempotent(ctx, actor, { key, hash }, async () => answer);
  return result;
}

/**
 * Sync's hook for records whose `voucher` is a card (prefix 96): the device's signature, the
 * card's, then the capture from the holder's free balance. Offline only: a card sent the moment
 * it is scanned goes through the PIN (POST /v1/merchant/card-captures).
 */
export function cardSyncHook(ctx: AppContext, device: DeviceContext): NonNullable<SyncDeps['card']> {
  return async (record: SyncRecord, facts: RecordFacts, offline: boolean) => {
    let publicKey: Uint8Array;
    try {
      publicKey = fromBase64url(device.publicKey);
    } catch {
      return { reject: 'bad_device_signature', detail: 'device key unreadable' };
    }
    if (!verifyRedemptionRecord(record, publicKey, ed25519Node)) {
      return { reject: 'bad_device_signature', detail: 'signature does not verify' };
    }
    const basket = record.lines ? basketHooks(ctx, device) : undefined;
    const unfit = await basket?.check(record, true);
    if (unfit) return { reject: 'bad_record', detail: unfit };
    const refuse = (detail: string) => refuseRecord(ctx.db, facts, 'bad_voucher', detail, ctx.clock);
    if (!offline) return refuse('card_needs_pin: send a card with its PIN to /v1/merchant/card-captures');
    const keys = await ctx.keyIndexCache.get(ctx.db, device.allianceId);
    const verified = verifyCard(record.voucher, { keys, primitive: ed25519Node });
    if (!verified.ok) return refuse(verified.error);
    const card = await findCard(ctx.db, device.allianceId, verified.card.cardId);
    if (!card || card.residentId !== verified.card.holderId) return refuse('unknown_card');
    const at = facts.scannedAt ?? ctx.clock.now();
    const timezone = device.alliance.timezone;
    const breaches = [
      offlineLimitBreach(
        device.merchant,
        record.points,
        await deviceDayUsage(ctx.db, { deviceId: device.id, timezone, at }),
      ),
      cardFloorBreach(record.points, await cardDayUsage(ctx.db, { cardId: card.id, timezone, at })),
      // The shop already gave the discount: an offer's broken rule is reported, not refused.
      (
        await brokenOfferRule(ctx.db, {
          allianceId: device.allianceId,
          merchantId: device.merchantId,
          offerCode: record.offerId,
          residentId: card.residentId,
          billFen: record.billFen,
          timezone,
          at,
          recordId: record.id,
        })
      )?.detail ?? null,
    ].filter((b): b is string => b !== null);
    return captureWithCard(
      ctx.db,
      {
        ...facts,
        card,
        pinChecked: false,
        limitBreach: breaches.join('; ') || null,
        ...(basket ? { onAccepted: (tx: Tx) => basket.exchange(tx, record, true) } : {}),
      },
      ctx.clock,
      ctx.ledgerCache,
    );
  };
}

/** What a device needs about cards to work offline: the floor, and the cards to refuse. */
export { blockedCards, CARD_OFFLINE_FLOOR_POINTS } from '../cards/cards.ts';
