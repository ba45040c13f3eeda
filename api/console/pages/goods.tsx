/**
 * The points supermarket in the console (积分超市, issue #18): the shops with their goods, a
 * shop's goods with stock (low lines marked), price, co-pay, unit, barcode, supplier and cost,
 * adding a good with its photo; a good's page with a delivery (received by the signed-in staff
 * member), a count with its reason, a return, a new photo and its stock events; the offline
 * exchanges that took a stock below zero; the printable month report and suppliers' month with
 * their CSVs (UTF-8 with BOM). Staff with the goods right (routes.tsx mounts it with allow).
 */
import { type Context, Hono } from 'hono';
import { formatMonth, parseMonth } from '../../../shared/calendar.ts';
import {
  addGood,
  addStockEvent,
  checkFlagged,
  flaggedExchangeList,
  getGood,
  goodsMonthReport,
  listGoods,
  readGoodPhoto,
  supplierMonthReport,
  uploadGoodPhoto,
} from '../../application/goods.ts';
import { GoodBody, StockEventBody } from '../../application/inputs.ts';
import { AppError } from '../../errors.ts';
import { namedEventsOf, shopsWithGoods } from '../../goods/queries.ts';
import { goodsMonthCsv, supplierMonthsCsv } from '../../goods/report.ts';
import { csvResponse } from '../../http/csv.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { localTime } from '../../local-time.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, formatYuan, type Lang, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';

const ID = '[0-9a-f-]{36}';

const STYLE = `
tr.low td{background:#fff1e0}.low-mark{display:inline-block;margin-left:.35rem;padding:0 .35rem;border-radius:.25rem;background:#b45309;color:#fff;font-size:.8rem;white-space:nowrap}
.thumb{display:block;width:3.5rem;height:3.5rem;object-fit:cover;border:1px solid #ccc;border-radius:.3rem;background:#fff}
.good-photo{display:block;max-width:16rem;max-height:16rem;border:1px solid #ccc;border-radius:.4rem;background:#fff}
.scroll{overflow-x:auto}.scroll table{min-width:48rem}.nowrap{white-space:nowrap}
@media (max-width:40rem){table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}table.cards thead{display:none}
table.cards tr{border:1px solid #ddd;border-radius:.4rem;margin:.5rem 0;background:#fff;padding:.25rem .5rem}table.cards td{border:0;padding:.15rem 0;text-align:left}
table.cards td[data-label]::before{content:attr(data-label);color:#555;display:inline-block;min-width:6rem;margin-right:.5rem}table.cards td:empty{display:none}.scroll table.cards{min-width:0}}
tr.flagged td{background:#fde8e8}.ok-note{margin:.5rem 0}
`;

const REPORT_STYLE = `
@page{size:A4 landscape;margin:12mm}.report td,.report th{padding:.25rem .35rem;font-size:.85rem}
.signature{margin-top:2.5rem}
@media print{.report td,.report th{font-size:9pt}h1{font-size:14pt}}
`;

const yuan = (fen: number | null) => (fen === null ? '' : `¥${formatYuan(fen)}`);

/** A stored reason in the reader's words: a flagged exchange's note is the server's, so it is rewritten. */
function reasonInWords(w: Words, e: { flagged: boolean; reason: string | null }): string {
  if (!e.flagged) return e.reason ?? '';
  const stock = Number(/(-?\d+)\s*$/.exec(e.reason ?? '')?.[1] ?? Number.NaN);
  return Number.isFinite(stock) ? w.goods.flaggedNote(stock) : w.goods.flagged;
}

/**
 * The month picker of the reports: the twelve months up to `month`, named in the reader's
 * language (a month input would be drawn in the browser's own UI language).
 */
function MonthSelect({ id, month, lang }: { id: string; month: string; lang: Lang }) {
  const { year, month: m } = parseMonth(month)!;
  const months = Array.from({ length: 12 }, (_, back) => {
    const index = year * 12 + m - 1 - back;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
  });
  return (
    <select id={id} name="month" required>
      {months.map((ym) => (
        <option value={formatMonth(ym)}>
          {lang === 'zh' ? `${ym.year} 年 ${ym.month} 月` : formatMonth(ym)}
        </option>
      ))}
    </select>
  );
}

