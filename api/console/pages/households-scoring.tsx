/**
 * Scoring households in the console (issue #16), the coordinator's: inspection templates (检查
 * 模板) listed in words and made from a form (items with their kept and lost points, a bonus
 * section with its cap, the month rule, how often); the scoring months (月度评分), closing one for
 * the alliance or a community after a confirm page (closing again says so and changes nothing),
 * a closed month's sheets ranked; objections waiting (异议), upheld with a corrected score or
 * rejected with a reason; and the printable scoring notice (一月一公示) with the supervisory
 * committee's signature line.
 */
import { Hono } from 'hono';
import { parseMonth } from '../../../shared/calendar.ts';
import { maskName } from '../../../shared/text.ts';
import {
  addTemplate,
  closeScoring,
  decideSheetObjection,
  listTemplates,
  monthNotice,
  objectionQueue,
  scoringDesk,
} from '../../application/households.ts';
import { ObjectionDecisionBody, TemplateBody } from '../../application/inputs.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { refusedFields } from '../form.ts';
import { formatTime, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack, withError } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { HouseholdStyle } from './households.tsx';

const ITEM_ROWS = 12;
const BONUS_ROWS = 5;

/** The scope of a close in words. */
const scopeWords = (w: Words, community: string) => community || w.hh.wholeAlliance;

