/** @jsxImportSource preact */
/**
 * Today's records: this phone's log (with what is still waiting to be sent) merged with the
 * API's list for the merchant when online, totals, and a same-day reversal (online only).
 */
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { RedemptionList, type RedemptionView } from '../../../shared/api/merchant.ts';
import { problemWords } from '../../../shared/problems.ts';
import { ApiError, deviceRequest, NetworkError } from '../api.ts';
import { describeOutcome, words, yuan } from '../i18n.ts';
import { flushOutbox } from '../outbox.ts';
import { allianceDay, markOnline } from '../session.ts';
import { useAppState } from '../state.ts';
import { type LogEntry, logForDay, openStore } from '../store.ts';

const Reversal = z.object({ id: z.string(), reversed: z.literal(true) });

interface Row {
  id: string;
  seq: number;
  points: number;
  offerId: string | null;
  billFen: number;
  discountFen: number;
  time: number;
  status: 'pending' | 'answered';
  outcome?: LogEntry['outcome'];
  detail?: string | null;
  reversed: boolean;
  mine: boolean;
}

const fromLog = (e: LogEntry): Row => ({
  id: e.id,
  seq: e.seq,
  points: e.points,
  offerId: e.offerId,
  billFen: e.billFen,
  discountFen: e.discountFen,
  time: e.scannedAt,
  status: e.status,
  outcome: e.outcome,
  detail: e.detail,
  reversed: Boolean(e.reversed),
  mine: true,
});

const fromServer = (r: RedemptionView, deviceId: string | undefined): Row => ({
  id: r.id,
  seq: r.seq,
  points: r.points,
  offerId: r.offerId,
  billFen: r.billFen,
  discountFen: r.discountFen,
  time: Date.parse(r.scannedAt),
  status: 'answered',
  outcome: r.outcome,
  detail: r.detail,
  reversed: r.reversed,
  mine: r.deviceId === deviceId,
});

export function TodayScreen() {
  const state = useAppState();
  const t = words[state.lang];
  const day = allianceDay();
  const [local, setLocal] = useState<LogEntry[]>([]);
  const [server, setServer] = useState<RedemptionList | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void logForDay(day).then(setLocal);
  }, [day, state.answers, state.pending]);
  useEffect(() => {
    if (!state.online) return;
    deviceRequest('GET', `/v1/merchant/redemptions?day=${day}`, RedemptionList, { timeoutMs: 8000 })
      .then((list) => {
        markOnline(true);
        setServer(list);
      })
      .catch((e) => {
        if (e instanceof NetworkError) markOnline(false);
      });
  }, [day, state.online, state.answers]);

  const rows = new Map<string, Row>();
  for (const r of server?.redemptions ?? []) rows.set(r.id, fromServer(r, state.device?.deviceId));
  for (const e of local) {
    const known = rows.get(e.id);
    // The API knows best once it answered; a reversal made here shows before the list reloads.
    if (!known) rows.set(e.id, fromLog(e));
    else if (e.reversed) known.reversed = true;
  }
  const list = [...rows.values()].sort((a, b) => b.time - a.time);
  const counted = list.filter((r) => !r.reversed && (r.status === 'pending' || r.outcome === 'accepted'));
  const totalPoints = counted.reduce((s, r) => s + r.points, 0);
  const totalDiscount = counted.reduce((s, r) => s + r.discountFen, 0);

  const reverse = async (row: Row) => {
    if (!confirm(t.reverseConfirm)) return;
    setMessage('');
    try {
      await deviceRequest('POST', `/v1/redemptions/${row.id}/reverse`, Reversal, { timeoutMs: 8000 });
      const db = await openStore();
      const entry = await db.get('log', row.id);
      if (entry) await db.put('log', { ...entry, reversed: true });
      setLocal(await logForDay(day));
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
    }
  };

  const time = (ms: number) =>
    new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: state.config?.config.alliance.timezone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(ms));

  return (
    <div class="screen today-screen">
      <h1>
        {t.todayTitle} <small>{day}</small>
      </h1>
      <p class="totals" id="today-totals">
        {t.totals(counted.length, totalPoints)}
        {totalDiscount > 0 && ` · ¥${yuan(totalDiscount)}`}
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
          const refused = row.outcome !== undefined && row.outcome !== 'accepted';
          const cls = row.reversed
            ? 'reversed'
            : row.status === 'pending'
              ? 'pending'
              : refused
                ? 'bad'
                : 'good';
          return (
            <li
              key={row.id}
              class={`record ${cls}`}
              data-record={row.id}
              data-outcome={row.outcome ?? 'pending'}
            >
              <div class="record-main">
                <strong>
                  {row.points} {t.pointsLabel}
                </strong>
                <span>{time(row.time)}</span>
              </div>
              <div class="record-status">
                {row.reversed
                  ? t.reversed
                  : row.status === 'pending'
                    ? t.statusPending
                    : describeOutcome(state.lang, row.outcome!, row.detail)}
                {row.discountFen > 0 && ` · ¥${yuan(row.discountFen)}`}
                {row.offerId && ` · ${row.offerId}`}
              </div>
              {row.outcome === 'accepted' && !row.reversed && state.online && (
                <button type="button" class="secondary small" onClick={() => void reverse(row)}>
                  {t.reverse}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
