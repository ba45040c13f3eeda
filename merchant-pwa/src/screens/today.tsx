/** @jsxImportSource preact */
/**
 * Today's records: this phone's log (with what is still waiting to be sent) merged with the
 * API's list for the merchant when online, totals, where a refused double presentment stands,
 * a basket's lines, the goods running low, and a same-day reversal (online only) asked in the
 * app's own dialog.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import type { RedemptionList, RedemptionView } from '../../../shared/api/merchant.ts';
import { problemWords } from '../../../shared/problems.ts';
import { ApiError, deviceRequest, NetworkError } from '../api.ts';
import type { BasketLine } from '../basket.ts';
import { cardTail } from '../card.ts';
import { fetchDayList } from '../day-list.ts';
import { describeConflict, describeOutcome, type Lang, type Words, words, yuan } from '../i18n.ts';
import { offerTitle } from '../offer-label.ts';
import { flushOutbox } from '../outbox.ts';
import { allianceDay, refreshConfig } from '../session.ts';
import { type AppState, useAppState } from '../state.ts';
import { type LogEntry, logForDay, openStore } from '../store.ts';
import { LowStockLine } from './basket.tsx';

const Reversal = z.object({ id: z.string(), reversed: z.literal(true) });

interface Row {
  id: string;
  points: number;
  /** The offer's title in the reader's language; null for points typed by hand. */
  title: string | null;
  billFen: number;
  discountFen: number;
  /** A basket's lines (积分超市); empty for other records. */
  lines: Omit<BasketLine, 'goodsId'>[];
  /** A household card's number, when the points came from a card. */
  cardNumber: string | null;
  time: number;
  status: 'pending' | 'answered';
  outcome?: LogEntry['outcome'];
  detail?: string | null;
  conflict: RedemptionView['conflict'];
  reversed: boolean;
  /** Which phone took it, when the shop has more than this one. */
  deviceId: string;
  deviceName: string | null;
}

/** A record only this phone knows yet: its offer's title from the cached offers. */
function fromLog(e: LogEntry, state: AppState): Row {
  const offer = state.config?.config.offers.find((o) => o.code === e.offerId);
  return {
    id: e.id,
    points: e.points,
    title: offer ? offerTitle(offer, state.lang) : e.offerId === null ? null : '',
    billFen: e.billFen,
    discountFen: e.discountFen,
    lines: e.lines ?? [],
    cardNumber: e.cardNumber ?? null,
    time: e.scannedAt,
    status: e.status,
    outcome: e.outcome,
    detail: e.detail,
    conflict: null,
    reversed: Boolean(e.reversed),
    deviceId: e.deviceId,
    deviceName: state.device?.name ?? null,
  };
}

const fromServer = (r: RedemptionView, lang: Lang): Row => ({
  id: r.id,
  points: r.points,
  title: r.offerId === null ? null : ((lang === 'zh' ? r.offerTitleZh : r.offerTitleEn) ?? ''),
  billFen: r.billFen,
  discountFen: r.discountFen,
  lines: r.lines,
  cardNumber: r.cardNumber ?? null,
  time: Date.parse(r.scannedAt),
  status: 'answered',
  outcome: r.outcome,
  detail: r.detail,
  conflict: r.conflict,
  reversed: r.reversed,
  deviceId: r.deviceId,
  deviceName: r.deviceName,
});

function statusWords(row: Row, t: Words, lang: Lang): string {
  if (row.reversed) return t.reversed;
  if (row.status === 'pending') return t.statusPending;
  if (row.conflict) return describeConflict(lang, row.conflict);
  return describeOutcome(lang, row.outcome!, row.detail);
}

