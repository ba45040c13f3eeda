/**
 * How the console says no, always as a page in the reader's language: a registered problem's
 * words (shared/problems.ts) on the page a form returns to (`?error=<code>`, never free text, so
 * a crafted link cannot put words on the page), or a page of its own when an action is refused
 * outright (a right the reader lacks: 403 in words).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { isProblemCode, problemWords } from '../../shared/problems.ts';
import { type Right, requireRight } from '../auth/rights.ts';
import { type AppError, isAppError } from '../errors.ts';
import { t, type Words } from './i18n.ts';
import { Layout } from './layout.tsx';
import type { ConsoleEnv } from './session.ts';

/** The words for what `?error=…&fields=…` names, or nothing when it names no registered problem. */
export function ErrorNote({ c }: { c: Context<ConsoleEnv> }) {
  const code = c.req.query('error');
  if (!code || !isProblemCode(code)) return null;
  const w = t(c.get('lang'));
  const fields = (c.req.query('fields') ?? '')
    .split(',')
    .map((f) => w.fields[f as keyof Words['fields']])
    .filter(Boolean);
  return (
    <p class="error" role="alert" data-error={code}>
      {problemWords(code, c.get('lang'))}
      {fields.length > 0 && ` ${w.checkFields}${fields.join(w.listSeparator)}`}
    </p>
  );
}

/** Where a refused form goes back to, with the problem named by its code. */
export const withError = (path: string, code: string, extra = '') =>
  `${path}${path.includes('?') ? '&' : '?'}error=${code}${extra ? `&${extra}` : ''}`;

/**
 * Runs a form's action; a refusal of the domain (a code still open, a month not over) sends the
 * reader back to the form's page with the problem named there. A missing right is not sent back:
 * the refusal page says so.
 */
export async function orBack(c: Context<ConsoleEnv>, back: string, action: () => Promise<Response>) {
  try {
    return await action();
  } catch (e) {
    if (isAppError(e) && e.status < 500 && e.status !== 403) return c.redirect(withError(back, e.code), 303);
    throw e;
  }
}

/** A whole page that says no: the problem in words, and a way back. */
export function problemPage(c: Context<ConsoleEnv>, error: AppError) {
  const w = t(c.get('lang'));
  const words = problemWords(error.code, c.get('lang'));
  return (
    <Layout lang={c.get('lang')} title={words} principal={c.get('principal')} path={c.req.path}>
      <h1>{w.cannotDo}</h1>
      <p class="error" role="alert" data-error={error.code}>
        {words}
      </p>
      <p>
        <a href="/console/">{w.backHome}</a>
      </p>
    </Layout>
  );
}

/** Lets through readers with the right; anyone else gets the refusal page (403, in words). */
export function allow(right: Right): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    requireRight(c.get('principal'), right);
    await next();
  };
}
