/** The console's page shell: navigation, language switch, and styles that print cleanly on A4. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Principal } from '../auth/principal.ts';
import { hasRight } from '../auth/rights.ts';
import { type Lang, t, type Words } from './i18n.ts';

const STYLE = `
*{box-sizing:border-box}body{font:16px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#111;background:#f6f6f4}
header{background:#8b1d1d;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none;padding:.35rem .5rem;border-radius:.35rem}header a[aria-current=page]{background:#fff2;font-weight:700}
header .app{font-weight:700;margin-right:1rem}header .right{margin-left:auto;display:flex;gap:.5rem;align-items:center}
main{max-width:72rem;margin:1rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f0ece6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
form.inline{display:inline}label{display:block;margin:.5rem 0 .2rem;font-weight:600}
input,select,textarea{font:inherit;padding:.45rem .5rem;border:1px solid #999;border-radius:.3rem;min-width:16rem;max-width:100%}
button,.button{font:inherit;padding:.5rem 1rem;border:0;border-radius:.35rem;background:#8b1d1d;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#555}label.choice{font-weight:400;display:flex;gap:.5rem;align-items:center}label.choice input{min-width:0}fieldset{border:1px solid #ddd;border-radius:.35rem;margin:.75rem 0}.card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1rem;margin:.75rem 0}
.forms{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));gap:.75rem;margin-top:1rem}.forms input,.forms select{width:100%;min-width:0}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem}.stat{font-size:1.8rem;font-weight:700}
.muted{color:#555}.error{background:#fde8e8;border:1px solid #b91c1c;padding:.75rem;border-radius:.35rem}
.ok{background:#e7f6ea;border:1px solid #15803d;padding:.75rem;border-radius:.35rem}.secret{font:1.2rem ui-monospace,monospace;background:#fffbe6;padding:.5rem;border:1px dashed #b58900;word-break:break-all}
.photo{display:block;max-width:10rem;max-height:8rem;border:1px solid #ccc;border-radius:.3rem;background:#fff}.photo.large{max-width:100%;max-height:32rem;margin-bottom:.5rem}
.claim-grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem}.claim h2{margin-top:0}.facts th{width:7rem;font-weight:600}.note{white-space:pre-wrap}
.decide{display:grid;gap:.5rem}.decide form{border-top:1px solid #eee;padding-top:.25rem}.decide input,.decide select{width:100%;min-width:0}.decide p{margin:.4rem 0}
.notice{background:#fff7e0;border:1px solid #b58900;padding:.6rem .75rem;border-radius:.35rem}.recent summary{cursor:pointer;font-weight:600;margin-top:.5rem}
.deeds{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:.75rem}.deed h2{font-size:1.1rem;margin:.5rem 0}.deed-photos{display:flex;gap:.5rem;flex-wrap:wrap}
.kinds li{margin:.4rem 0}.filters select{min-width:10rem}textarea{width:100%}
@media (max-width:52rem){.claim-grid{grid-template-columns:1fr}}
@media print{header,.no-print{display:none!important}body{background:#fff}main{margin:0;max-width:none}.card{border:0;padding:0}@page{size:A4;margin:15mm}}
`;

/**
 * The console's only script, served as a file (the Content-Security-Policy runs no inline code):
 * any button marked data-print prints the page.
 */
export const PRINT_SCRIPT = `document.addEventListener('click', function (e) {
  var t = e.target;
  if (t && t.closest && t.closest('[data-print]')) window.print();
});
`;

export interface LayoutProps {
  lang: Lang;
  title: string;
  principal?: Principal;
  /** Path of the page, to mark the current section. */
  path?: string;
  children: Child;
}

export function Layout({ lang, title, principal, path = '', children }: LayoutProps) {
  const w = t(lang);
  // Only the sections the reader may open (auth/rights.ts): staff see no settlement or keys.
  const sections = (
    [
      ['/console/', w.dashboard, 'overview'],
      ['/console/residents', w.residents, 'residents'],
      ['/console/households', w.hh.households, 'residents'],
      ['/console/merchants', w.merchants, 'overview'],
      ['/console/settlement', w.settlement, 'settlement'],
      ['/console/conflicts', w.conflicts, 'conflicts'],
      ['/console/keys', w.keys, 'keys'],
      ['/console/review', w.earn.review, 'review'],
      ['/console/deductions', w.earn.deductions, 'deduct'],
      ['/console/feed', w.earn.feed, 'review'],
      ['/console/rules', w.earn.rules, 'rules'],
      ['/console/activities', w.act.activities, 'organize'],
      ['/console/goods', w.goods.supermarket, 'goods'],
      ['/console/scoring', w.hh.scoring, 'scoring'],
      ['/console/staff', w.earn.staff, 'staff'],
      ['/console/screens', w.screen.screens, 'screens'],
      ['/console/rankings', w.rank.rankings, 'overview'],
      ['/console/notice', w.notice, 'overview'],
      ['/console/audit', w.audit, 'overview'],
    ] as const
  ).filter(([, , right]) => principal && hasRight(principal, right));
  const current =
    sections.filter(([href]) => href !== '/console/' && path.startsWith(href)).at(0)?.[0] ?? '/console/';
  return (
    <html lang={lang === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${w.appName}`}</title>
        {/* raw: JSX would escape the quotes of the font names and the browser drop the rule */}
        <style>{raw(STYLE)}</style>
        <script src="/console/print.js" defer />
      </head>
      <body>
        <header>
          <span class="app">{w.appName}</span>
          {principal &&
            sections.map(([href, label]) => (
              <a href={href} aria-current={href === current ? 'page' : undefined}>
                {label}
              </a>
            ))}
          <span class="right">
            <a href={`?lang=${lang === 'en' ? 'zh' : 'en'}`}>{w.switchLang}</a>
            {principal && (
              <form class="inline" method="post" action="/console/logout">
                <button class="secondary" type="submit">
                  {w.signOut}
                </button>
              </form>
            )}
          </span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

/** Merchants with their redemptions and points: the dashboard's top five, the notice's list. */
export function MerchantPointsTable(props: {
  w: Words;
  name: string;
  rows: { label: Child; redemptions: number; points: number }[];
}) {
  const { w } = props;
  return (
    <table data-table={props.name}>
      <thead>
        <tr>
          <th>{w.merchants}</th>
          <th class="num">{w.redemptionCount}</th>
          <th class="num">{w.points}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>{r.label}</td>
            <td class="num">{r.redemptions}</td>
            <td class="num">{r.points}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
