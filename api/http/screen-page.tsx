/**
 * The public screen's page (一屏公示, docs/screen.md) at /screen/: a shell rendered here, one
 * script file and one style sheet, all from this origin (the Content-Security-Policy runs no
 * other script). The link's token rides in the fragment (`/screen/#<token>`), which browsers
 * never send, so it stays out of access logs; the script reads it and fetches
 * `GET /v1/screen/{token}` itself. Chinese by default; `?lang=en` for English words.
 */
import { Hono } from 'hono';
import { SCREEN_SCRIPT } from './screen-script.ts';

/** Sizes in rem, the root scaled to the window: 40 px at 1920 × 1080, readable from three metres. */
export const SCREEN_STYLE = `
*{box-sizing:border-box;margin:0;padding:0}
html{font-size:min(2.0833vw,3.7037vh);background:#0b1d36;color:#fff}
body{font:1rem/1.35 "Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",system-ui,sans-serif;height:100vh;overflow:hidden;display:grid;grid-template-rows:2.8rem 1fr 1.9rem}
header{display:flex;align-items:center;gap:1rem;padding:0 1.2rem;background:#8b1d1d;border-bottom:.12rem solid #f5c542}
header .title{font-size:1.3rem;font-weight:700;white-space:nowrap}
header .where{font-size:1rem;color:#ffe9a8;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header .clock{margin-left:auto;font-size:1.2rem;font-variant-numeric:tabular-nums;white-space:nowrap}
main{padding:.8rem 1.2rem .6rem;min-height:0;overflow:hidden}
.panel{height:100%;display:flex;flex-direction:column;min-height:0}
.panel h2{font-size:1.6rem;line-height:1.2;color:#f5c542;margin-bottom:.6rem;display:flex;align-items:baseline;gap:1rem;white-space:nowrap}
.panel h2 small{font-size:1rem;color:#cfd8e6;font-weight:400;overflow:hidden;text-overflow:ellipsis}
.empty{font-size:1.4rem;color:#cfd8e6;margin:auto;text-align:center}
.rank{display:grid;grid-template-columns:1fr 1fr;grid-auto-flow:column;grid-template-rows:repeat(5,1fr);gap:.35rem 1.2rem;flex:1;min-height:0}
.rank li{list-style:none;display:flex;align-items:center;gap:.8rem;background:#13294b;border-radius:.3rem;padding:0 .8rem;min-height:0}
.rank .no{flex:none;width:1.8rem;height:1.8rem;border-radius:50%;display:grid;place-items:center;background:#2b4a7a;font-size:1.1rem;font-weight:700}
.rank li:nth-child(-n+3) .no{background:#f5c542;color:#3b2a00}
.rank .name{font-size:1.45rem;font-weight:700;flex:1;white-space:nowrap;overflow:hidden}
.rank .pts{font-size:1.45rem;font-weight:700;color:#ffd76a;font-variant-numeric:tabular-nums;white-space:nowrap}
.rank .pts small{font-size:1rem;color:#cfd8e6;font-weight:400;margin-left:.2rem}
.deeds{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:1rem;flex:1;min-height:0}
.deed{background:#13294b;border-radius:.35rem;overflow:hidden;display:flex;flex-direction:column;min-height:0}
.deed .photos{flex:1;min-height:0;display:flex;gap:.2rem;background:#0a1628}
.deed img{flex:1;min-width:0;width:100%;height:100%;object-fit:cover;display:block}
.deed .text{padding:.5rem .7rem .6rem}
.deed .who{font-size:1.3rem;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.deed .what{font-size:1.1rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.deed .meta{font-size:1rem;color:#ffd76a}
.deed.nophoto .photos{display:none}.deed.nophoto .text{margin:auto 0}.deed.nophoto .who{font-size:1.6rem}
.acts{display:grid;grid-template-rows:repeat(4,1fr);gap:.5rem;flex:1;min-height:0}
.act{background:#13294b;border-radius:.35rem;padding:.3rem 1rem;display:grid;grid-template-columns:1fr auto;align-items:center;column-gap:1rem;min-height:0}
.act .t{font-size:1.35rem;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.act .w{font-size:1rem;color:#cfd8e6;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.act .left{grid-row:1/3;grid-column:2;font-size:1.2rem;font-weight:700;color:#ffd76a;white-space:nowrap}
.act .left.full{color:#ff9c9c}
.stats{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem;flex:1;align-items:stretch}
.stat{background:#13294b;border-radius:.4rem;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;padding:1rem}
.stat .label{font-size:1.5rem}
.stat .value{font-size:4.5rem;font-weight:800;color:#ffd76a;font-variant-numeric:tabular-nums;line-height:1.2}
.stat .sub{font-size:1rem;color:#cfd8e6}
.shops{display:grid;grid-template-columns:1fr 1fr;grid-template-rows:repeat(3,1fr);gap:.6rem 1.2rem;flex:1;min-height:0}
.shop{background:#13294b;border-radius:.35rem;padding:.3rem 1rem;display:flex;flex-direction:column;justify-content:center;min-height:0}
.shop .n{font-size:1.35rem;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.shop .a,.shop .o{font-size:1rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.shop .a{color:#cfd8e6}.shop .o{color:#ffd76a}
footer{display:flex;align-items:center;gap:1rem;padding:0 1.2rem;font-size:1rem;background:#081528}
footer .dots{display:flex;gap:.35rem;flex:none}
footer .dot{width:.55rem;height:.55rem;border-radius:50%;background:#3b5580}footer .dot.on{background:#f5c542}
footer .status{margin-left:auto;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;color:#cfd8e6}
footer .status.warn{color:#1a1200;background:#f5c542;padding:.1rem .6rem;border-radius:.25rem;font-weight:700}
.stopped{display:grid;place-items:center;height:100vh;font-size:2.4rem;font-weight:700;text-align:center;padding:2rem;grid-row:1/4}
`;

export function screenPage(lang: 'zh' | 'en') {
  return (
    <html lang={lang === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{lang === 'en' ? 'Public screen' : '一屏公示'}</title>
        <link rel="stylesheet" href="/screen/screen.css" />
        <script src="/screen/screen.js" defer />
      </head>
      <body>
        <header>
          <span class="title" id="screen-title">
            {lang === 'en' ? 'Public screen' : '一屏公示'}
          </span>
          <span class="where" id="screen-where" />
          <span class="clock" id="screen-clock" />
        </header>
        <main id="screen-main" />
        <footer>
          <span class="dots" id="screen-dots" />
          <span class="status" id="screen-status" />
        </footer>
      </body>
    </html>
  );
}

export function screenPageRoutes() {
  const app = new Hono();
  app.get('/screen', (c) => c.redirect('/screen/', 301));
  app.get('/screen/', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(screenPage(c.req.query('lang') === 'en' ? 'en' : 'zh'));
  });
  app.get('/screen/screen.js', (c) =>
    c.body(SCREEN_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/screen/screen.css', (c) =>
    c.body(SCREEN_STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  return app;
}
