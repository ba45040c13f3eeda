/** @jsxImportSource preact */
/**
 * 我家评分: the household's monthly scoring sheets, newest first — this month's so far, then the
 * closed months'. Each shows every item 好 / 差 with each check's day, the bonus items, base,
 * bonus, deductions, score, the points it brought and the rank from the notice; a closed sheet
 * within the window takes one objection (异议) at a time, and shows what became of each. Offline
 * it shows the last sheets and says how old they are.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ObjectionView, SheetView } from '../../../shared/api/households.ts';
import { ApiError, NetworkError } from '../api.ts';
import { dayWords, momentWords } from '../claim-words.ts';
import { type Notice, objectToSheet, refreshHousehold, sortSheets } from '../households.ts';
import { ageInWords, type Lang, type Words } from '../i18n.ts';
import { serverNow, setState, useAppState } from '../state.ts';

function problemText(e: unknown, t: Words): string {
  if (e instanceof NetworkError) return t.errorNetwork;
  if (e instanceof ApiError) return t.problem(e.type);
  return t.problem('internal_error');
}

/** "Updated 3 min ago" online, "offline: data from 3 min ago" offline. */
export function Freshness({ fetchedAt, t }: { fetchedAt: number | undefined; t: Words }) {
  const { online } = useAppState();
  if (fetchedAt === undefined) return null;
  return (
    <p class={online ? 'freshness' : 'freshness offline'} data-testid="freshness" role="status">
      {online ? t.updatedAgo(ageInWords(t, fetchedAt)) : t.offlineData(ageInWords(t, fetchedAt))}
    </p>
  );
}

function Figures({ sheet, t }: { sheet: SheetView; t: Words }) {
  return (
    <dl class="figures" data-testid="figures">
      <div>
        <dt>{t.sheetBase}</dt>
        <dd>{t.scoreValue(sheet.base)}</dd>
      </div>
      <div>
        <dt>{t.sheetBonus}</dt>
        <dd>{t.signedScore(sheet.bonus)}</dd>
      </div>
      <div>
        <dt>{t.sheetDeductions}</dt>
        <dd>{t.signedScore(-sheet.deductions)}</dd>
      </div>
      <div class="score">
        <dt>{t.sheetScore}</dt>
        <dd data-testid="sheet-score">{t.scoreValue(sheet.score)}</dd>
      </div>
    </dl>
  );
}