export function goodsPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  const thisMonth = (c: Context<ConsoleEnv>) =>
    formatMonth(localTime(c.get('alliance').timezone, deps.clock.now()));

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const g = w.goods;
    const tz = c.get('alliance').timezone;
    const principal = c.get('principal');
    const shops = await shopsWithGoods(deps.db, principal.allianceId);
    const flagged = await flaggedExchangeList(deps, principal);
    const month = thisMonth(c);
    return c.html(
      <Layout lang={lang} title={g.supermarket} principal={principal} path={c.req.path}>
        <style>{STYLE}</style>
        <h1>{g.supermarket}</h1>
        <p class="muted">{g.help}</p>
        <ErrorNote c={c} />
        <h2>{g.shops}</h2>
        <table data-table="shops">
          <thead>
            <tr>
              <th>{g.shop}</th>
              <th class="num">{g.goodsCount}</th>
              <th class="num">{g.lowCount}</th>
            </tr>
          </thead>
          <tbody>
            {shops.map((s) => (
              <tr class={s.low > 0 ? 'low' : undefined}>
                <td>
                  <a href={`/console/goods/shops/${s.id}`}>
                    {s.number} {s.name}
                  </a>
                </td>
                <td class="num">{s.goods === 0 ? g.noGoodsYet : s.goods}</td>
                <td class="num">{s.low > 0 ? s.low : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2>{g.flagged}</h2>
        <p class="muted">{g.flaggedHelp}</p>
        {c.req.query('checked') && (
          <p class="ok" role="status" data-checked-note>
            {g.checkedNote}
          </p>
        )}
        {flagged.length === 0 ? (
          <p data-flagged="0">{g.noFlagged}</p>
        ) : (
          <div class="scroll">
            <table data-table="flagged">
              <thead>
                <tr>
                  <th>{g.when}</th>
                  <th>{g.shop}</th>
                  <th>{g.name}</th>
                  <th class="num">{g.change}</th>
                  <th class="num">{g.nowInStock}</th>
                  <th>{g.reason}</th>
                  <th class="no-print">{g.checkColumn}</th>
                </tr>
              </thead>
              <tbody>
                {flagged.map((f) => (
                  <tr class="flagged" data-flagged-event={f.eventId}>
                    <td class="nowrap">{formatTime(f.createdAt, tz)}</td>
                    <td>{f.merchantName}</td>
                    <td>
                      <a href={`/console/goods/${f.goodsId}`}>{f.name}</a>
                    </td>
                    <td class="num">
                      {f.quantity} {f.unit}
                    </td>
                    <td class="num">{f.stock}</td>
                    <td>{reasonInWords(w, { flagged: true, reason: f.reason })}</td>
                    <td class="no-print">
                      <form method="post" action={`/console/goods/flagged/${f.eventId}/checked`}>
                        <button type="submit" class="secondary" data-check={f.eventId}>
                          {g.markChecked}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h2>{g.reports}</h2>
        <div class="forms no-print">
          <form method="get" action="/console/goods/report" class="card">
            <h2>{g.monthReport}</h2>
            <p class="muted">{g.monthReportHelp}</p>
            <label for="report-merchant">{g.shop}</label>
            <select id="report-merchant" name="merchant" required>
              {shops
                .filter((s) => s.goods > 0)
                .map((s) => (
                  <option value={s.id}>
                    {s.number} {s.name}
                  </option>
                ))}
            </select>
            <label for="report-month">{g.month}</label>
            <MonthSelect id="report-month" month={month} lang={lang} />
            <p>
              <button type="submit">{g.show}</button>
            </p>
          </form>
          <form method="get" action="/console/goods/suppliers" class="card">
            <h2>{g.supplierReport}</h2>
            <p class="muted">{g.supplierReportHelp}</p>
            <label for="supplier-month">{g.month}</label>
            <MonthSelect id="supplier-month" month={month} lang={lang} />
            <p>
              <button type="submit">{g.show}</button>
            </p>
          </form>
        </div>
      </Layout>,
    );
  });

  app.get(`/shops/:merchantId{${ID}}`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const g = w.goods;
    const principal = c.get('principal');
    const shop = (await shopsWithGoods(deps.db, principal.allianceId)).find(
      (s) => s.id === c.req.param('merchantId'),
    );
    if (!shop) throw new AppError('merchant_not_found');
    const goods = await listGoods(deps, principal, shop.id);
    const added = c.req.query('added') === '1';
    return c.html(
      <Layout lang={lang} title={g.goodsOf(shop.name)} principal={principal} path={c.req.path}>
        <style>{STYLE}</style>
        <h1>{g.goodsOf(shop.name)}</h1>
        <ErrorNote c={c} />
        {added && (
          <p class="ok" role="status">
            {g.added}
          </p>
        )}
        <p class="no-print">
          <a href={`/console/goods/report?merchant=${shop.id}&month=${thisMonth(c)}`}>{g.monthReport}</a> ·{' '}
          <a href="/console/goods">{g.back}</a>
        </p>
        {goods.length === 0 ? (
          <p>{g.noGoods}</p>
        ) : (
          <div class="scroll">
            <table data-table="goods" class="cards">
              <thead>
                <tr>
                  <th>{g.photo}</th>
                  <th>{g.name}</th>
                  <th class="num">{g.stock}</th>
                  <th class="num">{g.lowStock}</th>
                  <th class="num">{g.points}</th>
                  <th class="num">{g.copay}</th>
                  <th>{g.unit}</th>
                  <th>{g.barcode}</th>
                  <th>{g.supplier}</th>
                  <th class="num">{g.cost}</th>
                </tr>
              </thead>
              <tbody>
                {goods.map((good) => (
                  <tr class={good.low ? 'low' : undefined} data-good={good.id} data-low={String(good.low)}>
                    <td>
                      {good.photoUrl && (
                        <img
                          class="thumb"
                          src={`/console/goods/${good.id}/photo?v=${good.photoUrl.split('v=')[1] ?? ''}`}
                          alt={good.name}
                        />
                      )}
                    </td>
                    <td>
                      <a href={`/console/goods/${good.id}`}>{good.name}</a>
                      {!good.active && <span class="muted"> · {g.offSale}</span>}
                    </td>
                    <td class="num" data-stock={good.stock} data-label={g.stock}>
                      {good.stock}
                      {good.low && <span class="low-mark">{g.low}</span>}
                    </td>
                    <td class="num" data-label={g.lowStock}>
                      {good.lowStock}
                    </td>
                    <td class="num" data-label={g.points}>
                      {good.points}
                    </td>
                    <td class="num" data-label={g.copay}>
                      {good.copayFen > 0 ? yuan(good.copayFen) : ''}
                    </td>
                    <td data-label={g.unit}>{good.unit}</td>
                    <td class="nowrap" data-label={g.barcode}>
                      {good.barcode ?? ''}
                    </td>
                    <td data-label={g.supplier}>{good.supplier ?? ''}</td>
                    <td class="num" data-label={g.cost}>
                      {yuan(good.costFen)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form
          method="post"
          action={`/console/goods/shops/${shop.id}`}
          enctype="multipart/form-data"
          class="card no-print"
        >
          <h2>{g.addGood}</h2>
          <p class="muted">{g.addGoodHelp}</p>
          <div class="forms">
            <div>
              <label for="name">{g.name}</label>
              <input id="name" name="name" required maxlength={60} />
              <label for="points">{g.pointsField}</label>
              <input id="points" name="points" inputmode="numeric" pattern="[0-9]*" required />
              <label for="copayFen">{g.copayField}</label>
              <input id="copayFen" name="copayFen" inputmode="numeric" pattern="[0-9]*" />
              <label for="unit">{g.unitField}</label>
              <input id="unit" name="unit" required maxlength={10} />
            </div>
            <div>
              <label for="barcode">{g.barcodeField}</label>
              <input id="barcode" name="barcode" inputmode="numeric" pattern="[0-9]{6,14}" />
              <label for="supplier">{g.supplierField}</label>
              <input id="supplier" name="supplier" maxlength={80} />
              <label for="costFen">{g.costField}</label>
              <input id="costFen" name="costFen" inputmode="numeric" pattern="[0-9]*" />
              <label for="lowStock">{g.lowStockField}</label>
              <input id="lowStock" name="lowStock" inputmode="numeric" pattern="[0-9]*" />
            </div>
          </div>
          <label for="photo">{g.photoField}</label>
          <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" />
          <p>
            <button type="submit">{g.add}</button>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post(`/shops/:merchantId{${ID}}`, async (c) => {
    const merchantId = c.req.param('merchantId');
    const back = `/console/goods/shops/${merchantId}`;
    const form = await parseForm(c, GoodBody);
    if (!form.ok) return c.redirect(`${back}?${refusedFields(form.fields)}`, 303);
    const photo = (await c.req.parseBody()).photo;
    const bytes =
      photo instanceof File && photo.size > 0 ? new Uint8Array(await photo.arrayBuffer()) : undefined;
    return orBack(c, back, async () => {
      await addGood(deps, c.get('principal'), merchantId, form.data, bytes);
      return c.redirect(`${back}?added=1`, 303);
    });
  });

  app.get(`/:id{${ID}}/photo`, async (c) => {
    const file = await readGoodPhoto(deps, c.get('principal'), c.req.param('id'));
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
  });

  app.post(`/:id{${ID}}/photo`, async (c) => {
    const id = c.req.param('id');
    const back = `/console/goods/${id}`;
    const photo = (await c.req.parseBody()).photo;
    if (!(photo instanceof File) || photo.size === 0)
      return c.redirect(`${back}?${refusedFields(['photo'])}`, 303);
    const bytes = new Uint8Array(await photo.arrayBuffer());
    return orBack(c, back, async () => {
      await uploadGoodPhoto(deps, c.get('principal'), id, bytes);
      return c.redirect(`${back}?saved=photo`, 303);
    });
  });

  app.post(`/flagged/:id{${ID}}/checked`, async (c) =>
    orBack(c, '/console/goods', async () => {
      await checkFlagged(deps, c.get('principal'), c.req.param('id'));
      return c.redirect('/console/goods?checked=1', 303);
    }),
  );

  app.post(`/:id{${ID}}/stock`, async (c) => {
    const id = c.req.param('id');
    const back = `/console/goods/${id}`;
    const form = await parseForm(c, StockEventBody);
    if (!form.ok) return c.redirect(`${back}?${refusedFields(form.fields)}`, 303);
    return orBack(c, back, async () => {
      await addStockEvent(deps, c.get('principal'), id, form.data);
      return c.redirect(`${back}?saved=stock`, 303);
    });
  });

  app.get(`/:id{${ID}}`, async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const g = w.goods;
    const tz = c.get('alliance').timezone;
    const principal = c.get('principal');
    const good = await getGood(deps, principal, c.req.param('id'));
    const shop = (await shopsWithGoods(deps.db, principal.allianceId)).find((s) => s.id === good.merchantId);
    const events = await namedEventsOf(deps.db, good.id);
    const saved = c.req.query('saved');
    const by = (e: (typeof events)[number]) =>
      e.byRole === 'device'
        ? `${g.byDevice}${e.byName ? ` · ${e.byName}` : ''}`
        : e.byRole === 'pos'
          ? g.byPos
          : (e.byName ?? '');
    return c.html(
      <Layout lang={lang} title={good.name} principal={principal} path={c.req.path}>
        <style>{STYLE}</style>
        <h1>
          {good.name}
          {shop && <span class="muted"> · {shop.name}</span>}
        </h1>
        <ErrorNote c={c} />
        {saved && (
          <p class="ok" role="status">
            {saved === 'photo' ? g.photoSaved : g.recorded}
          </p>
        )}
        <div class="claim-grid">
          <table class="facts" data-good={good.id}>
            <tbody>
              <tr class={good.low ? 'low' : undefined}>
                <th>{g.stock}</th>
                <td data-stock={good.stock}>
                  <strong>
                    {good.stock} {good.unit}
                  </strong>
                  {good.low && <span class="low-mark">{g.low}</span>}
                </td>
              </tr>
              <tr>
                <th>{g.lowStock}</th>
                <td>{good.lowStock}</td>
              </tr>
              <tr>
                <th>{g.points}</th>
                <td>
                  {good.points}
                  {good.copayFen > 0 && ` + ${yuan(good.copayFen)}`}
                </td>
              </tr>
              <tr>
                <th>{g.unit}</th>
                <td>{good.unit}</td>
              </tr>
              <tr>
                <th>{g.barcode}</th>
                <td>{good.barcode ?? ''}</td>
              </tr>
              <tr>
                <th>{g.supplier}</th>
                <td>{good.supplier ?? ''}</td>
              </tr>
              <tr>
                <th>{g.cost}</th>
                <td>{yuan(good.costFen)}</td>
              </tr>
              <tr>
                <th>{g.state}</th>
                <td>{good.active ? g.onSale : g.offSale}</td>
              </tr>
            </tbody>
          </table>
          <div>
            {good.photoUrl && (
              <img
                class="good-photo"
                src={`/console/goods/${good.id}/photo?v=${good.photoUrl.split('v=')[1] ?? ''}`}
                alt={good.name}
              />
            )}
            <form
              method="post"
              action={`/console/goods/${good.id}/photo`}
              enctype="multipart/form-data"
              class="no-print"
            >
              <label for="photo">{g.changePhoto}</label>
              <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required />{' '}
              <button type="submit">{g.upload}</button>
            </form>
          </div>
        </div>

        <div class="forms no-print">
          <form method="post" action={`/console/goods/${good.id}/stock`} class="card" data-form="delivery">
            <h2>{g.delivery}</h2>
            <p class="muted">{g.deliveryHelp}</p>
            <input type="hidden" name="kind" value="delivery" />
            <label for="delivery-quantity">{g.quantity}</label>
            <input id="delivery-quantity" name="quantity" inputmode="numeric" pattern="[0-9]*" required />
            <label for="delivery-supplier">{g.deliverySupplier}</label>
            <input id="delivery-supplier" name="supplier" maxlength={80} placeholder={good.supplier ?? ''} />
            <label for="delivery-cost">{g.deliveryCost}</label>
            <input
              id="delivery-cost"
              name="costFen"
              inputmode="numeric"
              pattern="[0-9]*"
              placeholder={good.costFen === null ? '' : String(good.costFen)}
            />
            <p>
              <button type="submit">{g.record}</button>
            </p>
          </form>
          <form method="post" action={`/console/goods/${good.id}/stock`} class="card" data-form="count">
            <h2>{g.count}</h2>
            <p class="muted">{g.countHelp}</p>
            <input type="hidden" name="kind" value="count" />
            <label for="count-quantity">{g.onShelf}</label>
            <input id="count-quantity" name="quantity" inputmode="numeric" pattern="[0-9]*" required />
            <label for="count-reason">{g.reason}</label>
            <input id="count-reason" name="reason" required maxlength={200} />
            <p>
              <button type="submit">{g.record}</button>
            </p>
          </form>
          <form method="post" action={`/console/goods/${good.id}/stock`} class="card" data-form="return">
            <h2>{g.returnGoods}</h2>
            <input type="hidden" name="kind" value="return" />
            <label for="return-quantity">{g.returnQuantity}</label>
            <input id="return-quantity" name="quantity" inputmode="numeric" pattern="[0-9]*" required />
            <label for="return-reason">{g.reason}</label>
            <input id="return-reason" name="reason" maxlength={200} />
            <p>
              <button type="submit">{g.record}</button>
            </p>
          </form>
        </div>

        <h2>{g.events}</h2>
        {events.length === 0 ? (
          <p>{g.noEvents}</p>
        ) : (
          <div class="scroll">
            <table data-table="events">
              <thead>
                <tr>
                  <th>{g.when}</th>
                  <th>{g.kind}</th>
                  <th class="num">{g.change}</th>
                  <th class="num">{g.counted}</th>
                  <th>{g.supplier}</th>
                  <th class="num">{g.cost}</th>
                  <th>{g.reason}</th>
                  <th>{g.by}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr class={e.flagged ? 'flagged' : undefined} data-kind={e.kind}>
                    <td class="nowrap">{formatTime(e.createdAt, tz)}</td>
                    <td>{g.kinds[e.kind] ?? e.kind}</td>
                    <td class="num">{e.quantity > 0 ? `+${e.quantity}` : e.quantity}</td>
                    <td class="num">{e.counted ?? ''}</td>
                    <td>{e.supplier ?? ''}</td>
                    <td class="num">{yuan(e.costFen)}</td>
                    <td>{reasonInWords(w, e)}</td>
                    <td>{by(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="no-print">
          <a href={`/console/goods/shops/${good.merchantId}`}>{g.back}</a>
        </p>
      </Layout>,
    );
  });

  /** The month a report names ("YYYY-MM"), or undefined. */
  const reportMonth = (c: Context<ConsoleEnv>) => {
    const month = c.req.query('month') ?? '';
    return parseMonth(month) ? month : undefined;
  };
  /** The shop a month report names; an id that is not one is no shop (404 in words). */
  const reportShop = (c: Context<ConsoleEnv>) => {
    const id = c.req.query('merchant') ?? '';
    if (!new RegExp(`^${ID}$`).test(id)) throw new AppError('merchant_not_found');
    return id;
  };

  app.get('/report.csv', async (c) => {
    const month = reportMonth(c);
    if (!month) return c.redirect('/console/goods?error=invalid_month', 303);
    const report = await goodsMonthReport(deps, c.get('principal'), reportShop(c), month);
    return csvResponse(c, goodsMonthCsv(report.merchant, report.month, report));
  });

  app.get('/report', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const g = w.goods;
    const tz = c.get('alliance').timezone;
    const month = reportMonth(c);
    if (!month) return c.redirect('/console/goods?error=invalid_month', 303);
    const merchantId = reportShop(c);
    const report = await goodsMonthReport(deps, c.get('principal'), merchantId, month);
    const t0 = report.totals;
    const query = `merchant=${merchantId}&month=${month}`;
    return c.html(
      <Layout lang={lang} title={g.monthReport} principal={c.get('principal')} path={c.req.path}>
        <style>{STYLE + REPORT_STYLE}</style>
        <h1>
          {c.get('alliance').name} · {g.monthReport}
        </h1>
        <p>
          {g.shop}: {report.merchant.number} {report.merchant.name} · {g.month}: {w.monthName(month)} ·{' '}
          {g.period}: {formatTime(report.month.startsAt, tz)} – {formatTime(report.month.endsAt, tz)}
        </p>
        <p class="no-print">
          <a href={`/console/goods/report.csv?${query}`}>CSV</a> ·{' '}
          <a href={`/console/goods/shops/${merchantId}`}>{g.back}</a>
        </p>
        <table class="report" data-table="month">
          <thead>
            <tr>
              <th>{g.name}</th>
              <th class="num">{g.stockStart}</th>
              <th class="num">{g.delivered}</th>
              <th class="num">{g.deliveredCost}</th>
              <th class="num">{g.exchanged}</th>
              <th class="num">{g.points}</th>
              <th class="num">{g.copay}</th>
              <th class="num">{g.costValue}</th>
              <th class="num">{g.returned}</th>
              <th class="num">{g.returnedCost}</th>
              <th class="num">{g.countAdjustment}</th>
              <th class="num">{g.stockEnd}</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((l) => (
              <tr data-good={l.goodsId} class={l.flagged > 0 ? 'flagged' : undefined}>
                <td>
                  {l.name}（{l.unit}）
                </td>
                <td class="num">{l.stockStart}</td>
                <td class="num">{l.delivered}</td>
                <td class="num">{yuan(l.deliveredCostFen)}</td>
                <td class="num">{l.exchanged}</td>
                <td class="num">{l.points}</td>
                <td class="num">{yuan(l.copayFen)}</td>
                <td class="num">{yuan(l.costValueFen)}</td>
                <td class="num">{l.returned}</td>
                <td class="num">{yuan(l.returnedCostFen)}</td>
                <td class="num">{l.countAdjustment > 0 ? `+${l.countAdjustment}` : l.countAdjustment}</td>
                <td class="num">{l.stockEnd}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{g.total}</th>
              <th class="num">{t0.stockStart}</th>
              <th class="num">{t0.delivered}</th>
              <th class="num">{yuan(t0.deliveredCostFen)}</th>
              <th class="num">{t0.exchanged}</th>
              <th class="num" data-points={t0.points}>
                {t0.points}
              </th>
              <th class="num">{yuan(t0.copayFen)}</th>
              <th class="num" data-cost-value-fen={t0.costValueFen}>
                {yuan(t0.costValueFen)}
              </th>
              <th class="num">{t0.returned}</th>
              <th class="num">{yuan(t0.returnedCostFen)}</th>
              <th class="num">{t0.countAdjustment}</th>
              <th class="num">{t0.stockEnd}</th>
            </tr>
          </tfoot>
        </table>
        <p>
          {g.ratio}:{' '}
          <strong data-ratio={report.pointsPerYuan ?? ''}>
            {report.pointsPerYuan === null ? g.noRatio : g.ratioWords(report.pointsPerYuan)}
          </strong>
        </p>
        {t0.flagged > 0 && <p class="notice">{g.flaggedInMonth(t0.flagged)}</p>}
        <p class="muted">{g.unitCostNote}</p>
        <p class="signature">
          {g.keeperSignature}: ____________________ {g.checkerSignature}: ____________________ {g.date}:
          ____________
        </p>
        <p class="no-print">
          <button type="button" data-print>
            {g.print}
          </button>
        </p>
      </Layout>,
    );
  });

  app.get('/suppliers.csv', async (c) => {
    const month = reportMonth(c);
    if (!month) return c.redirect('/console/goods?error=invalid_month', 303);
    const report = await supplierMonthReport(deps, c.get('principal'), month);
    return csvResponse(c, supplierMonthsCsv(report.month, report.suppliers));
  });

  app.get('/suppliers', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const g = w.goods;
    const tz = c.get('alliance').timezone;
    const month = reportMonth(c);
    if (!month) return c.redirect('/console/goods?error=invalid_month', 303);
    const report = await supplierMonthReport(deps, c.get('principal'), month);
    const total = report.suppliers.reduce((a, s) => a + s.netCostFen, 0);
    return c.html(
      <Layout lang={lang} title={g.supplierReport} principal={c.get('principal')} path={c.req.path}>
        <style>{STYLE + REPORT_STYLE}</style>
        <h1>
          {c.get('alliance').name} · {g.supplierReport}
        </h1>
        <p>
          {g.month}: {w.monthName(month)} · {g.period}: {formatTime(report.month.startsAt, tz)} –{' '}
          {formatTime(report.month.endsAt, tz)}
        </p>
        <p class="no-print">
          <a href={`/console/goods/suppliers.csv?month=${month}`}>CSV</a> ·{' '}
          <a href="/console/goods">{g.back}</a>
        </p>
        {report.suppliers.length === 0 && <p>{g.noDeliveries}</p>}
        {report.suppliers.map((s) => (
          <section data-supplier={s.supplier ?? ''}>
            <h2>{s.supplier ?? g.noSupplier}</h2>
            <table class="report">
              <thead>
                <tr>
                  <th>{g.shop}</th>
                  <th>{g.name}</th>
                  <th class="num">{g.delivered}</th>
                  <th class="num">{g.deliveredCost}</th>
                  <th class="num">{g.returned}</th>
                  <th class="num">{g.returnedCost}</th>
                  <th class="num">{g.netCost}</th>
                </tr>
              </thead>
              <tbody>
                {s.lines.map((l) => (
                  <tr>
                    <td>
                      {l.merchantNumber} {l.merchantName}
                    </td>
                    <td>
                      {l.name}（{l.unit}）
                    </td>
                    <td class="num">{l.delivered}</td>
                    <td class="num">{yuan(l.deliveredCostFen)}</td>
                    <td class="num">{l.returned}</td>
                    <td class="num">{yuan(l.returnedCostFen)}</td>
                    <td class="num">{yuan(l.netCostFen)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colspan={3}>{g.total}</th>
                  <th class="num">{yuan(s.deliveredCostFen)}</th>
                  <th />
                  <th class="num">{yuan(s.returnedCostFen)}</th>
                  <th class="num" data-net-cost-fen={s.netCostFen}>
                    {yuan(s.netCostFen)}
                  </th>
                </tr>
              </tfoot>
            </table>
          </section>
        ))}
        <p>
          {g.allTotal}: <strong data-total-fen={total}>{yuan(total)}</strong>
        </p>
        <p class="signature">
          {g.checkerSignature}: ____________________ {g.date}: ____________
        </p>
        <p class="no-print">
          <button type="button" data-print>
            {g.print}
          </button>
        </p>
      </Layout>,
    );
  });

  return app;
}
