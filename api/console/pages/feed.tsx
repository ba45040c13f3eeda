/**
 * The good-deeds feed (好人好事) as residents see it, for staff who review: each approved deed the
 * resident chose to show, with its photos and likes, and a hide button that asks first.
 */
import { type Context, Hono } from 'hono';
import { feed, hide } from '../../application/earning.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { ConfirmPage, Photo, titleOf } from './earning-parts.tsx';

const BASE = '/console/feed';
const SHOWN = 100;

async function deedOf(deps: RouteDeps, c: Context<ConsoleEnv>) {
  const items = await feed(deps, c.get('principal'), { limit: SHOWN });
  const item = items.find((i) => i.claimId === c.req.param('id'));
  if (!item) throw new AppError('claim_not_found');
  return item;
}

export function feedPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const tz = c.get('alliance').timezone;
    const items = await feed(deps, c.get('principal'), { limit: SHOWN });
    return c.html(
      <Layout lang={lang} title={e.feed} principal={c.get('principal')} path={c.req.path}>
        <h1>{e.feed}</h1>
        <p class="muted">{e.feedHelp}</p>
        {c.req.query('hidden') && <p class="ok">{e.hidden}</p>}
        <ErrorNote c={c} />
        {items.length === 0 && <p class="muted">{e.noDeeds}</p>}
        <div class="deeds">
          {items.map((item) => (
            <article class="card deed" data-deed={item.claimId}>
              <div class="deed-photos">
                {item.evidenceIds.map((id, i) => (
                  <Photo id={id} alt={e.photoOf(item.name, i + 1)} />
                ))}
              </div>
              <h2>
                {item.name} · {titleOf(lang, item)}
              </h2>
              {item.note && <p>{item.note}</p>}
              <p class="muted">
                {item.occurredOn} · {item.points} {w.points} · {e.likes(item.likes)} ·{' '}
                {formatTime(new Date(item.approvedAt), tz)}
              </p>
              <p class="no-print">
                <a class="button secondary" href={`${BASE}/${item.claimId}/hide`}>
                  {e.hide}
                </a>
              </p>
            </article>
          ))}
        </div>
      </Layout>,
    );
  });

  app.get('/:id{[0-9a-f-]{36}}/hide', async (c) => {
    const e = t(c.get('lang')).earn;
    const item = await deedOf(deps, c);
    return c.html(
      <ConfirmPage
        c={c}
        title={e.hideTitle(item.name, titleOf(c.get('lang'), item))}
        explain={e.hideExplain}
        action={c.req.path}
        button={e.confirmHide}
        backHref={BASE}
        path={BASE}
      />,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/hide', async (c) =>
    orBack(c, BASE, async () => {
      await hide(deps, c.get('principal'), c.req.param('id'));
      return c.redirect(`${BASE}?hidden=1`, 303);
    }),
  );

  return app;
}
