/**
 * 公示屏 (the public screen, docs/screen.md), for the coordinator: every screen link with where it
 * hangs, what it shows, when it was made and last read by its television, active or revoked; a
 * form to make one; for an active link the link itself and its QR, to open on the television;
 * and revoking, which asks first.
 */
import { Hono } from 'hono';
import { ScreenLinkBody } from '../../application/inputs.ts';
import { createScreen, listScreens, revokeScreen } from '../../application/screens.ts';
import { communitiesOf } from '../../directory/queries.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import { qrSvg } from '../qr.ts';
import type { ConsoleEnv } from '../session.ts';
import { ConfirmPage } from './earning-parts.tsx';

const BASE = '/console/screens';

export function screenPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const s = w.screen;
    const tz = c.get('alliance').timezone;
    const actor = c.get('principal');
    const screens = await listScreens(deps, actor, c.get('origin'));
    const communities = await communitiesOf(deps.db, actor.allianceId);
    const made = c.req.query('made');
    const active = screens.filter((l) => l.url);
    const qrs = new Map(
      await Promise.all(active.map(async (l) => [l.id, await qrSvg(l.url!, 200)] as const)),
    );
    return c.html(
      <Layout lang={lang} title={s.screens} principal={actor} path={c.req.path}>
        <h1>{s.screens}</h1>
        <p class="muted">{s.help}</p>
        {made && screens.some((l) => l.id === made) && <p class="ok">{s.made}</p>}
        {c.req.query('revoked') && <p class="ok">{s.revokedNote}</p>}
        <ErrorNote c={c} />
        <form method="post" action={BASE} class="card" data-form="new-screen" style="max-width:36rem">
          <h2 style="margin-top:0">{s.newScreen}</h2>
          <label for="name">{s.name}</label>
          <input id="name" name="name" required maxlength={60} />
          <label for="community">{s.community}</label>
          <input id="community" name="community" maxlength={60} list="communities" />
          <datalist id="communities">
            {communities.map((name) => (
              <option value={name} />
            ))}
          </datalist>
          <p>
            <button type="submit">{s.create}</button>
          </p>
        </form>
        <h2>{s.list}</h2>
        {screens.length === 0 ? (
          <p class="muted">{s.none}</p>
        ) : (
          <div style="overflow-x:auto">
            <table data-table="screens">
              <thead>
                <tr>
                  <th>{s.where}</th>
                  <th>{s.shows}</th>
                  <th>{s.created}</th>
                  <th>{s.lastSeen}</th>
                  <th>{s.state}</th>
                  <th class="no-print" />
                </tr>
              </thead>
              <tbody>
                {screens.map((l) => (
                  <tr data-screen={l.id} data-state={l.revokedAt ? 'revoked' : 'active'}>
                    <td>{l.name}</td>
                    <td>{l.community ?? s.allCommunities}</td>
                    <td>{formatTime(new Date(l.createdAt), tz)}</td>
                    <td>{l.lastSeenAt ? formatTime(new Date(l.lastSeenAt), tz) : s.never}</td>
                    <td>{l.revokedAt ? s.revoked(formatTime(new Date(l.revokedAt), tz)) : s.active}</td>
                    <td class="no-print">
                      {!l.revokedAt && (
                        <a class="button secondary" href={`${BASE}/${l.id}/revoke`}>
                          {s.revoke}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="forms">
          {active.map((l) => (
            <section class="card" id={`screen-${l.id}`} data-screen-link={l.id}>
              <h2 style="margin-top:0">{l.name}</h2>
              <p>
                {s.link}
                <a href={l.url!} data-screen-url={l.url!} style="word-break:break-all">
                  {l.url}
                </a>
              </p>
              <figure role="img" aria-label={s.qrOf(l.name)} style="margin:0">
                {qrs.get(l.id)}
              </figure>
            </section>
          ))}
        </div>
      </Layout>,
    );
  });

  app.post('/', async (c) => {
    const form = await parseForm(c, ScreenLinkBody);
    if (!form.ok) return c.redirect(`${BASE}?${refusedFields(form.fields)}`, 303);
    return orBack(c, BASE, async () => {
      const made = await createScreen(deps, c.get('principal'), form.data, c.get('origin'));
      return c.redirect(`${BASE}?made=${made.id}#screen-${made.id}`, 303);
    });
  });

  app.get('/:id{[0-9a-f-]{36}}/revoke', async (c) => {
    const s = t(c.get('lang')).screen;
    const screens = await listScreens(deps, c.get('principal'), c.get('origin'));
    const link = screens.find((l) => l.id === c.req.param('id'));
    if (!link) throw new AppError('screen_link_not_found');
    return c.html(
      <ConfirmPage
        c={c}
        title={s.revokeTitle(link.name)}
        explain={s.revokeExplain}
        action={c.req.path}
        button={s.confirmRevoke}
        backHref={BASE}
        path={BASE}
      />,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/revoke', async (c) =>
    orBack(c, BASE, async () => {
      await revokeScreen(deps, c.get('principal'), c.req.param('id'), c.get('origin'));
      return c.redirect(`${BASE}?revoked=1`, 303);
    }),
  );

  return app;
}
