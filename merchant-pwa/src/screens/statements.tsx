/** @jsxImportSource preact */
/** The merchant's monthly statements, fetched when online and kept for reading offline. */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { StatementList } from '../../../shared/api/merchant.ts';
import { deviceRequest, NetworkError } from '../api.ts';
import { words, yuan } from '../i18n.ts';
import { markOnline } from '../session.ts';
import { useAppState } from '../state.ts';
import { getKv, setKv } from '../store.ts';

export function StatementsScreen() {
  const state = useAppState();
  const t = words[state.lang];
  const [cached, setCached] = useState<{ list: z.infer<typeof StatementList>; fetchedAt: number } | null>(
    null,
  );
  const [fresh, setFresh] = useState(false);

  useEffect(() => {
    let live = true;
    void getKv('statements').then((c) => {
      if (live && c) setCached((current) => current ?? c);
    });
    deviceRequest('GET', '/v1/merchant/statements', StatementList, { timeoutMs: 8000 })
      .then(async (list) => {
        markOnline(true);
        const entry = { list, fetchedAt: Date.now() };
        await setKv('statements', entry);
        if (live) {
          setCached(entry);
          setFresh(true);
        }
      })
      .catch((e) => {
        if (e instanceof NetworkError) markOnline(false);
      });
    return () => {
      live = false;
    };
  }, []);

  const when = (ms: number) =>
    new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: state.config?.config.alliance.timezone,
    }).format(new Date(ms));

  const statements = cached?.list.statements ?? [];
  return (
    <div class="screen statements-screen">
      <h1>{t.statementsTitle}</h1>
      {cached && !fresh && (
        <p class="note" id="statements-cached">
          {t.statementsCached(when(cached.fetchedAt))}
        </p>
      )}
      {statements.length === 0 && <p>{t.statementsEmpty}</p>}
      <ul class="statements">
        {statements.map((s) => (
          <li key={s.periodId} class={`statement ${s.status}`}>
            <div class="record-main">
              <strong>{s.label}</strong>
              <span>{t.statementStatus[s.status]}</span>
            </div>
            <div>
              {t.totals(s.redemptions, s.points)} · {t.reimbursement(yuan(s.reimbursementFen))}
            </div>
            {s.discountFen > 0 && <div class="note">{t.confirmDiscount(yuan(s.discountFen))}</div>}
            {s.paidReference && <div class="note">#{s.paidReference}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
