/**
 * The inspector's phone page (入户检查, issue #16): the door plate's QR opens
 * /inspect/<token>, which app.ts sends here, under /console where the session's cookies live (a
 * staff session lasts 30 days on the phone). It shows the household, this month's sheet so far,
 * and the template's items each as two large taps 好 / 差, bonus items as large toggles, a photo
 * for an item marked 差, a note, the day (a check done on paper is entered with its day), and
 * 保存. A second check in the same ISO week asks first. The form posts back here with the nonce
 * made when the page was opened, so a form sent twice records one check
 * (application/households.ts submitInspectionFromPhone); its script (inspect-script.ts) keeps and
 * re-sends it on a weak signal. Without the script the plain form post works the same.
 */
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import type { SheetView, TemplateView } from '../../../shared/api/households.ts';
import { formatDay } from '../../../shared/calendar.ts';
import {
  householdOfPlate,
  householdSheets,
  listTemplates,
  submitInspectionFromPhone,
} from '../../application/households.ts';
import { InspectionBody } from '../../application/inputs.ts';
import { AppError } from '../../errors.ts';
import { isoWeek } from '../../households/inspections.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { localTime } from '../../local-time.ts';
import { refusedFields } from '../form.ts';
import { t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { formNonce, posted } from './earning-parts.tsx';
import { INSPECT_SCRIPT } from './inspect-script.ts';

/** Large targets for one thumb: at least 48 px high, two to a row down to 240 px wide. */
const STYLE = `
.insp{max-width:40rem;margin:0 auto}.insp h1{font-size:1.4rem;margin:.25rem 0 .5rem;overflow-wrap:anywhere}
.insp .facts{margin:.25rem 0 .75rem}.insp .facts div{display:flex;flex-wrap:wrap;gap:0 .5rem}.insp .facts dt{font-weight:600}.insp .facts dd{margin:0;overflow-wrap:anywhere}
.insp table{font-size:.95rem}.insp .sum{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.5rem 0}
.insp input,.insp select,.insp textarea{min-width:0;width:100%}
.insp fieldset.item{background:#fff;border:1px solid #ccc;border-radius:.5rem;padding:.5rem .75rem .75rem;margin:.6rem 0}
.insp fieldset.item legend{font-weight:700;font-size:1.1rem;padding:0 .25rem;overflow-wrap:anywhere}
.insp .pts{font-weight:400;font-size:.9rem;color:#555}
.insp .taps{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,4.5rem),1fr));gap:.5rem}
.insp .taps.wide{grid-template-columns:1fr}
.insp label.tap{position:relative;display:flex;align-items:center;justify-content:center;gap:.4rem;min-height:3.5rem;margin:0;padding:.5rem;border:2px solid #888;border-radius:.6rem;background:#fff;font-size:1.5rem;font-weight:700;cursor:pointer;text-align:center;overflow-wrap:anywhere;-webkit-tap-highlight-color:transparent}
.insp label.tap input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.insp label.tap.toggle{font-size:1.1rem;justify-content:flex-start;text-align:left}
.insp label.tap:has(input:focus-visible){outline:3px solid #1d4ed8;outline-offset:2px}
.insp label.tap.good:has(input:checked),.insp label.tap.toggle:has(input:checked){background:#15803d;border-color:#15803d;color:#fff}
.insp label.tap.bad:has(input:checked){background:#b91c1c;border-color:#b91c1c;color:#fff}
.insp label.tap.toggle:has(input:checked)::before{content:"✓"}
.insp .photo-field{margin-top:.5rem}.insp fieldset.item:not(:has(input[value=bad]:checked)) .photo-field{display:none}
.insp .photo-field{position:relative}.insp .photo-field label{font-weight:600}
.insp form.js .photo-label{display:flex;align-items:center;justify-content:center;min-height:3.5rem;margin:0;padding:.5rem;border:2px dashed #666;border-radius:.6rem;background:#fafafa;font-size:1.15rem;text-align:center;cursor:pointer}
.insp form.js .photo-label[data-chosen]{border-style:solid;border-color:#15803d;color:#15803d}
.insp form.js .photo-input{position:absolute;left:0;top:0;width:1px;height:1px;opacity:0;overflow:hidden}
.insp img.preview{display:block;max-width:100%;max-height:12rem;margin-top:.5rem;border-radius:.4rem;border:1px solid #ccc}.insp img.preview[hidden]{display:none}.insp .help{font-size:.9rem;color:#555;margin:.2rem 0}
.insp .confirm{display:flex;gap:.6rem;align-items:center;min-height:3rem;font-weight:700}.insp .confirm input{width:1.6rem;height:1.6rem;flex:none}
.insp button.save{width:100%;min-height:3.5rem;font-size:1.4rem;margin:.75rem 0 2rem}
.insp button.save:disabled{background:#777}
.insp .templates a{display:inline-block;padding:.6rem 0;min-height:3rem}
`;

export function inspectPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/script.js', (c) =>
    c.body(INSPECT_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  app.get('/:token', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const v = w.inspect;
    const actor = c.get('principal');
    const token = c.req.param('token');
    const household = await householdOfPlate(deps, actor, token, c.get('origin'));
    const templates = await listTemplates(deps, actor);
    const today = formatDay(localTime(c.get('alliance').timezone, deps.clock.now()));
    const month = today.slice(0, 7);
    const [sheet] = await householdSheets(deps, actor, household.id, month);
    // This ISO week may have begun last month, and a check done on paper may be of last month:
    // their checks are on that month's sheet.
    const week = isoWeek(today);
    const saved = c.req.query('saved');
    const savedOn = /^\d{4}-\d{2}-\d{2}$/.test(c.req.query('on') ?? '') ? c.req.query('on')! : today;
    const others = [...new Set([mondayOf(today).slice(0, 7), savedOn.slice(0, 7)])].filter((m) => m < month);
    const checks = [...(sheet?.inspections ?? [])];
    for (const m of others) {
      for (const s of await householdSheets(deps, actor, household.id, m)) checks.push(...s.inspections);
    }
    const sameWeek = checks
      .filter((i) => i.week === week)
      .sort((a, b) => a.checkedOn.localeCompare(b.checkedOn))
      .at(-1);
    const justSaved = !!saved && checks.some((i) => i.id === saved);
    const asked = c.req.query('template');
    const template =
      templates.find((x) => x.id === asked) ??
      templates.find((x) => x.id === sheet?.templateId) ??
      templates[0];
    const titles = new Map(
      templates.flatMap((x) => [...x.items, ...(x.bonus?.items ?? [])].map((i) => [i.code, i.title])),
    );
    const askSecond = !!sameWeek || c.req.query('error') === 'second_check_this_week';
    const path = `/console/inspect/${token}`;
    return c.html(
      <Layout
        lang={lang}
        title={v.titleFor(household.doorNumber ?? household.name)}
        principal={actor}
        path={path}
      >
        <style>{raw(STYLE)}</style>
        <div class="insp">
          <h1>{household.doorNumber ?? household.name}</h1>
          <dl class="facts" data-household={household.id}>
            <div>
              <dt>{v.household}</dt>
              <dd>{household.name}</dd>
            </div>
            <div>
              <dt>{v.community}</dt>
              <dd>{household.community ?? v.none}</dd>
            </div>
            <div>
              <dt>{v.grid}</dt>
              <dd>{household.grid ?? v.none}</dd>
            </div>
            <div>
              <dt>{v.members}</dt>
              <dd>{household.members.map((m) => m.name).join(w.listSeparator) || v.none}</dd>
            </div>
          </dl>
          {justSaved && (
            <p class="ok" role="status" data-saved={saved}>
              <strong>{v.saved}</strong> {v.savedNote}
            </p>
          )}
          <ErrorNote c={c} />
          {sheet && <SheetSoFar v={v} sheet={sheet} titles={titles} />}
          {!template ? (
            <p class="notice">{v.noTemplate}</p>
          ) : (
            <CheckForm
              c={c}
              token={token}
              template={template}
              others={templates.filter((x) => x.id !== template.id)}
              today={today}
              sameWeekDay={askSecond ? (sameWeek?.checkedOn ?? '') : undefined}
              path={path}
            />
          )}
        </div>
        <script src="/console/inspect/script.js" defer />
      </Layout>,
    );
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const actor = c.get('principal');
    const back = `/console/inspect/${token}`;
    const form = await posted(c);
    const nonce = form.text('nonce');
    const templateId = form.text('templateId');
    return orBack(c, back, async () => {
      const template = (await listTemplates(deps, actor)).find((x) => x.id === templateId);
      if (!template) throw new AppError('template_not_found');
      const items: { code: string; ok: boolean }[] = [];
      for (const item of template.items) {
        const mark = form.text(`item-${item.code}`);
        if (mark !== 'ok' && mark !== 'bad') throw new AppError('invalid_check_items');
        items.push({ code: item.code, ok: mark === 'ok' });
      }
      const bonus = new Set(form.all('bonus'));
      for (const item of template.bonus?.items ?? [])
        if (bonus.has(item.code)) items.push({ code: item.code, ok: true });
      const photos: { code: string; bytes: Uint8Array }[] = [];
      for (const item of items.filter((i) => !i.ok)) {
        const [file] = form.files(`photo-${item.code}`);
        if (file) photos.push({ code: item.code, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
      const parsed = InspectionBody.safeParse({
        plateToken: token,
        templateId,
        checkedOn: form.text('checkedOn') || undefined,
        items,
        note: form.text('note') || undefined,
        confirmSecond: form.text('confirmSecond') === 'yes' || undefined,
      });
      const bad = [
        ...(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0] ?? ''))),
        ...(/^[0-9a-f-]{36}$/.test(nonce) ? [] : ['nonce']),
      ];
      if (!parsed.success || bad.length) return c.redirect(`${back}?${refusedFields(bad)}`, 303);
      const { result } = await submitInspectionFromPhone(deps, actor, parsed.data, photos, nonce);
      return c.redirect(`${back}?saved=${result.id}&on=${result.checkedOn}`, 303);
    });
  });

  // A path that is no plate at all: the same page in words as a reissued plate.
  app.all('*', () => {
    throw new AppError('plate_not_found');
  });

  return app;
}