/** The app's own question before a reversal: large buttons, no browser dialog. */
function ReverseDialog(props: {
  t: Words;
  row: Row;
  busy: boolean;
  money: string;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = props;
  const no = useRef<HTMLButtonElement>(null);
  const onNo = useRef(props.onNo);
  onNo.current = props.onNo;
  useEffect(() => {
    no.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onNo.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="modal-backdrop">
      <div
        class="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reverse-question"
        id="reverse-dialog"
      >
        <p class="modal-question" id="reverse-question">
          {t.reverseConfirm}
        </p>
        <p class="modal-detail">{props.money}</p>
        <button
          type="button"
          class="danger wide"
          id="reverse-yes"
          disabled={props.busy}
          onClick={props.onYes}
        >
          {props.busy ? t.reversing : t.reverseYes}
        </button>
        <button type="button" class="secondary wide" id="reverse-no" ref={no} onClick={props.onNo}>
          {t.reverseNo}
        </button>
      </div>
    </div>
  );
}

export function TodayScreen() {
  const state = useAppState();
  const t = words[state.lang];
  const day = allianceDay();
  const [local, setLocal] = useState<LogEntry[]>([]);
  const [server, setServer] = useState<RedemptionList | null>(null);
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void logForDay(day).then(setLocal);
  }, [day, state.answers, state.pending]);
  // The stock the low-stock line reads moves with every sale and delivery: fetch it on opening.
  useEffect(() => {
    if (state.online && (state.config?.config.goods.length ?? 0) > 0) void refreshConfig().catch(() => false);
  }, [state.online, state.answers]);
  useEffect(() => {
    if (!state.online) return;
    let live = true;
    void fetchDayList(day).then((list) => {
      if (live && list) setServer(list);
    });
    return () => {
      live = false;
    };
  }, [day, state.online, state.answers]);

  const rows = new Map<string, Row>();
  for (const r of server?.redemptions ?? []) rows.set(r.id, fromServer(r, state.lang));
  for (const e of local) {
    const known = rows.get(e.id);
    // The API knows best once it answered; a reversal made here shows before the list reloads.
    if (!known) rows.set(e.id, fromLog(e, state));
    else if (e.reversed) known.reversed = true;
  }
  const list = [...rows.values()].sort((a, b) => b.time - a.time);
  const counted = list.filter((r) => !r.reversed && (r.status === 'pending' || r.outcome === 'accepted'));
  const totalPoints = counted.reduce((s, r) => s + r.points, 0);
  const totalDiscount = counted.reduce((s, r) => s + r.discountFen, 0);
  // Names of phones only help when more than one took records today.
  const severalPhones = new Set(list.map((r) => r.deviceId)).size > 1;

  const reverse = async (row: Row) => {
    setMessage('');
    setBusy(true);
    try {
      await deviceRequest('POST', `/v1/redemptions/${row.id}/reverse`, Reversal, { timeoutMs: 8000 });
      const db = await openStore();
      const entry = await db.get('log', row.id);
      if (entry) await db.put('log', { ...entry, reversed: true });
      setLocal(await logForDay(day));
      // A basket's goods went back on the shelf: the low-stock line reads the new stock.
      if (row.lines.length > 0) void refreshConfig().catch(() => false);
      setServer((s) =>
        s
          ? { ...s, redemptions: s.redemptions.map((r) => (r.id === row.id ? { ...r, reversed: true } : r)) }
          : s,
      );
    } catch (e) {
      if (e instanceof NetworkError) setMessage(t.reverseNeedsNetwork);
      else
        setMessage(
          t.reverseFailed + problemWords(e instanceof ApiError ? e.type : 'internal_error', state.lang),
        );
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  const time = (ms: number) =>
    new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: state.config?.config.alliance.timezone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(ms));
  const copay = (row: Row) => row.lines.reduce((sum, l) => sum + l.quantity * l.copayFen, 0);
  const money = (row: Row) =>
    [
      row.billFen > 0 ? t.recordBill(yuan(row.billFen)) : null,
      row.discountFen > 0 ? t.recordDiscount(yuan(row.discountFen)) : null,
      copay(row) > 0 ? t.copayCash(yuan(copay(row))) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const titleOf = (row: Row) => {
    const title = row.lines.length > 0 ? t.basketRecord : row.title || (row.title === null ? t.byHand : '');
    return row.cardNumber ? `${t.cardTail(cardTail(row.cardNumber))} · ${title}` : title;
  };

  return (
    <div class="screen today-screen">
      <h1>
        {t.todayTitle} <small>{day}</small>
      </h1>
      <LowStockLine state={state} />
      <p class="totals" id="today-totals">
        {t.totals(counted.length, totalPoints)}
        {totalDiscount > 0 && ` · ${t.recordDiscount(yuan(totalDiscount))}`}
      </p>
      {state.missingSeqs.length > 0 && (
        <p class="problem" role="alert">
          {t.missing(state.missingSeqs.join(', '))}
        </p>
      )}
      {state.stranded > 0 && <p class="problem">{t.strandedRecords(state.stranded)}</p>}
      {state.pending > 0 && (
        <button type="button" class="secondary wide" id="sync-now" onClick={() => void flushOutbox()}>
          {t.syncNow} ({state.pending})
        </button>
      )}
      {message && (
        <p class="problem" role="alert">
          {message}
        </p>
      )}
      {list.length === 0 && <p>{t.todayEmpty}</p>}
      <ul class="records">
        {list.map((row) => {
          // A double presentment the alliance fund pays is settled as usual for the shop.
          const refused =
            row.outcome !== undefined && row.outcome !== 'accepted' && row.conflict !== 'paid_by_alliance';
          const cls = row.reversed
            ? 'reversed'
            : row.status === 'pending'
              ? 'pending'
              : refused
                ? 'bad'
                : 'good';
          const amounts = money(row);
          return (
            <li
              key={row.id}
              class={`record ${cls}`}
              data-record={row.id}
              data-outcome={row.outcome ?? 'pending'}
              data-conflict={row.conflict ?? undefined}
            >
              <div class="record-main">
                <strong class="record-title">{titleOf(row)}</strong>
                <span class="record-time">{time(row.time)}</span>
              </div>
              {row.lines.length > 0 && (
                <ul class="record-lines">
                  {row.lines.map((l) => (
                    <li key={l.name}>
                      {t.lineName(l.name, l.quantity)} · {t.offerPoints(l.quantity * l.points)}
                    </li>
                  ))}
                </ul>
              )}
              <div class="record-money">
                {t.offerPoints(row.points)}
                {amounts && ` · ${amounts}`}
              </div>
              {severalPhones && (
                <div class="record-device">
                  {row.deviceId === state.device?.deviceId ? t.thisPhone : (row.deviceName ?? '')}
                </div>
              )}
              <div class="record-status">{statusWords(row, t, state.lang)}</div>
              {row.outcome === 'accepted' && !row.reversed && state.online && (
                <button type="button" class="secondary small reverse" onClick={() => setAsking(row)}>
                  {t.reverse}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {asking && (
        <ReverseDialog
          t={t}
          row={asking}
          busy={busy}
          money={[
            [titleOf(asking), ...asking.lines.map((l) => t.lineName(l.name, l.quantity))].join(' '),
            t.offerPoints(asking.points),
            money(asking),
          ]
            .filter(Boolean)
            .join(' · ')}
          onYes={() => void reverse(asking)}
          onNo={() => setAsking(null)}
        />
      )}
    </div>
  );
}
