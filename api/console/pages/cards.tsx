/**
 * Household cards at the service counter (issue #19): the section on a resident's page (make,
 * reissue, report lost, unlock, print, set the PIN), the printable A4 sheet of bank-card-sized
 * cards with cut marks, and the PIN keypad the resident types into (large digits, the PIN never
 * shown, typed twice). Every action is one use case of application/cards.ts.
 */
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { z } from 'zod';
import { Pin } from '../../../shared/api/cards.ts';
import { formatCardNumber, maskName } from '../../../shared/card.ts';
import { outcomeWords } from '../../../shared/outcome-words.ts';
import {
  cardUseReport,
  issueResidentCard,
  printableCard,
  reportCardLost,
  residentCards,
  setCardPin,
  unlockResidentCard,
} from '../../application/cards.ts';
import { cardHistory } from '../../cards/cards.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { parseForm } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack, withError } from '../problems.tsx';
import { qrSvg } from '../qr.ts';
import type { ConsoleEnv } from '../session.ts';

const UUID = '[0-9a-f-]{36}';
const PinForm = z.object({ pin: Pin, pinAgain: Pin });
/** Cards one print job takes: two columns of five fill an A4 page. */
const MAX_PRINT = 50;

/** "2026-11" moved by `by` months: "2026-10", "2026-12". */
function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + m - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The cards part of a resident's page. */
export async function cardsSection(c: Context<ConsoleEnv>, deps: RouteDeps, residentId: string) {
  const w = t(c.get('lang')).cards;
  const cards = await residentCards(deps, c.get('principal'), residentId);
  const tz = c.get('alliance').timezone;
  const base = `/console/residents/${residentId}/cards`;
  const active = cards.find((k) => k.status === 'active');
  const notice = c.req.query('card');
  const lang = c.get('lang');
  const uses = await cardHistory(deps.db, { allianceId: c.get('principal').allianceId, residentId });
  const done: Record<string, string> = {
    issued: w.issued,
    lost: w.lostDone,
    unlocked: w.unlocked,
    pin: w.pinDone,
  };
  return (
    <section data-section="cards">
      <h2>{w.cards}</h2>
      <p class="muted">{w.help}</p>
      {notice && done[notice] && <p class="ok">{done[notice]}</p>}
      {cards.length === 0 ? (
        <p class="muted">{w.noCards}</p>
      ) : (
        <table data-table="cards">
          <thead>
            <tr>
              <th>{w.number}</th>
              <th>{w.status}</th>
              <th>{w.pin}</th>
              <th>{w.issuedAt}</th>
              <th class="no-print" />
            </tr>
          </thead>
          <tbody>
            {cards.map((k) => (
              <tr data-card={k.id} data-status={k.status} data-locked={k.lockedAt ? 'true' : 'false'}>
                <td>{formatCardNumber(k.number)}</td>
                <td>
                  {w.statuses[k.status]}
                  {k.lockedAt && k.status === 'active' && ` · ${w.locked}`}
                </td>
                <td>{k.pinHash ? w.pinSet : w.pinNotSet}</td>
                <td>{formatTime(k.issuedAt, tz)}</td>
                <td class="no-print">
                  {k.status === 'active' && (
                    <>
                      <a class="button" href={`/console/residents/cards/print?card=${k.id}`}>
                        {w.print}
                      </a>{' '}
                      <a class="button" href={`${base}/${k.id}/pin`}>
                        {w.setPin}
                      </a>{' '}
                      {k.lockedAt && (
                        <form class="inline" method="post" action={`${base}/${k.id}/unlock`}>
                          <button type="submit">{w.unlock}</button>
                        </form>
                      )}{' '}
                      <form class="inline" method="post" action={`${base}/${k.id}/lost`}>
                        <button class="secondary" type="submit">
                          {w.lost}
                        </button>
                      </form>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{w.history}</h3>
      {uses.length === 0 ? (
        <p class="muted">{w.noHistory}</p>
      ) : (
        <table data-table="card-uses">
          <thead>
            <tr>
              <th>{w.when}</th>
              <th>{w.number}</th>
              <th>{w.shop}</th>
              <th class="num">{w.points}</th>
              <th>{w.how}</th>
              <th>{w.result}</th>
            </tr>
          </thead>
          <tbody>
            {uses.map((u) => (
              <tr data-record={u.recordId} data-outcome={u.outcome}>
                <td>{formatTime(u.at, tz)}</td>
                <td>{formatCardNumber(u.cardNumber)}</td>
                <td>{u.merchantName}</td>
                <td class="num">{u.points}</td>
                <td>{u.offline ? w.offline : w.online}</td>
                <td>
                  {u.outcome === 'bad_voucher' && /^card_(lost|replaced|locked)/.test(u.detail ?? '')
                    ? w.blockedWhy
                    : outcomeWords[lang][u.outcome as keyof (typeof outcomeWords)['zh']]}
                  {u.conflictId && (
                    <>
                      {' · '}
                      <a href="/console/conflicts">{w.conflict}</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={base} class="no-print">
        <p>
          <button type="submit" data-issue-card>
            {active ? w.reissue : w.issue}
          </button>{' '}
          {active && <span class="muted">{w.reissueHelp}</span>}
        </p>
      </form>
    </section>
  );
}

const SHEET_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#111;background:#eee}
.bar{padding:.75rem 1rem;background:#fff;border-bottom:1px solid #ccc}
.bar button,.bar a{font:inherit;padding:.5rem 1rem;border:0;border-radius:.35rem;background:#8b1d1d;color:#fff;text-decoration:none;display:inline-block;cursor:pointer}
.bar a{background:#555}
.sheet{width:210mm;min-height:297mm;margin:1rem auto;background:#fff;padding:10mm 15mm;display:grid;grid-template-columns:repeat(2,85.6mm);grid-auto-rows:54mm;gap:4mm 8.8mm;align-content:start}
.cut{position:relative;width:85.6mm;height:54mm;break-inside:avoid}
.cut i{position:absolute;width:3mm;height:3mm;border:0 solid #000}
.cut i.tl{left:-3.5mm;top:-3.5mm;border-right-width:.2mm;border-bottom-width:.2mm}
.cut i.tr{right:-3.5mm;top:-3.5mm;border-left-width:.2mm;border-bottom-width:.2mm}
.cut i.bl{left:-3.5mm;bottom:-3.5mm;border-right-width:.2mm;border-top-width:.2mm}
.cut i.br{right:-3.5mm;bottom:-3.5mm;border-left-width:.2mm;border-top-width:.2mm}
.hcard{width:100%;height:100%;border:.2mm dashed #bbb;border-radius:3mm;padding:3.5mm 4mm 3mm;display:grid;grid-template-columns:1fr 28mm;grid-template-rows:28mm auto auto;grid-template-areas:"who qr" "num num" "foot foot";column-gap:2mm;overflow:hidden}
.hcard .who{grid-area:who;display:flex;flex-direction:column;min-width:0}
.hcard .alliance{font-weight:700;font-size:3.6mm;color:#8b1d1d;line-height:1.2}
.hcard .title{font-size:3mm;color:#555;margin-bottom:2mm}
.hcard .holder{font-size:4.2mm;font-weight:700;margin-top:auto}
.hcard .number{grid-area:num;margin-top:2.5mm;font:700 4.6mm/1.2 ui-monospace,Menlo,monospace;letter-spacing:.4mm;white-space:nowrap}
.hcard .foot{grid-area:foot;font-size:2.4mm;color:#555;margin-top:1mm;line-height:1.25}
.hcard .qr{grid-area:qr}
.hcard .qr svg{width:28mm;height:28mm;display:block}
@media print{body{background:#fff}.bar{display:none}.sheet{margin:0;padding:10mm 15mm;min-height:0}@page{size:A4;margin:0}}
`;

async function cardFace(c: Context<ConsoleEnv>, card: Awaited<ReturnType<typeof printableCard>>) {
  const w = t(c.get('lang')).cards;
  return (
    <div class="cut" data-card={card.card.id}>
      <i class="tl" />
      <i class="tr" />
      <i class="bl" />
      <i class="br" />
      <div class="hcard">
        <div class="who">
          <div class="alliance">{card.allianceName}</div>
          <div class="title">{w.cardTitle}</div>
          <div class="holder">
            {w.holder}：<span data-holder>{maskName(card.holderName)}</span>
          </div>
        </div>
        <div class="qr" data-qr={card.text}>
          {await qrSvg(card.text, 240)}
        </div>
        <div class="number" data-number={card.card.number}>
          {formatCardNumber(card.card.number)}
        </div>
        <div class="foot">{w.cardFoot}</div>
      </div>
    </div>
  );
}

const KEYPAD_STYLE = `
.keypad-page{max-width:26rem;margin:0 auto;text-align:center}
.pin-boxes{display:flex;gap:.6rem;justify-content:center;margin:1rem 0}
.pin-boxes span{width:3rem;height:3.6rem;border:2px solid #555;border-radius:.5rem;font-size:2.2rem;line-height:3.4rem;background:#fff}
.pin-boxes span.filled{border-color:#8b1d1d}
.keys{display:grid;grid-template-columns:repeat(3,1fr);gap:.6rem;margin:1rem 0}
.keys button{font-size:2.2rem;min-height:4.6rem;background:#fff;color:#111;border:2px solid #999;border-radius:.6rem}
.keys button.fn{font-size:1.3rem;background:#eee}
.keys button:active{background:#f0ece6}
.prompt{font-size:1.5rem;font-weight:700;margin:.5rem 0}
.keypad-page form.js .fallback{display:none}
.keypad-page form:not(.js) .keypad{display:none}
.keypad-page .fallback input{font-size:1.4rem;letter-spacing:.3em;width:100%}
`;

/** Collects the six digits twice on the big keypad, shows only dots, then posts both. */
export const KEYPAD_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('pin-form');
  if (!form) return;
  form.classList.add('js');
  var boxes = form.querySelectorAll('.pin-boxes span');
  var prompt = form.querySelector('.prompt');
  var note = form.querySelector('.mismatch');
  var first = form.querySelector('input[name=pin]');
  var second = form.querySelector('input[name=pinAgain]');
  var typed = '';
  var stage = 1;
  function show() {
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].textContent = i < typed.length ? '\\u25CF' : '';
      boxes[i].className = i < typed.length ? 'filled' : '';
    }
    prompt.textContent = prompt.getAttribute(stage === 1 ? 'data-first' : 'data-again');
  }
  function complete() {
    if (stage === 1) { first.value = typed; typed = ''; stage = 2; show(); return; }
    if (typed !== first.value) {
      note.hidden = false; first.value = ''; typed = ''; stage = 1; show(); return;
    }
    second.value = typed;
    form.submit();
  }
  form.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('button[data-key]') : null;
    if (!b) return;
    e.preventDefault();
    var key = b.getAttribute('data-key');
    if (key === 'clear') typed = '';
    else if (key === 'back') typed = typed.slice(0, -1);
    else if (typed.length < 6) { typed += key; note.hidden = true; }
    show();
    if (typed.length === 6) setTimeout(complete, 150);
  });
  show();
})();
`;

export function cardPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/cards/keypad.js', (c) =>
    c.body(KEYPAD_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    }),
  );

  app.get('/cards/print', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const ids = [...new Set(c.req.queries('card') ?? [])].filter((id) => new RegExp(`^${UUID}$`).test(id));
    if (ids.length === 0 || ids.length > MAX_PRINT) throw new AppError('card_not_found');
    const cards = [];
    for (const id of ids) cards.push(await printableCard(deps, c.get('principal'), id));
    const faces = [];
    for (const card of cards) faces.push(await cardFace(c, card));
    const back = `/console/residents/${cards[0]!.card.residentId}`;
    return c.html(
      <html lang={lang === 'en' ? 'en' : 'zh-CN'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${w.cards.sheetTitle} · ${w.appName}`}</title>
          <style>{raw(SHEET_STYLE)}</style>
          <script src="/console/print.js" defer />
        </head>
        <body>
          <div class="bar">
            <button type="button" data-print>
              {w.cards.print}
            </button>{' '}
            <a href={back}>{w.cards.backToResident}</a>
            <p>{w.cards.sheetHelp}</p>
          </div>
          <div class="sheet">{faces}</div>
        </body>
      </html>,
    );
  });

  app.get('/cards/report', async (c) => {
    const lang = c.get('lang');
    const w = t(lang).cards;
    const month = c.req.query('month') || undefined;
    const report = await cardUseReport(deps, c.get('principal'), month);
    const tz = c.get('alliance').timezone;
    return c.html(
      <Layout lang={lang} title={w.reportTitle} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.reportTitle}</h1>
        <ErrorNote c={c} />
        <p class="no-print" data-months>
          <a class="button secondary" href={`?month=${shiftMonth(report.month, -1)}`}>
            {w.reportPrevious}
          </a>{' '}
          <a class="button secondary" href={`?month=${shiftMonth(report.month, 1)}`}>
            {w.reportNext}
          </a>
        </p>
        <p class="muted">{w.reportHelp}</p>
        <h2>{w.reportByShop(report.month)}</h2>
        {report.shops.length === 0 ? (
          <p class="muted" data-empty="shops">
            {w.reportNoUse}
          </p>
        ) : (
          <table data-table="card-report">
            <thead>
              <tr>
                <th>{w.shop}</th>
                <th class="num">{w.online}</th>
                <th class="num">{w.offline}</th>
                <th class="num">{w.reportRefused}</th>
                <th class="num">{w.conflict}</th>
                <th class="num">{w.reportFloor}</th>
              </tr>
            </thead>
            <tbody>
              {report.shops.map((s) => (
                <tr data-merchant={s.merchantId}>
                  <td>{s.merchantName}</td>
                  <td class="num" data-online={s.onlinePoints}>
                    {w.usesPoints(s.onlineUses, s.onlinePoints)}
                  </td>
                  <td class="num" data-offline={s.offlinePoints}>
                    {w.usesPoints(s.offlineUses, s.offlinePoints)}
                  </td>
                  <td class="num">{s.refused}</td>
                  <td class="num">{s.conflicts > 0 ? <a href="/console/conflicts">{s.conflicts}</a> : 0}</td>
                  <td class="num">{s.floorBreaches}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{w.reportWatch}</h2>
        {report.watch.length === 0 ? (
          <p class="muted" data-empty="watch">
            {w.reportNoWatch}
          </p>
        ) : (
          <table data-table="card-watch">
            <thead>
              <tr>
                <th>{w.number}</th>
                <th>{w.holder}</th>
                <th>{w.status}</th>
              </tr>
            </thead>
            <tbody>
              {report.watch.map((k) => (
                <tr data-card={k.cardId} data-locked={String(k.locked)}>
                  <td>{formatCardNumber(k.number)}</td>
                  <td>
                    <a href={`/console/residents/${k.residentId}`}>{k.residentName}</a>
                  </td>
                  <td>
                    {k.lostAt ? w.lostOn(formatTime(k.lostAt, tz)) : w.lockedOn(formatTime(k.lockedAt!, tz))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  app.get(`/:id{${UUID}}/cards/:cardId{${UUID}}/pin`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const card = await printableCard(deps, c.get('principal'), c.req.param('cardId'));
    if (card.card.residentId !== c.req.param('id')) throw new AppError('card_not_found');
    const action = `/console/residents/${card.card.residentId}/cards/${card.card.id}/pin`;
    return c.html(
      <Layout lang={lang} title={w.cards.keypadTitle} principal={c.get('principal')} path={c.req.path}>
        <style>{raw(KEYPAD_STYLE)}</style>
        <script src="/console/residents/cards/keypad.js" defer />
        <div class="keypad-page">
          <h1>{w.cards.keypadTitle}</h1>
          <p>{w.cards.keypadFor(maskName(card.holderName), formatCardNumber(card.card.number))}</p>
          <ErrorNote c={c} />
          <p class="muted">{w.cards.keypadHelp}</p>
          <form id="pin-form" method="post" action={action} autocomplete="off">
            <div class="keypad">
              <p class="prompt" data-first={w.cards.typeFirst} data-again={w.cards.typeAgain}>
                {w.cards.typeFirst}
              </p>
              <p class="error mismatch" role="alert" hidden>
                {w.cards.mismatch}
              </p>
              <div class="pin-boxes" aria-hidden="true">
                <span />
                <span />
                <span />
                <span />
                <span />
                <span />
              </div>
              <div class="keys">
                {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
                  <button type="button" data-key={d}>
                    {d}
                  </button>
                ))}
                <button type="button" class="fn" data-key="clear">
                  {w.cards.clear}
                </button>
                <button type="button" data-key="0">
                  0
                </button>
                <button type="button" class="fn" data-key="back">
                  {w.cards.back}
                </button>
              </div>
            </div>
            <div class="fallback">
              <p class="muted">{w.cards.noScript}</p>
              <label for="pin">{w.cards.pin}</label>
              <input
                id="pin"
                name="pin"
                type="password"
                inputmode="numeric"
                pattern="[0-9]{6}"
                maxlength={6}
              />
              <label for="pinAgain">{w.cards.pinAgain}</label>
              <input
                id="pinAgain"
                name="pinAgain"
                type="password"
                inputmode="numeric"
                pattern="[0-9]{6}"
                maxlength={6}
              />
              <p>
                <button type="submit">{w.cards.done}</button>
              </p>
            </div>
          </form>
          <p>
            <a href={`/console/residents/${card.card.residentId}`}>{w.cards.backToResident}</a>
          </p>
        </div>
      </Layout>,
    );
  });

  app.post(`/:id{${UUID}}/cards/:cardId{${UUID}}/pin`, async (c) => {
    const back = `/console/residents/${c.req.param('id')}/cards/${c.req.param('cardId')}/pin`;
    const form = await parseForm(c, PinForm);
    if (!form.ok) return c.redirect(withError(back, 'invalid_request'), 303);
    if (form.data.pin !== form.data.pinAgain) return c.redirect(withError(back, 'card_pin_mismatch'), 303);
    return orBack(c, back, async () => {
      await setCardPin(deps, c.get('principal'), c.req.param('cardId'), form.data.pin);
      return c.redirect(`/console/residents/${c.req.param('id')}?card=pin`, 303);
    });
  });

  app.post(`/:id{${UUID}}/cards`, async (c) => {
    const back = `/console/residents/${c.req.param('id')}`;
    return orBack(c, back, async () => {
      await issueResidentCard(deps, c.get('principal'), c.req.param('id'));
      return c.redirect(`${back}?card=issued`, 303);
    });
  });

  app.post(`/:id{${UUID}}/cards/:cardId{${UUID}}/lost`, async (c) => {
    const back = `/console/residents/${c.req.param('id')}`;
    return orBack(c, back, async () => {
      await reportCardLost(deps, c.get('principal'), c.req.param('cardId'));
      return c.redirect(`${back}?card=lost`, 303);
    });
  });

  app.post(`/:id{${UUID}}/cards/:cardId{${UUID}}/unlock`, async (c) => {
    const back = `/console/residents/${c.req.param('id')}`;
    return orBack(c, back, async () => {
      await unlockResidentCard(deps, c.get('principal'), c.req.param('cardId'));
      return c.redirect(`${back}?card=unlocked`, 303);
    });
  });

  return app;
}
