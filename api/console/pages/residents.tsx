/** Residents and households: list, search, create, and the printable enrollment slip. */

import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import { Hono } from 'hono';
import { problemWords } from '../../../shared/problems.ts';
import { households, residents } from '../../db/schema/index.ts';
import { audit } from '../../directory/audit.ts';
import {
  createHousehold,
  createResident,
  findResident,
  RESIDENT_CODE_TTL_SECONDS,
  updateResident,
} from '../../directory/directory.ts';
import { issueEnrollmentCode } from '../../directory/enrollment.ts';
import { isAppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { accountBalances, residentHistory } from '../../ledger/accounts.ts';
import { MAX_POINTS_PER_TRANSFER } from '../../ledger/mint.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';
import { enrollmentSlipPage } from '../slip.tsx';
import { grantNonce } from './grants.tsx';

/** Residents a list page shows; the rest are a page away or a search away. */
const PAGE_SIZE = 100;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export function residentPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const principal = c.get('principal');
    const q = (c.req.query('q') ?? '').trim().slice(0, 60);
    const scope = eq(residents.allianceId, principal.allianceId);
    const where = q
      ? and(scope, or(ilike(residents.name, likePattern(q)), ilike(residents.phone, likePattern(q))))
      : scope;
    const [{ total } = { total: 0 }] = await deps.db.select({ total: count() }).from(residents).where(where);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Math.floor(Number(c.req.query('page')) || 1)));
    const rows = await deps.db
      .select({ r: residents, householdName: households.name })
      .from(residents)
      .leftJoin(households, eq(households.id, residents.householdId))
      .where(where)
      .orderBy(asc(residents.name), asc(residents.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE);
    const pageHref = (n: number) =>
      `/console/residents?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
    const allHouseholds = await deps.db
      .select()
      .from(households)
      .where(eq(households.allianceId, principal.allianceId))
      .orderBy(asc(households.name));
    const error = c.req.query('error');
    return c.html(
      <Layout lang={c.get('lang')} title={w.residents} principal={principal} path={c.req.path}>
        <h1>{w.residents}</h1>
        {error && <p class="error">{error}</p>}
        <form method="get" class="no-print">
          <input name="q" value={q} placeholder={`${w.name} / ${w.phone}`} aria-label={w.search} />{' '}
          <button type="submit">{w.search}</button>
        </form>
        <p class="muted" data-total={total}>
          {w.shown(rows.length ? (page - 1) * PAGE_SIZE + 1 : 0, (page - 1) * PAGE_SIZE + rows.length, total)}
        </p>
        <table>
          <thead>
            <tr>
              <th>{w.name}</th>
              <th>{w.phone}</th>
              <th>{w.household}</th>
              <th>{w.createdAt}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ r, householdName }) => (
              <tr>
                <td>
                  <a href={`/console/residents/${r.id}`}>{r.name}</a>
                </td>
                <td>{r.phone ?? ''}</td>
                <td>{householdName ?? ''}</td>
                <td>{formatTime(r.createdAt, c.get('alliance').timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {pages > 1 && (
          <p class="no-print pager">
            {page > 1 && <a href={pageHref(page - 1)}>← {w.previousPage}</a>} {page} / {pages}{' '}
            {page < pages && <a href={pageHref(page + 1)}>{w.nextPage} →</a>}
          </p>
        )}
        <div class="grid no-print" style="margin-top:1rem">
          <form method="post" action="/console/residents" class="card">
            <h2>
              {w.create} · {w.residents}
            </h2>
            <label for="name">{w.name}</label>
            <input id="name" name="name" required maxlength={60} />
            <label for="phone">{w.phone}</label>
            <input id="phone" name="phone" maxlength={20} />
            <label for="householdId">{w.household}</label>
            <select id="householdId" name="householdId">
              <option value="">{w.none}</option>
              {allHouseholds.map((h) => (
                <option value={h.id}>{h.name}</option>
              ))}
            </select>
            <p>
              <button type="submit">{w.create}</button>
            </p>
          </form>
          <form method="post" action="/console/residents/households" class="card">
            <h2>
              {w.create} · {w.household}
            </h2>
            <label for="hname">{w.name}</label>
            <input id="hname" name="name" required maxlength={60} />
            <p>
              <button type="submit">{w.create}</button>
            </p>
          </form>
        </div>
      </Layout>,
    );
  });

  app.post('/', async (c) => {
    const form = await c.req.parseBody();
    const name = String(form.name ?? '').trim();
    const phone = String(form.phone ?? '').trim();
    const householdId = String(form.householdId ?? '') || undefined;
    if (!name || name.length > 60)
      return c.redirect(
        `/console/residents?error=${encodeURIComponent('姓名必填，最多 60 字 / A name is required (at most 60 characters)')}`,
        303,
      );
    if (phone && !/^\+?[\d\s-]{5,20}$/.test(phone))
      return c.redirect(
        `/console/residents?error=${encodeURIComponent('电话号码格式不对 / The phone number is not valid')}`,
        303,
      );
    try {
      const created = await deps.db.transaction((tx) =>
        createResident(
          tx,
          c.get('principal'),
          { name, phone: phone || undefined, householdId },
          deps.codeKey,
          deps.clock,
        ),
      );
      return c.html(
        await slipPage(c, created.resident, created.enrollmentCode, created.enrollmentCodeExpiresAt),
      );
    } catch (e) {
      if (isAppError(e))
        return c.redirect(
          `/console/residents?error=${encodeURIComponent(problemWords(e.code, c.get('lang')))}`,
          303,
        );
      throw e;
    }
  });

  app.post('/households', async (c) => {
    const name = String((await c.req.parseBody()).name ?? '').trim();
    if (name && name.length <= 60)
      await deps.db.transaction((tx) => createHousehold(tx, c.get('principal'), { name }));
    return c.redirect('/console/residents', 303);
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const resident = await findResident(deps.db, c.get('principal').allianceId, c.req.param('id'));
    if (!resident) return c.notFound();
    const scope = { allianceId: c.get('principal').allianceId, residentId: resident.id };
    const balances = await accountBalances(deps.db, scope);
    const history = await residentHistory(deps.db, { ...scope, limit: 100 });
    const allHouseholds = await deps.db
      .select()
      .from(households)
      .where(eq(households.allianceId, c.get('principal').allianceId))
      .orderBy(asc(households.name));
    const householdName = allHouseholds.find((h) => h.id === resident.householdId)?.name;
    return c.html(
      <Layout lang={c.get('lang')} title={resident.name} principal={c.get('principal')} path={c.req.path}>
        <h1>{resident.name}</h1>
        <p>
          {w.phone}: {resident.phone ?? w.none} · {w.household}: {householdName ?? w.none} · {w.createdAt}:{' '}
          {formatTime(resident.createdAt, c.get('alliance').timezone)}
        </p>
        {c.req.query('saved') && <p class="ok">{w.saved}</p>}
        <details class="no-print">
          <summary>{w.edit}</summary>
          <form
            method="post"
            action={`/console/residents/${resident.id}/edit`}
            class="card"
            style="max-width:28rem"
          >
            <label for="edit-name">{w.name}</label>
            <input id="edit-name" name="name" required maxlength={60} value={resident.name} />
            <label for="edit-phone">{w.phone}</label>
            <input id="edit-phone" name="phone" maxlength={20} value={resident.phone ?? ''} />
            <label for="edit-household">{w.household}</label>
            <select id="edit-household" name="householdId">
              <option value="">{w.none}</option>
              {allHouseholds.map((h) => (
                <option value={h.id} selected={h.id === resident.householdId}>
                  {h.name}
                </option>
              ))}
            </select>
            <p class="muted">{w.householdMoveHelp}</p>
            <p>
              <button type="submit">{w.save}</button>
            </p>
          </form>
        </details>
        <form method="post" action={`/console/residents/${resident.id}/enrollment-code`} class="no-print">
          <button type="submit">
            {w.enrollmentSlip} ({w.create})
          </button>
        </form>
        {c.req.query('granted') && <p class="ok">{w.grantDone}</p>}
        {c.req.query('error') && <p class="error">{c.req.query('error')}</p>}
        <p class="balances">
          {w.balance}: <strong data-balance={balances.balance}>{balances.balance}</strong> · {w.held}:{' '}
          <span data-held={balances.held}>{balances.held}</span> · {w.available}:{' '}
          <span data-available={balances.available}>{balances.available}</span>
        </p>
        <form
          method="post"
          action={`/console/residents/${resident.id}/grant`}
          class="card no-print"
          style="max-width:28rem"
        >
          <h2>{w.grant}</h2>
          <input type="hidden" name="nonce" value={grantNonce()} />
          <label for="points">{w.points}</label>
          <input
            id="points"
            name="points"
            type="number"
            min={1}
            max={MAX_POINTS_PER_TRANSFER}
            step={1}
            required
          />
          <label for="reason">{w.reason}</label>
          <input id="reason" name="reason" required maxlength={200} />
          <p>
            <button type="submit">{w.grant}</button> <a href="/console/residents/grants">{w.bulkGrants}</a>
          </p>
        </form>
        <h2>{w.history}</h2>
        <table>
          <thead>
            <tr>
              <th>{w.when}</th>
              <th>{w.kind}</th>
              <th>{w.points}</th>
              <th>{w.reason}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <td>{formatTime(h.at, c.get('alliance').timezone)}</td>
                <td data-kind={h.kind}>{w.transferKinds[h.kind] ?? h.kind}</td>
                <td>{h.points > 0 ? `+${h.points}` : h.points}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const name = String(form.name ?? '').trim();
    const phone = String(form.phone ?? '').trim();
    const householdId = String(form.householdId ?? '') || null;
    const back = (error?: string) =>
      `/console/residents/${id}?${error ? `error=${encodeURIComponent(error)}` : 'saved=1'}`;
    if (!name || name.length > 60)
      return c.redirect(back('姓名必填，最多 60 字 / A name is required (at most 60 characters)'), 303);
    if (phone && !/^\+?[\d\s-]{5,20}$/.test(phone))
      return c.redirect(back('电话号码格式不对 / The phone number is not valid'), 303);
    try {
      await updateResident(
        deps.db,
        c.get('principal'),
        id,
        { name, phone: phone || null, householdId },
        deps.clock,
      );
      return c.redirect(back(), 303);
    } catch (e) {
      if (isAppError(e)) return c.redirect(back(problemWords(e.code, c.get('lang'))), 303);
      throw e;
    }
  });

  app.post('/:id{[0-9a-f-]{36}}/enrollment-code', async (c) => {
    const principal = c.get('principal');
    const resident = await findResident(deps.db, principal.allianceId, c.req.param('id'));
    if (!resident) return c.notFound();
    const issued = await deps.db.transaction(async (tx) => {
      const slip = await issueEnrollmentCode(
        tx,
        {
          allianceId: principal.allianceId,
          kind: 'resident',
          subjectId: resident.id,
          ttlSeconds: RESIDENT_CODE_TTL_SECONDS,
          codeKey: deps.codeKey,
        },
        deps.clock,
      );
      await audit(tx, principal, 'resident.enrollment_code', resident.id);
      return slip;
    });
    return c.html(await slipPage(c, resident, issued.code, issued.expiresAt));
  });

  return app;
}

function slipPage(
  c: import('hono').Context<ConsoleEnv>,
  resident: { id: string; name: string },
  code: string,
  expiresAt: Date,
) {
  return enrollmentSlipPage(c, {
    subject: resident.name,
    app: 'resident',
    code,
    expiresAt,
    backHref: `/console/residents/${resident.id}`,
  });
}