export function scoringPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const tz = c.get('alliance').timezone;
    const desk = await scoringDesk(deps, c.get('principal'));
    const objections = await objectionQueue(deps, c.get('principal'));
    const closedSheets = Number(c.req.query('sheets') ?? 'NaN');
    const closedPoints = Number(c.req.query('points') ?? 'NaN');
    return c.html(
      <Layout lang={lang} title={h.scoring} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <h1>{h.scoring}</h1>
        <ErrorNote c={c} />
        {c.req.query('result') === 'closed' &&
          Number.isFinite(closedSheets) &&
          Number.isFinite(closedPoints) && (
            <p class="ok" role="status" data-result="closed">
              {h.closedResult(closedSheets, closedPoints)}
            </p>
          )}
        {c.req.query('result') === 'already_closed' && (
          <p class="notice" role="status" data-result="already_closed">
            {h.alreadyClosed}
          </p>
        )}
        {c.req.query('result') === 'decided' && (
          <p class="ok" role="status">
            {h.decided}
          </p>
        )}
        <div class="hh-actions no-print">
          <a class="button secondary" href="/console/scoring/templates">
            {h.templates}
          </a>
          <a class="button secondary" href="/console/notice/scoring">
            {h.noticeLink}
          </a>
        </div>

        <h2>{h.objectionsWaiting}</h2>
        {objections.length === 0 ? (
          <p class="muted" data-empty="objections">
            {h.noObjections}
          </p>
        ) : (
          objections.map((o) => (
            <article class="card" data-objection={o.id}>
              <p>
                <a href={`/console/households/${o.householdId}`}>
                  <strong>{o.doorNumber ?? o.householdName}</strong> {o.householdName}
                </a>{' '}
                · {w.monthName(o.month)} · {h.score} <strong>{o.score}</strong> ·{' '}
                {formatTime(new Date(o.createdAt), tz)}
              </p>
              <p class="note">
                {h.objectionNote}：{o.note}
              </p>
              <div class="forms">
                <form
                  method="post"
                  action={`/console/scoring/objections/${o.sheetId}/${o.id}`}
                  class="decide"
                >
                  <input type="hidden" name="uphold" value="true" />
                  <label for={`score-${o.id}`}>{h.correctedScore}</label>
                  <input
                    id={`score-${o.id}`}
                    name="score"
                    type="number"
                    inputmode="numeric"
                    required
                    value={String(o.score)}
                  />
                  <label for={`up-reason-${o.id}`}>{h.reasonLabel}</label>
                  <input id={`up-reason-${o.id}`} name="reason" required maxlength={500} />
                  <p>
                    <button type="submit">{h.uphold}</button>
                  </p>
                </form>
                <form
                  method="post"
                  action={`/console/scoring/objections/${o.sheetId}/${o.id}`}
                  class="decide"
                >
                  <input type="hidden" name="uphold" value="false" />
                  <label for={`no-reason-${o.id}`}>{h.reasonLabel}</label>
                  <input id={`no-reason-${o.id}`} name="reason" required maxlength={500} />
                  <p>
                    <button type="submit" class="secondary">
                      {h.reject}
                    </button>
                  </p>
                </form>
              </div>
            </article>
          ))
        )}

        <form method="get" action="/console/scoring/close" class="card no-print" style="max-width:32rem">
          <h2 style="margin-top:0">{h.closeScoring}</h2>
          {desk.closable.length === 0 ? (
            <p class="muted">{h.nothingToClose}</p>
          ) : (
            <>
              <label for="month">{h.month}</label>
              <select id="month" name="month" required>
                {desk.closable.map((m, i) => (
                  <option value={m} selected={i === 0}>
                    {w.monthName(m)}
                  </option>
                ))}
              </select>
              <label for="community">{h.scope}</label>
              <select id="community" name="community">
                <option value="">{h.wholeAlliance}</option>
                {desk.communities.map((name) => (
                  <option value={name}>{name}</option>
                ))}
              </select>
              <p>
                <button type="submit">{w.next}</button>
              </p>
            </>
          )}
        </form>

        <h2>{h.months}</h2>
        <div class="table-wrap">
          <table data-table="months">
            <thead>
              <tr>
                <th>{h.month}</th>
                <th>{w.state}</th>
                <th class="num">{h.sheetsCount}</th>
              </tr>
            </thead>
            <tbody>
              {desk.months.map((m) => (
                <tr data-month={m.month}>
                  <td>
                    <a href={`/console/scoring/months/${m.month}`}>{w.monthName(m.month)}</a>
                  </td>
                  <td>
                    {m.closedAt
                      ? `${h.allClosed}（${formatTime(m.closedAt, tz)}）`
                      : m.communities.length
                        ? h.communitiesClosed(m.communities.join(w.listSeparator))
                        : h.notClosed}
                  </td>
                  <td class="num">{Number(m.sheets)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>,
    );
  });

  app.get('/close', (c) => {
    const w = t(c.get('lang'));
    const h = w.hh;
    const month = c.req.query('month') ?? '';
    const community = (c.req.query('community') ?? '').trim();
    if (!parseMonth(month)) return c.redirect(withError('/console/scoring', 'invalid_month'), 303);
    const title = h.closeTitle(w.monthName(month), scopeWords(w, community));
    return c.html(
      <Layout lang={c.get('lang')} title={title} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <h1>{title}</h1>
        <p>{h.closeExplain}</p>
        <form method="post" action="/console/scoring/close" class="hh-actions no-print">
          <input type="hidden" name="month" value={month} />
          <input type="hidden" name="community" value={community} />
          <button type="submit">{h.confirmClose}</button>
          <a class="button secondary" href="/console/scoring">
            {w.back}
          </a>
        </form>
      </Layout>,
    );
  });

  app.post('/close', async (c) => {
    const body = await c.req.parseBody();
    const month = String(body.month ?? '');
    const community = String(body.community ?? '').trim();
    if (!parseMonth(month)) return c.redirect(withError('/console/scoring', 'invalid_month'), 303);
    return orBack(c, '/console/scoring', async () => {
      const r = await closeScoring(deps, c.get('principal'), month, community || undefined);
      if (r.outcome === 'already_closed') return c.redirect('/console/scoring?result=already_closed', 303);
      return c.redirect(
        `/console/scoring/months/${month}?result=closed&sheets=${r.sheets}&points=${r.points}`,
        303,
      );
    });
  });

  app.post('/objections/:sheetId{[0-9a-f-]{36}}/:objectionId{[0-9a-f-]{36}}', async (c) => {
    const body = await c.req.parseBody();
    const uphold = String(body.uphold ?? '') === 'true';
    const scoreText = String(body.score ?? '').trim();
    const parsed = ObjectionDecisionBody.safeParse({
      uphold,
      ...(uphold ? { score: scoreText === '' ? Number.NaN : Number(scoreText) } : {}),
      reason: String(body.reason ?? ''),
    });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => String(i.path[0] ?? ''));
      return c.redirect(`/console/scoring?${refusedFields(fields)}`, 303);
    }
    return orBack(c, '/console/scoring', async () => {
      await decideSheetObjection(
        deps,
        c.get('principal'),
        c.req.param('sheetId'),
        c.req.param('objectionId'),
        parsed.data,
      );
      return c.redirect('/console/scoring?result=decided', 303);
    });
  });

  app.get('/months/:month{[0-9]{4}-[0-9]{2}}', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const month = c.req.param('month');
    const notice = await monthNotice(deps, c.get('principal'), month);
    const sheets = Number(c.req.query('sheets') ?? 'NaN');
    const points = Number(c.req.query('points') ?? 'NaN');
    return c.html(
      <Layout
        lang={lang}
        title={`${h.ranked} · ${w.monthName(month)}`}
        principal={c.get('principal')}
        path={c.req.path}
      >
        <HouseholdStyle />
        <h1>
          {h.ranked} · {w.monthName(month)}
        </h1>
        {c.req.query('result') === 'closed' && Number.isFinite(sheets) && Number.isFinite(points) && (
          <p class="ok" role="status" data-result="closed">
            {h.closedResult(sheets, points)}
          </p>
        )}
        <div class="hh-actions no-print">
          <a class="button" href={`/console/notice/scoring?month=${month}`}>
            {h.noticeLink}
          </a>
          <a class="button secondary" href="/console/scoring">
            {w.back}
          </a>
        </div>
        <RankedTable w={w} notice={notice} names="full" />
      </Layout>,
    );
  });

  app.get('/templates', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const templates = await listTemplates(deps, c.get('principal'));
    return c.html(
      <Layout lang={lang} title={h.templates} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <h1>{h.templates}</h1>
        <ErrorNote c={c} />
        {c.req.query('result') === 'saved' && (
          <p class="ok" role="status">
            {h.templateSaved}
          </p>
        )}
        {templates.length === 0 && <p class="muted">{h.noTemplates}</p>}
        {templates.map((tpl) => (
          <article class="card" data-template={tpl.id}>
            <h2 style="margin-top:0">{tpl.name}</h2>
            <p>
              {h.monthRule}：{h.monthRules[tpl.monthRule]} · {h.frequency}：{h.frequencies[tpl.frequency]}
            </p>
            <h3>{h.templateItems}</h3>
            <ul>
              {tpl.items.map((i) => (
                <li>{h.itemLine(i.title, i.kept, i.lost)}</li>
              ))}
            </ul>
            <h3>{h.bonusSection}</h3>
            {tpl.bonus && tpl.bonus.items.length > 0 ? (
              <>
                <p>{h.capLine(tpl.bonus.cap)}</p>
                <ul>
                  {tpl.bonus.items.map((i) => (
                    <li>{h.bonusLine(i.title, i.points)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="muted">{h.noBonus}</p>
            )}
          </article>
        ))}
        <form method="post" action="/console/scoring/templates" class="card no-print">
          <h2 style="margin-top:0">{h.newTemplate}</h2>
          <label for="tname">{h.templateName}</label>
          <input id="tname" name="name" required maxlength={60} placeholder="门前三包" />
          <p class="muted">{h.templateHelp}</p>
          <fieldset>
            <legend>{h.templateItems}</legend>
            <FormRows
              rows={ITEM_ROWS}
              cells={[
                { name: 'item', label: h.itemTitle },
                { name: 'kept', label: h.keptPoints, value: '1' },
                { name: 'lost', label: h.lostPoints, value: '0' },
              ]}
            />
          </fieldset>
          <fieldset>
            <legend>{h.bonusSection}</legend>
            <label for="cap">{h.bonusCap}</label>
            <input id="cap" name="cap" type="number" min={0} max={1000} value="10" />
            <FormRows
              rows={BONUS_ROWS}
              cells={[
                { name: 'bonus', label: h.itemTitle, aria: h.bonusSection },
                { name: 'bonusPoints', label: h.bonusPoints, value: '1', min: 1 },
              ]}
            />
          </fieldset>
          <fieldset>
            <legend>{h.monthRule}</legend>
            {(['every_check', 'last_check'] as const).map((rule, i) => (
              <label class="choice">
                <input type="radio" name="monthRule" value={rule} checked={i === 0} /> {h.monthRules[rule]}
              </label>
            ))}
          </fieldset>
          <label for="frequency">{h.frequency}</label>
          <select id="frequency" name="frequency">
            {(['weekly', 'monthly'] as const).map((f) => (
              <option value={f}>{h.frequencies[f]}</option>
            ))}
          </select>
          <p>
            <button type="submit">{w.save}</button>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post('/templates', async (c) => {
    const body = await c.req.parseBody();
    const text = (k: string) => String(body[k] ?? '').trim();
    const num = (k: string) => (text(k) === '' ? Number.NaN : Number(text(k)));
    const items = Array.from({ length: ITEM_ROWS }, (_, i) => i)
      .filter((i) => text(`item${i}`) !== '')
      .map((i, n) => ({
        code: `item-${n + 1}`,
        title: text(`item${i}`),
        kept: num(`kept${i}`),
        lost: num(`lost${i}`),
      }));
    const bonusItems = Array.from({ length: BONUS_ROWS }, (_, i) => i)
      .filter((i) => text(`bonus${i}`) !== '')
      .map((i, n) => ({ code: `bonus-${n + 1}`, title: text(`bonus${i}`), points: num(`bonusPoints${i}`) }));
    const parsed = TemplateBody.safeParse({
      name: text('name'),
      items,
      ...(bonusItems.length ? { bonus: { cap: num('cap'), items: bonusItems } } : {}),
      monthRule: text('monthRule') || undefined,
      frequency: text('frequency') || undefined,
    });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => String(i.path[0] ?? ''));
      return c.redirect(`/console/scoring/templates?${refusedFields(fields)}`, 303);
    }
    return orBack(c, '/console/scoring/templates', async () => {
      await addTemplate(deps, c.get('principal'), parsed.data);
      return c.redirect('/console/scoring/templates?result=saved', 303);
    });
  });

  return app;
}

type Notice = Awaited<ReturnType<typeof monthNotice>>;

/** The month's households ranked: door number, name, base, bonus, deductions, score. */
/**
 * The template form's numbered rows: a text cell (no value) and number cells (with a value),
 * named `<name><row>` as the form's parser reads them.
 */
function FormRows(props: {
  rows: number;
  cells: { name: string; label: string; aria?: string; value?: string; min?: number }[];
}) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.cells.map((c) => (
              <th>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: props.rows }, (_, i) => (
            <tr>
              {props.cells.map((c) => (
                <td>
                  {c.value === undefined ? (
                    <input
                      name={`${c.name}${i}`}
                      maxlength={60}
                      aria-label={`${c.aria ?? c.label} ${i + 1}`}
                      style="min-width:10rem;width:100%"
                    />
                  ) : (
                    <input
                      name={`${c.name}${i}`}
                      type="number"
                      min={c.min}
                      value={c.value}
                      aria-label={`${c.aria ?? c.label} ${i + 1}`}
                      style="min-width:4rem;width:5rem"
                    />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RankedTable(props: { w: Words; notice: Notice; names: 'full' | 'masked' }) {
  const { w, notice } = props;
  const h = w.hh;
  if (notice.households.length === 0) return <p class="muted">{h.noSheetsMonth}</p>;
  return (
    <div class="table-wrap">
      <table data-table="ranked">
        <thead>
          <tr>
            <th class="num">{h.rank}</th>
            <th>{h.doorNumber}</th>
            <th>{h.householdName}</th>
            <th class="num">{h.base}</th>
            <th class="num">{h.bonus}</th>
            <th class="num">{h.deductions}</th>
            <th class="num">{h.score}</th>
          </tr>
        </thead>
        <tbody>
          {notice.households.map((r) => (
            <tr data-rank={r.rank} data-household={r.householdId}>
              <td class="num">{r.rank}</td>
              <td>{r.doorNumber ?? ''}</td>
              <td>{props.names === 'full' ? r.name : maskName(r.name)}</td>
              <td class="num">{r.base}</td>
              <td class="num">{r.bonus}</td>
              <td class="num">{r.deductions}</td>
              <td class="num">
                <strong>{r.score}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The printable scoring notice (一月一公示), under /console/notice/scoring. */
export function scoringNoticePages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const alliance = c.get('alliance');
    const requested = c.req.query('month') ?? '';
    const month = parseMonth(requested)
      ? requested
      : previousMonth(formatTime(deps.clock.now(), alliance.timezone).slice(0, 7));
    const community = (c.req.query('community') ?? '').trim();
    const full = c.req.query('names') === 'full';
    const notice = await monthNotice(deps, c.get('principal'), month, community || undefined);
    return c.html(
      <Layout lang={lang} title={h.noticeTitle} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <form
          method="get"
          action="/console/notice/scoring"
          class="no-print hh-actions"
          style="align-items:end"
        >
          <label>
            {h.month}{' '}
            <input
              name="month"
              value={month}
              pattern="\d{4}-\d{2}"
              required
              placeholder="2026-11"
              style="min-width:8rem"
            />
          </label>
          <label>
            {h.community} <input name="community" value={community} maxlength={60} style="min-width:8rem" />
          </label>
          <label class="choice">
            <input type="checkbox" name="names" value="full" checked={full} /> {h.fullNames}
          </label>
          <button type="submit">{h.show}</button>
          <button type="button" data-print>
            {h.print}
          </button>
        </form>
        <h1 style="text-align:center">
          {alliance.name}
          {community ? ` · ${community}` : ''} · {w.monthName(month)} {h.noticeTitle}
        </h1>
        <p style="text-align:center" class="muted" data-count={notice.households.length}>
          {h.householdsCount(notice.households.length)}
        </p>
        <RankedTable w={w} notice={notice} names={full ? 'full' : 'masked'} />
        {notice.mostLost.length > 0 && (
          <>
            <h2>{h.mostLost}</h2>
            <ol data-list="most-lost">
              {notice.mostLost.map((l) => (
                <li>
                  {l.title}：{h.lostHouseholds(l.households)}
                </li>
              ))}
            </ol>
          </>
        )}
        <p class="signature" style="margin-top:2.5rem" data-signature>
          {h.supervisors}：____________________ {h.noticeDate}：____________
        </p>
        <p class="signature" style="margin-top:1.5rem">
          {alliance.name}（{w.seal}）____________________
        </p>
      </Layout>,
    );
  });
  return app;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