/** Monday of the ISO week of a day, "YYYY-MM-DD". */
function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

type InspectWords = ReturnType<typeof t>['inspect'];

function SheetSoFar(props: { v: InspectWords; sheet: SheetView; titles: Map<string, string> }) {
  const { v, sheet, titles } = props;
  return (
    <section data-sheet={sheet.month}>
      <h2>{v.sheetSoFar(sheet.month)}</h2>
      {sheet.checks === 0 ? (
        <p class="muted">{v.notCheckedYet}</p>
      ) : (
        <>
          <p class="muted">{v.checksThisMonth(sheet.checks)}</p>
          <table>
            <thead>
              <tr>
                <th>{v.item}</th>
                <th>{v.state}</th>
                <th class="num">{v.points}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.lines.map((l) => (
                <tr data-line={l.code}>
                  <td>{l.title}</td>
                  <td>{l.bonus ? v.bonus : l.kept ? v.kept : v.lost}</td>
                  <td class="num">{l.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="sum">
            <span>
              {v.base} <strong>{sheet.base}</strong>
            </span>
            <span>
              {v.bonus} <strong>{sheet.bonus}</strong>
            </span>
            <span>
              {v.deductions} <strong>{sheet.deductions}</strong>
            </span>
            <span>
              {v.score} <strong data-score>{sheet.score}</strong>
            </span>
          </p>
          <h2>{v.checks}</h2>
          <ul data-checks>
            {sheet.inspections.map((i) => {
              const failed = i.items.filter((x) => !x.ok).map((x) => titles.get(x.code) ?? x.code);
              return (
                <li data-inspection={i.id}>
                  {v.checkLine(i.checkedOn, failed.length ? v.failedList(failed.join('、')) : v.allKept)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function CheckForm(props: {
  c: Context<ConsoleEnv>;
  token: string;
  template: TemplateView;
  others: TemplateView[];
  today: string;
  /** Set when the household was checked this week already (the day, when known). */
  sameWeekDay: string | undefined;
  path: string;
}) {
  const { c, template, today, sameWeekDay, path } = props;
  const v = t(c.get('lang')).inspect;
  return (
    <form
      id="inspect-form"
      method="post"
      action={path}
      enctype="multipart/form-data"
      data-plate={props.token}
      data-template={template.id}
    >
      <h2>{template.name}</h2>
      {props.others.length > 0 && (
        <p class="templates">
          {props.others.map((o) => (
            <a href={`${path}?template=${o.id}`}>{v.otherTemplate(o.name)}</a>
          ))}
        </p>
      )}
      <input type="hidden" name="nonce" value={formNonce()} />
      <input type="hidden" name="templateId" value={template.id} />
      <p class="help">{v.markEach}</p>
      {template.items.map((item) => (
        <fieldset class="item" data-item={item.code}>
          <legend>
            {item.title} <span class="pts">{v.itemPoints(item.kept, item.lost)}</span>
          </legend>
          <div class="taps">
            <label class="tap good">
              <input type="radio" name={`item-${item.code}`} value="ok" required />
              {v.good}
            </label>
            <label class="tap bad">
              <input type="radio" name={`item-${item.code}`} value="bad" />
              {v.bad}
            </label>
          </div>
          <div class="photo-field">
            <label class="photo-label" for={`photo-${item.code}`}>
              {v.photo}
            </label>
            <input
              id={`photo-${item.code}`}
              class="photo-input"
              name={`photo-${item.code}`}
              type="file"
              accept="image/*"
              capture="environment"
            />
            <img class="preview" alt={v.photoPreview(item.title)} hidden />
            <p class="help">{v.photoHelp}</p>
          </div>
        </fieldset>
      ))}
      {template.bonus && template.bonus.items.length > 0 && (
        <fieldset class="item" data-bonus>
          <legend>{v.bonusSection(template.bonus.cap)}</legend>
          <div class="taps wide">
            {template.bonus.items.map((item) => (
              <label class="tap toggle" data-bonus-item={item.code}>
                <input type="checkbox" name="bonus" value={item.code} />
                {item.title} {v.bonusPoints(item.points)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <label for="note">{v.note}</label>
      <textarea id="note" name="note" rows={2} maxlength={500} />
      <label for="checkedOn">{v.checkedOn}</label>
      <input id="checkedOn" name="checkedOn" type="date" required max={today} value={today} />
      <p class="help">{v.checkedOnHelp}</p>
      {sameWeekDay !== undefined && (
        <div class="notice" data-second>
          {sameWeekDay && <p>{v.checkedThisWeek(sameWeekDay)}</p>}
          <label class="confirm">
            <input type="checkbox" name="confirmSecond" value="yes" required />
            {v.confirmSecond}
          </label>
        </div>
      )}
      <p
        id="inspect-status"
        role="status"
        aria-live="polite"
        hidden
        data-sending={v.sending}
        data-waiting={v.waiting}
        data-pending={v.pendingAgain}
        data-saved={v.saved}
        data-refused={v.refused}
        data-signin={v.signInAgain}
        data-chosen={v.photoChosen}
      />
      <button type="submit" class="save">
        {v.save}
      </button>
    </form>
  );
}
