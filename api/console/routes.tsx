/**
 * The coordinator console: server-rendered pages under /console/, forms that post back, no
 * client script. Pages call the same domain functions as the JSON API.
 */

import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { problemWords } from '../../shared/problems.ts';
import { checkStaffLogin } from '../auth/login.ts';
import { issueSession, revokeSessionFamily } from '../auth/sessions.ts';
import { consumeAttempt, LOGIN_RULE } from '../auth/throttle.ts';
import { isAppError } from '../errors.ts';
import { clientIp } from '../http/client-ip.ts';
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
  app.use(csrf());
  app.use(consoleLanguage);

  app.get('/login', (c) => c.html(loginPage(c.get('lang'), c.req.query('next'))));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const email = String(form.email ?? '');
    const password = String(form.password ?? '');
    const next = safeNext(String(form.next ?? ''));
    try {
      await consumeAttempt(
        deps.db,
        [`login:ip:${clientIp(c)}`, `login:email:${email.toLowerCase()}`],
        LOGIN_RULE,
        deps.clock,
      );
      const principal = await checkStaffLogin(deps.db, email, password);
      storeSession(c, await issueSession(deps.db, deps.tokenKeys, principal, deps.clock));
      return c.redirect(next, 303);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const message =
        e.code === 'invalid_credentials' ? t(c.get('lang')).wrongLogin : problemWords(e.code, c.get('lang'));
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
