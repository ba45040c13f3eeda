/**
 * Households as places in the console (issue #16): search by door number, name or phone (one
 * match opens the household's file at once), create a household with its door number, community
 * and grid, the household's printable file (一户一档: members, every month's sheet with each
 * check's marks, objections, claims, deductions, the points history and what was spent at which
 * shop), the A4 sheet of door-plate labels (2 × 4, cut lines, a QR of the plate's URL each), and
 * reissuing a plate after a confirm page (the old plate stops working).
 */
import { type Context, Hono } from 'hono';
import type { SheetView } from '../../../shared/api/households.ts';
import {
  createPlace,
  findHouseholds,
  householdFile,
  reissueHouseholdPlate,
} from '../../application/households.ts';
import { HouseholdBody } from '../../application/inputs.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, type Lang, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import { qrSvg } from '../qr.ts';
import type { ConsoleEnv } from '../session.ts';
import { titleOf } from './earning-parts.tsx';

/** Where people reach the platform: PUBLIC_URL when set, else the request's own origin. */
const originOf = (deps: RouteDeps, c: Context) => deps.publicOrigin ?? new URL(c.req.url).origin;

const UUID = '[0-9a-f-]{36}';

/** Styles of these pages: large targets, the plate sheet in A4 labels of 2 × 4. */
export const HOUSEHOLD_STYLE = `
.hh-search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.hh-search input{flex:1 1 14rem;min-width:0;font-size:1.15rem;padding:.6rem}
.hh-search button,.hh-actions .button,.hh-actions button{padding:.7rem 1.2rem;font-size:1.05rem}
.hh-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0}
.facts-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,14rem),1fr));gap:.5rem 1rem}.facts-grid div{background:#fff;border:1px solid #ddd;border-radius:.35rem;padding:.5rem .75rem}.facts-grid b{display:block;font-size:.85rem;color:#555;font-weight:600}
.table-wrap{overflow-x:auto;max-width:100%}
.sheet{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.75rem;margin:.75rem 0;break-inside:avoid}.sheet h3{margin:.25rem 0 .5rem}.sheet td,.sheet th{white-space:nowrap}
.mark-bad{color:#b91c1c;font-weight:700}.mark-good{color:#15803d}
.totals{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0}.totals span b{font-size:1.2rem}
.plates{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:0}
.plate-label{border:1px dashed #777;padding:4mm;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;background:#fff;height:66mm;overflow:hidden}
.plate-label .door{font-size:1.35rem;font-weight:800;line-height:1.2}.plate-label .owner{font-size:1.05rem;margin:.15rem 0}.plate-label svg{width:36mm;height:36mm;display:block}.plate-label .hint{font-size:.8rem;color:#444}
.plate-page{break-after:page;margin-bottom:1rem}.plate-page:last-child{break-after:auto}
@media (max-width:40rem){.plates{grid-template-columns:1fr}.plate-label{height:auto;min-height:60mm}}
@media print{.plates{grid-template-columns:repeat(2,minmax(0,1fr))!important}.plate-label{height:66mm!important}.plate-page{margin:0}.sheet{border:1px solid #999}.table-wrap{overflow:visible}}
`;

export function HouseholdStyle() {
  return <style>{HOUSEHOLD_STYLE}</style>;
}

