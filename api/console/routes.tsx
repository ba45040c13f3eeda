/**
 * The coordinator console: server-rendered pages under /console/, forms that post back, and one
 * small script file of our own (the print buttons). Pages read through the areas' queries and
 * act through the application layer, like the JSON API; who may do what is auth/rights.ts's
 * table, and every refusal is a page in words.
 */
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { problemWords } from '../../shared/problems.ts';
import { readEvidence } from '../application/earning.ts';
import { FirstSignIn, Login } from '../application/inputs.ts';
import { firstSignIn, signIn, signOut } from '../application/sessions.ts';
import { AppError, isAppError } from '../errors.ts';
import type { RouteDeps } from '../http/deps.ts';
import { asProblem } from '../http/failure.ts';
import { parseForm } from './form.ts';
import { t } from './i18n.ts';
import { Layout, PRINT_SCRIPT } from './layout.tsx';
import { activityPages } from './pages/activities.tsx';
import { auditPages } from './pages/audit.tsx';
import { cardPages } from './pages/cards.tsx';
import { conflictPages, keyPages } from './pages/conflicts-keys.tsx';
import { counterPages } from './pages/counter.tsx';
import { dashboardPage } from './pages/dashboard.tsx';
import { deductionPages } from './pages/deductions.tsx';
import { feedPages } from './pages/feed.tsx';
import { goodsPages } from './pages/goods.tsx';
import { grantPages } from './pages/grants.tsx';
import { householdPages } from './pages/households.tsx';
import { scoringNoticePages, scoringPages } from './pages/households-scoring.tsx';
import { inspectPages } from './pages/inspect.tsx';
import { merchantPages } from './pages/merchants.tsx';
import { noticePages } from './pages/notice.tsx';
import { rankingPages } from './pages/rankings.tsx';
import { residentPages } from './pages/residents.tsx';
import { reviewPages } from './pages/review.tsx';
import { rulePages } from './pages/rules.tsx';
import { screenPages } from './pages/screens.tsx';
import { settlementPages } from './pages/settlement.tsx';
import { staffPages } from './pages/staff.tsx';
import { allow, problemPage } from './problems.tsx';
import { type ConsoleEnv, clearSession, consoleAuth, consoleLanguage, storeSession } from './session.ts';

