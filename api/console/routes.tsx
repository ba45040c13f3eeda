/**
 * The coordinator console: server-rendered pages under /console/, forms that post back, no
 * client script. Pages call the same domain functions as the JSON API.
 */

import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { problemWords } from '../../shared/problems.ts';
import { signInStaff } from '../auth/login.ts';
import { issueSession, revokeSessionFamily } from '../auth/sessions.ts';
import { isAppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { t } from './i18n.ts';
import { Layout } from './layout.tsx';
import { auditPages } from './pages/audit.tsx';
import { conflictPages, keyPages } from './pages/conflicts-keys.tsx';
import { dashboardPage } from './pages/dashboard.tsx';
import { grantPages } from './pages/grants.tsx';
import { merchantPages } from './pages/merchants.tsx';
import { noticePages } from './pages/notice.tsx';
import { residentPages } from './pages/residents.tsx';
import { settlementPages } from './pages/settlement.tsx';
import { type ConsoleEnv, clearSession, consoleAuth, consoleLanguage, storeSession } from './session.ts';

export function consoleRoutes(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>().basePath('/console');
  // Form posts must come from the console's own pages: the public origin (PUBLIC_URL, what the
  // browser sees behind a TLS proxy) or the origin this server was addressed as.
  app.use(
    csrf({
      origin: (origin, c) => origin === deps.publicOrigin || origin === new URL(c.req.url).origin,
    }),
  );
  app.use(consoleLanguage);

  app.get('/login', (c) => c.html(loginPage(c.get('lang'), c.req.query('next'))));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const email = String(form.email ?? '');
    const password = String(form.password ?? '');
    const next = safeNext(String(form.next ?? ''));
    try {
      const principal = await signInStaff(deps.db, { email, password, ip: deps.clientIp(c) }, deps.clock);
      storeSession(c, deps, await issueSession(deps.db, deps.tokenKeys, principal, deps.clock));
      return c.redirect(next, 303);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const message =
        e.code === 'invalid_credentials' ? t(c.get('lang')).wrongLogin : problemWords(e.code, c.get('lang'));
      const retryAfter = e.details?.retryAfter;
      if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return c.html(loginPage(c.get('lang'), next, message), e.status as 401 | 429);
    }
  });
  app.post('/logout', async (c) => {
    const refresh = clearSession(c);
    if (refresh) await revokeSessionFamily(deps.db, refresh, deps.clock);
    return c.redirect('/console/login', 303);
  });

  app.use('*', consoleAuth(deps));
  // basePath maps '' to '/console/' and '/' to '/console': register both.
  app.get('', (c) => dashboardPage(c, deps));
  app.get('/', (c) => dashboardPage(c, deps));
  app.route('/residents', grantPages(deps));
  app.route('/residents', residentPages(deps));
  app.route('/merchants', merchantPages(deps));
  app.route('/settlement', settlementPages(deps));
  app.route('/conflicts', conflictPages(deps));
  app.route('/keys', keyPages(deps));
  app.route('/notice', noticePages(deps));
  app.route('/audit', auditPages(deps));
  return app;
}

/** Only paths inside the console, so a crafted link cannot bounce a signed-in user elsewhere. */
function safeNext(next: string): string {
  return /^\/console\/[\w\-/]*$/.test(next) || next === '/console/' ? next : '/console/';
}

function loginPage(lang: 'zh' | 'en', next?: string, error?: string) {
  const w = t(lang);
  return (
    <Layout lang={lang} title={w.signIn}>
      <h1>{w.signIn}</h1>
      {error && <p class="error">{error}</p>}
      <form method="post" action="/console/login" class="card" style="max-width:28rem">
        <input type="hidden" name="next" value={safeNext(next ?? '')} />
        <label for="email">{w.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{w.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{w.signIn}</button>
        </p>
      </form>
    </Layout>
  );
}