export function householdPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const q = (c.req.query('q') ?? '').trim();
    const found = await findHouseholds(
      deps,
      c.get('principal'),
      { door: q || undefined, limit: 100 },
      originOf(deps, c),
    );
    if (q && found.length === 1) return c.redirect(`/console/households/${found[0]!.id}`, 303);
    return c.html(
      <Layout lang={lang} title={h.households} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <h1>{h.households}</h1>
        <ErrorNote c={c} />
        <form method="get" action="/console/households" class="hh-search" data-search="households">
          <label for="q" style="position:absolute;left:-9999px">
            {h.searchHouseholds}
          </label>
          <input id="q" name="q" value={q} placeholder={h.searchHouseholds} autofocus maxlength={80} />
          <button type="submit">{w.search}</button>
        </form>
        <p class="muted">{h.searchHelp}</p>
        <div class="hh-actions no-print">
          <a
            class="button secondary"
            href={`/console/households/plates${q ? `?q=${encodeURIComponent(q)}` : ''}`}
          >
            {h.printPlates}
          </a>
        </div>
        {found.length === 0 ? (
          <p data-empty="households">{h.noMatch}</p>
        ) : (
          <div class="table-wrap">
            <table data-table="households">
              <thead>
                <tr>
                  <th>{h.doorNumber}</th>
                  <th>{h.householdName}</th>
                  <th>{h.community}</th>
                  <th>{h.grid}</th>
                  <th>{h.members}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((f) => (
                  <tr data-household={f.id}>
                    <td>
                      <a href={`/console/households/${f.id}`}>{f.doorNumber ?? f.name}</a>
                    </td>
                    <td>
                      <a href={`/console/households/${f.id}`}>{f.name}</a>
                    </td>
                    <td>{f.community ?? ''}</td>
                    <td>{f.grid ?? ''}</td>
                    <td>{f.members.map((m) => m.name).join(w.listSeparator)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form
          method="post"
          action="/console/households"
          class="card no-print forms"
          style="display:block;max-width:32rem"
        >
          <h2 style="margin-top:0">{h.newHousehold}</h2>
          <label for="doorNumber">{h.doorNumber}</label>
          <input id="doorNumber" name="doorNumber" required maxlength={80} placeholder="金卫村 5组 32号" />
          <label for="name">{h.householdName}</label>
          <input id="name" name="name" required maxlength={60} />
          <label for="community">{h.community}</label>
          <input id="community" name="community" maxlength={60} />
          <label for="grid">{h.grid}</label>
          <input id="grid" name="grid" maxlength={60} />
          <p>
            <button type="submit">{w.create}</button>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post('/', async (c) => {
    const form = await parseForm(c, HouseholdBody);
    if (!form.ok) return c.redirect(`/console/households?${refusedFields(form.fields)}`, 303);
    return orBack(c, '/console/households', async () => {
      const made = await createPlace(deps, c.get('principal'), form.data, originOf(deps, c));
      return c.redirect(`/console/households/${made.id}`, 303);
    });
  });

  // The A4 sheet of door-plate labels: every household found (or the one asked for).
  app.get('/plates', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const q = (c.req.query('q') ?? '').trim();
    const only = c.req.query('id');
    let found = await findHouseholds(
      deps,
      c.get('principal'),
      { door: q || undefined, limit: 500 },
      originOf(deps, c),
    );
    if (only) found = found.filter((f) => f.id === only);
    const labels = await Promise.all(
      found.map(async (f) => ({ ...f, qr: f.plateUrl ? await qrSvg(f.plateUrl, 180) : null })),
    );
    const pages: (typeof labels)[] = [];
    for (let i = 0; i < labels.length; i += 8) pages.push(labels.slice(i, i + 8));
    return c.html(
      <Layout lang={lang} title={h.plates} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <div class="no-print">
          <h1>{h.plates}</h1>
          {c.req.query('reissued') && (
            <p class="ok" role="status">
              {h.reissued}
            </p>
          )}
          <p class="muted">{h.platesHelp}</p>
          <div class="hh-actions">
            <button type="button" data-print>
              {w.print}
            </button>
            <a class="button secondary" href="/console/households">
              {w.back}
            </a>
          </div>
        </div>
        {labels.length === 0 && <p>{h.noMatch}</p>}
        {pages.map((page) => (
          <div class="plate-page">
            <div class="plates">
              {page.map((f) => (
                <div class="plate-label" data-plate={f.id} data-plate-url={f.plateUrl ?? ''}>
                  <div class="door">{f.doorNumber ?? ''}</div>
                  <div class="owner">{f.name}</div>
                  {f.qr ?? <p>{h.noPlate}</p>}
                  <div class="hint">{h.plateScan}</div>
                  <a
                    class="button secondary no-print"
                    style="margin-top:.35rem;padding:.35rem .8rem"
                    href={`/console/households/${f.id}/plate`}
                    data-reissue={f.id}
                  >
                    {h.reissue}
                  </a>
                </div>
              ))}
            </div>
          </div>
        ))}
      </Layout>,
    );
  });

  app.get(`/:id{${UUID}}`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const tz = c.get('alliance').timezone;
    const file = await householdFile(deps, c.get('principal'), c.req.param('id'), originOf(deps, c));
    const hh = file.household;
    const door = hh.doorNumber ?? hh.name;
    return c.html(
      <Layout lang={lang} title={h.fileOf(door)} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <h1>
          {h.file} · {door} · {hh.name}
        </h1>
        <ErrorNote c={c} />
        <div class="hh-actions no-print">
          <button type="button" data-print>
            {w.print}
          </button>
          <a class="button secondary" href={`/console/households/plates?id=${hh.id}`}>
            {h.printThisPlate}
          </a>
          <a class="button secondary" href={`/console/households/${hh.id}/plate`}>
            {h.reissue}
          </a>
        </div>
        <div class="facts-grid" data-facts="household">
          <div>
            <b>{h.doorNumber}</b>
            {hh.doorNumber ?? w.none}
          </div>
          <div>
            <b>{h.householdName}</b>
            {hh.name}
          </div>
          <div>
            <b>{h.community}</b>
            {hh.community ?? w.none}
          </div>
          <div>
            <b>{h.grid}</b>
            {hh.grid ?? w.none}
          </div>
          <div>
            <b>{h.members}</b>
            <span data-members>
              {hh.members.length === 0
                ? h.noMembers
                : hh.members.map((m, i) => (
                    <>
                      {i > 0 && w.listSeparator}
                      <a href={`/console/residents/${m.id}`}>{m.name}</a>
                    </>
                  ))}
            </span>
          </div>
        </div>

        <h2>{h.sheets}</h2>
        {file.sheets.length === 0 && <p>{h.noSheets}</p>}
        {file.sheets.map((s) => (
          <SheetCard w={w} lang={lang} tz={tz} sheet={s} />
        ))}

        <h2>{h.claims}</h2>
        {file.claims.length === 0 ? (
          <p class="muted">{h.nothing}</p>
        ) : (
          <div class="table-wrap">
            <table data-table="claims">
              <thead>
                <tr>
                  <th>{h.day}</th>
                  <th>{h.member}</th>
                  <th>{h.item}</th>
                  <th>{w.state}</th>
                  <th class="num">{w.points}</th>
                  <th>{w.reason}</th>
                </tr>
              </thead>
              <tbody>
                {file.claims.map((cl) => (
                  <tr data-claim={cl.id}>
                    <td>{cl.occurredOn}</td>
                    <td>{cl.residentName}</td>
                    <td>{titleOf(lang, cl)}</td>
                    <td>{w.earn.statuses[cl.status] ?? ''}</td>
                    <td class="num">{cl.awardedPoints ?? cl.points ?? ''}</td>
                    <td>{cl.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>{h.deductionsTitle}</h2>
        {file.deductions.length === 0 ? (
          <p class="muted">{h.nothing}</p>
        ) : (
          <div class="table-wrap">
            <table data-table="deductions">
              <thead>
                <tr>
                  <th>{w.when}</th>
                  <th>{h.member}</th>
                  <th>{h.item}</th>
                  <th class="num">{w.points}</th>
                  <th>{w.reason}</th>
                </tr>
              </thead>
              <tbody>
                {file.deductions.map((d) => (
                  <tr data-deduction={d.id}>
                    <td>{formatTime(d.at, tz)}</td>
                    <td>{d.residentName ?? hh.name}</td>
                    <td>{titleOf(lang, d)}</td>
                    <td class="num">−{d.points}</td>
                    <td>
                      {d.note ?? ''}
                      {d.appeal === 'upheld' &&
                        ` （${h.appealUpheld}${d.appealReason ? `：${d.appealReason}` : ''}）`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>{h.spentAtMerchants}</h2>
        {file.spent.length === 0 ? (
          <p class="muted">{h.nothing}</p>
        ) : (
          <div class="table-wrap">
            <table data-table="spent">
              <thead>
                <tr>
                  <th>{w.merchants}</th>
                  <th class="num">{h.times}</th>
                  <th class="num">{w.points}</th>
                </tr>
              </thead>
              <tbody>
                {file.spent.map((m) => (
                  <tr>
                    <td>{m.merchantName}</td>
                    <td class="num">{m.times}</td>
                    <td class="num">{m.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>{h.history}</h2>
        {file.history.length === 0 ? (
          <p class="muted">{h.nothing}</p>
        ) : (
          <div class="table-wrap">
            <table data-table="history">
              <thead>
                <tr>
                  <th>{w.when}</th>
                  <th>{w.kind}</th>
                  <th class="num">{w.points}</th>
                  <th>{w.reason}</th>
                </tr>
              </thead>
              <tbody>
                {file.history.map((x) => (
                  <tr data-kind={x.ledgerKind}>
                    <td>{formatTime(x.at, tz)}</td>
                    <td>{w.historyKinds[x.ledgerKind] ?? w.historyKinds.adjust}</td>
                    <td class="num">{x.points > 0 ? `+${x.points}` : x.points}</td>
                    <td>
                      {x.reason ??
                        [x.merchantName, lang === 'en' ? x.offerTitleEn : x.offerTitleZh]
                          .filter(Boolean)
                          .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get(`/:id{${UUID}}/plate`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const h = w.hh;
    const file = await householdFile(deps, c.get('principal'), c.req.param('id'), originOf(deps, c));
    const door = file.household.doorNumber ?? file.household.name;
    return c.html(
      <Layout lang={lang} title={h.reissueTitle(door)} principal={c.get('principal')} path={c.req.path}>
        <HouseholdStyle />
        <h1>{h.reissueTitle(door)}</h1>
        <p class="notice">{h.reissueExplain}</p>
        <form method="post" action={`/console/households/${file.household.id}/plate`} class="hh-actions">
          <button type="submit">{h.confirmReissue}</button>
          <a class="button secondary" href={`/console/households/${file.household.id}`}>
            {w.back}
          </a>
        </form>
      </Layout>,
    );
  });

  app.post(`/:id{${UUID}}/plate`, async (c) => {
    const id = c.req.param('id');
    return orBack(c, `/console/households/${id}`, async () => {
      await reissueHouseholdPlate(deps, c.get('principal'), id, originOf(deps, c));
      return c.redirect(`/console/households/plates?id=${id}&reissued=1`, 303);
    });
  });

  return app;
}

/** One month's sheet: each item with each check's mark, the totals, the points and objections. */
export function SheetCard(props: { w: Words; lang: Lang; tz: string; sheet: SheetView }) {
  const { w, tz, sheet: s } = props;
  const h = w.hh;
  const checks = [...s.inspections].sort((a, b) =>
    a.checkedOn < b.checkedOn ? -1 : a.checkedOn > b.checkedOn ? 1 : 0,
  );
  const mark = (code: string, i: number) => checks[i]?.items.find((x) => x.code === code);
  return (
    <section class="sheet" data-sheet={s.month} data-status={s.status}>
      <h3>
        {w.monthName(s.month)} · {s.status === 'closed' ? h.sheetClosed : h.sheetOpen}
      </h3>
      {s.lines.length === 0 ? (
        <p class="muted">{h.noChecks}</p>
      ) : (
        <div class="table-wrap">
          <table data-table="sheet-lines">
            <thead>
              <tr>
                <th>{h.item}</th>
                {checks.map((ch) => (
                  <th>{ch.checkedOn.slice(5)}</th>
                ))}
                <th>{h.result}</th>
                <th class="num">{h.score}</th>
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l) => (
                <tr data-line={l.code} data-kept={String(l.kept)}>
                  <td>{l.title}</td>
                  {checks.map((_, i) => {
                    const m = mark(l.code, i);
                    if (!m) return <td />;
                    return (
                      <td class={m.ok ? 'mark-good' : 'mark-bad'}>
                        {m.ok ? h.good : h.bad}
                        {m.note ? `（${m.note}）` : ''}
                      </td>
                    );
                  })}
                  <td>{l.bonus ? h.bonusItem : l.kept ? h.kept : <span class="mark-bad">{h.lost}</span>}</td>
                  <td class="num">{l.points > 0 && l.bonus ? `+${l.points}` : l.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(s.status === 'closed' || s.lines.length > 0) && (
        <p class="totals">
          <span>
            {h.base} <b data-total="base">{s.base}</b>
          </span>
          <span>
            {h.bonus} <b data-total="bonus">+{s.bonus}</b>
          </span>
          <span>
            {h.deductions} <b data-total="deductions">−{s.deductions}</b>
          </span>
          <span>
            {h.score} <b data-total="score">{s.score}</b>
          </span>
          <span>
            {h.pointsPosted} <b data-total="points">{s.points}</b>
            <span class="muted"> （{h.pointsWorking(Math.max(0, s.base + s.bonus), s.rate, s.points)}）</span>
          </span>
        </p>
      )}
      {s.closedAt && (
        <p class="muted">
          {w.closedAt}: {formatTime(new Date(s.closedAt), tz)}
        </p>
      )}
      {s.objections.length > 0 && (
        <>
          <h4>{h.objections}</h4>
          <ul data-objections>
            {s.objections.map((o) => (
              <li data-objection={o.id} data-state={o.state}>
                {formatTime(new Date(o.createdAt), tz)} · {h.objectionStates[o.state]} · {h.objectionNote}：
                {o.note}
                {o.state !== 'open' && (
                  <>
                    {' '}
                    · {h.decision}：{o.reason ?? ''}
                    {o.scoreBefore !== null && o.scoreAfter !== null && o.scoreBefore !== o.scoreAfter
                      ? ` · ${h.scoreChange(o.scoreBefore, o.scoreAfter)}`
                      : ''}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