function Items({ sheet, t, lang }: { sheet: SheetView; t: Words; lang: Lang }) {
  const checks = sheet.inspections
    .filter((i) => sheet.templateId === null || i.templateId === sheet.templateId)
    .sort((a, b) => a.checkedOn.localeCompare(b.checkedOn) || a.createdAt.localeCompare(b.createdAt));
  const items = sheet.lines.filter((l) => !l.bonus);
  const bonus = sheet.lines.filter((l) => l.bonus);
  return (
    <>
      {items.length > 0 && (
        <>
          <h3>{t.itemsTitle}</h3>
          <ul class="items" data-testid="items">
            {items.map((line) => (
              <li key={line.code} class={line.kept ? 'item kept' : 'item lost'} data-testid="item">
                <div class="item-top">
                  <span class="item-title">{line.title}</span>
                  <span class="item-mark" data-testid="item-mark">
                    {line.kept ? t.kept : t.lost} {t.signedScore(line.points)}
                  </span>
                </div>
                {checks.length > 0 && (
                  <p class="item-checks">
                    {checks
                      .map((c) => {
                        const mark = c.items.find((i) => i.code === line.code);
                        return t.checkMark(dayWords(c.checkedOn, lang), mark?.ok === true);
                      })
                      .join(lang === 'zh' ? '，' : ', ')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {bonus.length > 0 && (
        <>
          <h3>{t.bonusTitle}</h3>
          <ul class="items" data-testid="bonus-items">
            {bonus.map((line) => (
              <li key={line.code} class="item kept">
                <div class="item-top">
                  <span class="item-title">
                    {line.title} · {t.bonusTimes(line.checks)}
                  </span>
                  <span class="item-mark">{t.signedScore(line.points)}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ObjectionState({ o, t }: { o: ObjectionView; t: Words }) {
  const points = o.correctionPoints ?? 0;
  return (
    <li class="objection" data-testid="objection" data-state={o.state}>
      <p class="claim-note">
        {t.objectionMine}
        {o.note}
      </p>
      <p
        class={`status ${o.state === 'upheld' ? 'good' : o.state === 'rejected' ? 'bad' : 'waiting'}`}
        data-testid="objection-state"
      >
        {o.state === 'open'
          ? t.objectionWaiting
          : o.state === 'upheld'
            ? t.objectionUpheld(o.scoreBefore ?? 0, o.scoreAfter ?? 0)
            : t.objectionRejected}
      </p>
      {o.state === 'upheld' && points !== 0 && (
        <p class="status good" data-testid="objection-points">
          {points > 0 ? t.objectionPointsBack(points) : t.objectionPointsTaken(-points)}
        </p>
      )}
      {o.reason && o.state !== 'open' && (
        <p class="claim-reason">
          {t.objectionReason}
          {o.reason}
        </p>
      )}
    </li>
  );
}

function ObjectionForm({ sheet, t, onDone }: { sheet: SheetView; t: Words; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    if (!note.trim()) return setProblem(t.objectionEmpty);
    setBusy(true);
    setProblem(undefined);
    try {
      await objectToSheet(sheet.id!, note);
      onDone();
    } catch (err) {
      setProblem(problemText(err, t));
    } finally {
      setBusy(false);
    }
  }
  const id = `objection-${sheet.id}`;
  return (
    <form class="material" onSubmit={(e) => void submit(e)}>
      <label for={id}>{t.objectionNote}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={500}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <p class="field-note">{t.objectionNoteCount(note.length)}</p>
      {problem && (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t.claimSaving : t.objectionSubmit}
      </button>
      <button type="button" class="secondary" onClick={onDone}>
        {t.cancel}
      </button>
    </form>
  );
}

function Objections({
  sheet,
  t,
  lang,
  timeZone,
}: {
  sheet: SheetView;
  t: Words;
  lang: Lang;
  timeZone: string;
}) {
  const [open, setOpen] = useState(false);
  if (sheet.status !== 'closed' || !sheet.objectionUntil) return null;
  const until = momentWords(sheet.objectionUntil, timeZone, lang);
  const within = Date.parse(sheet.objectionUntil) > serverNow();
  const waiting = sheet.objections.some((o) => o.state === 'open');
  return (
    <div class="objections">
      {sheet.objections.length > 0 && (
        <ul class="claim-list">
          {sheet.objections.map((o) => (
            <ObjectionState key={o.id} o={o} t={t} />
          ))}
        </ul>
      )}
      <p class="deadline" data-testid="objection-until">
        {within ? t.objectionUntil(until) : t.objectionOver(until)}
      </p>
      {within &&
        !waiting &&
        (open ? (
          <ObjectionForm sheet={sheet} t={t} onDone={() => setOpen(false)} />
        ) : (
          <button type="button" class="secondary" data-testid="object" onClick={() => setOpen(true)}>
            {t.objectionOpen}
          </button>
        ))}
    </div>
  );
}

function SheetCard({
  sheet,
  notice,
  t,
  lang,
  timeZone,
}: {
  sheet: SheetView;
  notice: Notice | undefined;
  t: Words;
  lang: Lang;
  timeZone: string;
}) {
  const closed = sheet.status === 'closed';
  const ranked =
    closed && notice?.month === sheet.month
      ? notice.households.find((h) => h.householdId === sheet.householdId)
      : undefined;
  return (
    <li
      class={closed ? 'sheet closed' : 'sheet open'}
      data-testid="sheet"
      data-month={sheet.month}
      data-status={sheet.status}
    >
      <div class="sheet-top">
        <h2>{t.monthName(sheet.month)}</h2>
        <span class={closed ? 'sheet-state' : 'sheet-state open'}>
          {closed ? t.sheetClosed : t.sheetOpen}
        </span>
      </div>
      {sheet.checks === 0 && !closed ? (
        <p class="muted">{t.sheetNoChecks}</p>
      ) : (
        <>
          <Figures sheet={sheet} t={t} />
          <p class="sheet-points" data-testid="sheet-points">
            {closed ? t.sheetPoints(sheet.points) : t.sheetPointsSoFar(sheet.points)}
          </p>
          {ranked && (
            <p class="sheet-rank" data-testid="sheet-rank">
              {t.sheetRank(ranked.rank, notice!.households.length)}
            </p>
          )}
          {sheet.closedScore !== null && sheet.closedScore !== sheet.score && (
            <p class="claim-note">{t.sheetCorrected(sheet.closedScore)}</p>
          )}
          <p class="claim-when">{t.sheetChecks(sheet.checks)}</p>
          <Items sheet={sheet} t={t} lang={lang} />
        </>
      )}
      <Objections sheet={sheet} t={t} lang={lang} timeZone={timeZone} />
    </li>
  );
}

export function HouseholdScreen({ t, lang }: { t: Words; lang: Lang }) {
  const { sheets, notice, online, me } = useAppState();
  useEffect(() => {
    void refreshHousehold().catch(() => {});
  }, []);
  const timeZone = me?.data.alliance.timezone ?? 'Asia/Shanghai';
  const list = sortSheets(sheets?.data.sheets ?? []);
  return (
    <section class="household">
      <Freshness fetchedAt={sheets?.fetchedAt} t={t} />
      <h1>{t.householdTitle}</h1>
      {me?.data.resident.householdName && <p class="household-name">{me.data.resident.householdName}</p>}
      {sheets === undefined ? (
        <p class="muted">{online ? t.householdLoading : t.householdOffline}</p>
      ) : list.length === 0 ? (
        <p class="muted">{t.householdNone}</p>
      ) : (
        <ul class="sheets" data-testid="sheets">
          {list.map((sheet) => (
            <SheetCard
              key={sheet.id ?? sheet.month}
              sheet={sheet}
              notice={notice?.data}
              t={t}
              lang={lang}
              timeZone={timeZone}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        class="secondary"
        data-testid="open-notice"
        onClick={() => setState({ screen: 'notice' })}
      >
        {t.noticeOpen}
      </button>
    </section>
  );
}