export function consoleRoutes(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>().basePath('/console');
  app.use(consoleLanguage);
  // Form posts must come from the console's own pages: the public origin (PUBLIC_URL, what the
  // browser sees behind a TLS proxy) or the origin this server was addressed as.
  app.use(
    csrf({
      origin: (origin, c) => origin === deps.publicOrigin || origin === new URL(c.req.url).origin,
    }),
  );
  app.onError((err, c) => {
    const shown = asProblem(err, deps.logger, c.get('requestId'));
    return c.html(problemPage(c, shown), shown.status as 400);
  });

  app.get('/print.js', (c) =>
    c.body(PRINT_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/login', (c) => c.html(loginPage(c.get('lang'), c.req.query('next'))));
  app.post('/login', async (c) => {
    const next = safeNext(String((await c.req.parseBody()).next ?? ''));
    const form = await parseForm(c, Login);
    const w = t(c.get('lang'));
    if (!form.ok) return c.html(loginPage(c.get('lang'), next, w.wrongLogin), 401);
    try {
      const { tokens } = await signIn(deps, { ...form.data, ip: deps.clientIp(c) });
      storeSession(c, deps, tokens);
      return c.redirect(next, 303);
    } catch (e) {
      if (!isAppError(e) || e.status >= 500) throw e;
      const retryAfter = e.details?.retryAfter;
      if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      const message = e.code === 'invalid_credentials' ? w.wrongLogin : undefined;
      return c.html(loginPage(c.get('lang'), next, message, e.code), e.status as 401 | 429);
    }
  });
  app.get('/first-sign-in', (c) => c.html(firstSignInPage(c.get('lang'))));
  app.post('/first-sign-in', async (c) => {
    const body = await c.req.parseBody();
    const lang = c.get('lang');
    const w = t(lang);
    if (String(body.newPassword ?? '') !== String(body.repeat ?? '')) {
      return c.html(firstSignInPage(lang, w.passwordsDiffer), 400);
    }
    const parsed = FirstSignIn.safeParse({
      email: String(body.email ?? '') || undefined,
      code: String(body.code ?? ''),
      newPassword: String(body.newPassword ?? ''),
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '');
      return c.html(firstSignInPage(lang, field === 'newPassword' ? w.choosePassword : w.wrongCode), 400);
    }
    try {
      const { tokens } = await firstSignIn(deps, { ...parsed.data, ip: deps.clientIp(c) });
      storeSession(c, deps, tokens);
      return c.redirect('/console/', 303);
    } catch (e) {
      if (!isAppError(e) || e.status >= 500) throw e;
      const retryAfter = e.details?.retryAfter;
      if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      const message = e.code === 'invalid_credentials' ? w.wrongCode : undefined;
      return c.html(firstSignInPage(lang, message, e.code), e.status as 401 | 429);
    }
  });
  app.post('/logout', async (c) => {
    const refresh = clearSession(c);
    if (refresh) await signOut(deps, refresh);
    return c.redirect('/console/login', 303);
  });

  app.use('*', consoleAuth(deps));
  // basePath maps '' to '/console/' and '/' to '/console': register both.
  app.get('', allow('overview'), (c) => dashboardPage(c, deps));
  app.get('/', allow('overview'), (c) => dashboardPage(c, deps));
  app.use('/residents/*', allow('residents'));
  app.route('/residents', grantPages(deps));
  app.route('/residents', counterPages(deps));
  app.route('/residents', cardPages(deps));
  app.route('/residents', residentPages(deps));
  app.route('/merchants', merchantPages(deps));
  app.use('/settlement/*', allow('settlement'));
  app.route('/settlement', settlementPages(deps));
  app.use('/conflicts/*', allow('conflicts'));
  app.route('/conflicts', conflictPages(deps));
  app.use('/keys/*', allow('keys'));
  app.route('/keys', keyPages(deps));
  app.use('/notice/*', allow('overview'));
  app.route('/notice', noticePages(deps));
  app.use('/rankings/*', allow('overview'));
  app.use('/rankings/awards/*', allow('awards'));
  app.route('/rankings', rankingPages(deps));
  app.use('/audit/*', allow('overview'));
  app.route('/audit', auditPages(deps));
  app.use('/staff/*', allow('staff'));
  app.route('/staff', staffPages(deps));
  app.use('/rules/*', allow('rules'));
  app.route('/rules', rulePages(deps));
  app.use('/review/*', allow('review'));
  app.route('/review', reviewPages(deps));
  app.use('/deductions/*', allow('deduct'));
  app.route('/deductions', deductionPages(deps));
  app.use('/feed/*', allow('review'));
  app.route('/feed', feedPages(deps));
  app.use('/households/*', allow('residents'));
  app.route('/households', householdPages(deps));
  app.use('/scoring/*', allow('scoring'));
  app.route('/scoring', scoringPages(deps));
  app.route('/notice/scoring', scoringNoticePages(deps));
  app.use('/activities/*', allow('organize'));
  app.route('/activities', activityPages(deps));
  app.use('/screens/*', allow('screens'));
  app.route('/screens', screenPages(deps));
  app.use('/inspect/*', allow('inspect'));
  app.route('/inspect', inspectPages(deps));
  app.use('/goods/*', allow('goods'));
  app.route('/goods', goodsPages(deps));
  // Photos of claims and deductions, for readers the use case lets see them; never a shared cache.
  app.get('/evidence/:id{[0-9a-f-]{36}}', async (c) => {
    const file = await readEvidence(deps, c.get('principal'), c.req.param('id'));
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
  });
  // Anything else under /console is a page in words too, never the JSON API's problem document.
  app.all('*', () => {
    throw new AppError('not_found');
  });
  return app;
}

/** Only paths inside the console, so a crafted link cannot bounce a signed-in user elsewhere. */
function safeNext(next: string): string {
  return /^\/console\/[\w\-/]*$/.test(next) || next === '/console/' ? next : '/console/';
}

function loginPage(lang: 'zh' | 'en', next?: string, error?: string, code?: string) {
  const w = t(lang);
  const words = error ?? (code ? problemWords(code, lang) : undefined);
  return (
    <Layout lang={lang} title={w.signIn}>
      <h1>{w.signIn}</h1>
      {words && (
        <p class="error" role="alert" data-error={code}>
          {words}
        </p>
      )}
      <form method="post" action="/console/login" class="card" style="max-width:28rem">
        <input type="hidden" name="next" value={safeNext(next ?? '')} />
        <label for="email">{w.loginId}</label>
        <input id="email" name="email" autocomplete="username" required maxlength={254} />
        <label for="password">{w.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{w.signIn}</button>
        </p>
      </form>
      <p>
        <a href="/console/first-sign-in">{w.firstSignIn}</a>
      </p>
    </Layout>
  );
}

function firstSignInPage(lang: 'zh' | 'en', error?: string, code?: string) {
  const w = t(lang);
  const words = error ?? (code ? problemWords(code, lang) : undefined);
  return (
    <Layout lang={lang} title={w.firstSignInTitle}>
      <h1>{w.firstSignInTitle}</h1>
      <p>{w.firstSignInHelp}</p>
      {words && (
        <p class="error" role="alert" data-error={code}>
          {words}
        </p>
      )}
      <form method="post" action="/console/first-sign-in" class="card" style="max-width:28rem">
        <label for="email">{w.loginId}</label>
        <input id="email" name="email" autocomplete="username" required maxlength={254} />
        <label for="code">{w.signInCode}</label>
        <input
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          maxlength={12}
        />
        <label for="newPassword">{w.choosePassword}</label>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          minlength={10}
          maxlength={200}
          required
        />
        <label for="repeat">{w.repeatPassword}</label>
        <input id="repeat" name="repeat" type="password" autocomplete="new-password" required />
        <p>
          <button type="submit">{w.signIn}</button>
        </p>
      </form>
    </Layout>
  );
}
