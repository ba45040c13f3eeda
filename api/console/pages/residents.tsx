/** Residents and households: list, search, create, edit, and the printable enrollment slip. */
import { type Context, Hono } from 'hono';
import {
  createHousehold,
  createResident,
  issueResidentCode,
  updateResident,
} from '../../application/directory.ts';
import { NewHousehold, NewResident, ResidentChanges } from '../../application/inputs.ts';
import { residentPhones, signOutResidentPhone } from '../../application/sessions.ts';
import { hasRight } from '../../auth/rights.ts';
import { householdsOf, residentDetail, residentsPage } from '../../directory/queries.ts';
import { claimsOf, deductionList } from '../../earning/queries.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { accountBalances } from '../../ledger/accounts.ts';
import { MAX_POINTS_PER_TRANSFER } from '../../ledger/mint.ts';
import { historyInWords } from '../../ledger/queries.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { enrollmentSlipPage } from '../slip.tsx';
import { cardsSection } from './cards.tsx';
import { DeductionsTable } from './deductions.tsx';
import { titleOf } from './earning-parts.tsx';
import { grantNonce } from './grants.tsx';

/** Residents a list page shows; the rest are a page away or a search away. */
const PAGE_SIZE = 100;

export function residentPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const { allianceId } = c.get('principal');
    const q = (c.req.query('q') ?? '').trim().slice(0, 60);
    const requested = Math.max(1, Math.floor(Number(c.req.query('page')) || 1));
    const first = await residentsPage(deps.db, {
      allianceId,
      q,
      limit: PAGE_SIZE,
      offset: (requested - 1) * PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
    const page = Math.min(pages, requested);
    const { total, rows } =
      page === requested
        ? first
        : await residentsPage(deps.db, { allianceId, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const households = await householdsOf(deps.db, allianceId);
    const pageHref = (n: number) =>
      `/console/residents?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
    return c.html(
      <Layout lang={c.get('lang')} title={w.residents} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.residents}</h1>
        <ErrorNote c={c} />
        <form method="get" class="no-print">
          <input name="q" value={q} placeholder={`${w.name} / ${w.phone}`} aria-label={w.search} />{' '}
          <button type="submit">{w.search}</button>{' '}
          <a class="button secondary" href="/console/residents/grants">
            {w.bulkGrants}
          </a>{' '}
          <a class="button secondary" href="/console/residents/cards/report">
            {w.cards.reportLink}
          </a>
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
            {rows.map(({ resident: r, householdName }) => (
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
        <div class="forms no-print">
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
              {households.map((h) => (
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
            <label for="hname">{w.householdName}</label>
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
    const form = await parseForm(c, NewResident);
    if (!form.ok) return c.redirect(`/console/residents?${refusedFields(form.fields)}`, 303);
    return orBack(c, '/console/residents', async () => {
      const { resident, slip } = await createResident(deps, c.get('principal'), form.data);
      return c.html(await slipPage(c, resident, slip));
    });
  });

  app.post('/households', async (c) => {
    const form = await parseForm(c, NewHousehold);
    if (!form.ok) return c.redirect(`/console/residents?${refusedFields(form.fields)}`, 303);
    await createHousehold(deps, c.get('principal'), form.data);
    return c.redirect('/console/residents', 303);
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const { allianceId } = c.get('principal');
    const found = await residentDetail(deps.db, allianceId, c.req.param('id'));
    if (!found) throw new AppError('not_found');
    const { resident, householdName } = found;
    const scope = { allianceId, residentId: resident.id };
    const balances = await accountBalances(deps.db, scope);
    const history = await historyInWords(deps.db, { ...scope, limit: 100 });
    const households = await householdsOf(deps.db, allianceId);
    const phones = await residentPhones(deps, c.get('principal'), resident.id);
    const tz = c.get('alliance').timezone;
    const e = w.earn;
    const lang = c.get('lang');
    const canDeduct = hasRight(c.get('principal'), 'deduct');
    const claims = await claimsOf(deps.db, { ...scope, limit: 20 });
    const deductions = canDeduct ? await deductionList(deps.db, { ...scope, limit: 20 }) : [];
    const cardsPart = await cardsSection(c, deps, resident.id);
    return c.html(
      <Layout lang={c.get('lang')} title={resident.name} principal={c.get('principal')} path={c.req.path}>
        <h1>{resident.name}</h1>
        <p>
          {w.phone}: {resident.phone ?? w.none} · {w.household}: {householdName ?? w.none} · {w.createdAt}:{' '}
          {formatTime(resident.createdAt, c.get('alliance').timezone)}
        </p>
        {c.req.query('saved') && <p class="ok">{w.saved}</p>}
        <ErrorNote c={c} />
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
              {households.map((h) => (
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
        <h2>{w.phones}</h2>
        {c.req.query('signedOut') && <p class="ok">{w.phoneSignedOut}</p>}
        {phones.length === 0 ? (
          <p class="muted">{w.noPhones}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{w.handset}</th>
                <th>{w.enrolledAt}</th>
                <th>{w.lastUsed}</th>
                <th class="no-print" />
              </tr>
            </thead>
            <tbody>
              {phones.map((p, i) => (
                <tr data-phone={p.familyId}>
                  <td>{w.phoneNumber(i + 1)}</td>
                  <td>{formatTime(p.enrolledAt, tz)}</td>
                  <td>{formatTime(p.lastUsedAt, tz)}</td>
                  <td class="no-print">
                    <form
                      class="inline"
                      method="post"
                      action={`/console/residents/${resident.id}/phones/${p.familyId}/sign-out`}
                    >
                      <button class="secondary" type="submit">
                        {w.signOutPhone}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="muted">{w.lostPhoneHelp}</p>
        <form method="post" action={`/console/residents/${resident.id}/enrollment-code`} class="no-print">
          <button type="submit">
            {w.enrollmentSlip} ({w.create})
          </button>
        </form>
        {cardsPart}
        {c.req.query('granted') && <p class="ok">{w.grantDone}</p>}
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
        <h2>{e.claims}</h2>
        {c.req.query('filed') && <p class="ok">{e.claimFiled}</p>}
        <p class="no-print">
          <a class="button" href={`/console/residents/${resident.id}/claim`}>
            {e.fileClaim}
          </a>{' '}
          {canDeduct && (
            <a class="button secondary" href={`/console/deductions/new?residentId=${resident.id}`}>
              {e.newDeduction}
            </a>
          )}
        </p>
        {claims.length === 0 ? (
          <p class="muted">{e.noClaimsYet}</p>
        ) : (
          <table data-table="claims">
            <thead>
              <tr>
                <th>{e.occurredOn}</th>
                <th>{e.rule}</th>
                <th>{w.state}</th>
                <th class="num">{w.points}</th>
                <th>{w.reason}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map(({ claim, rule }) => (
                <tr data-claim={claim.id} data-status={claim.status}>
                  <td>{claim.occurredOn}</td>
                  <td>{titleOf(lang, rule)}</td>
                  <td>{e.statuses[claim.status]}</td>
                  <td class="num">{claim.awardedPoints ?? claim.points ?? ''}</td>
                  <td>{claim.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canDeduct && (
          <>
            <h2>{e.deductionRecords}</h2>
            <DeductionsTable c={c} rows={deductions} />
          </>
        )}
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
                <td data-kind={h.ledgerKind}>{w.historyKinds[h.ledgerKind] ?? w.historyKinds.adjust}</td>
                <td>{h.points > 0 ? `+${h.points}` : h.points}</td>
                <td>
                  {h.reason ??
                    [h.merchantName, c.get('lang') === 'en' ? h.offerTitleEn : h.offerTitleZh]
                      .filter(Boolean)
                      .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/phones/:familyId{[0-9a-f-]{36}}/sign-out', async (c) => {
    const back = `/console/residents/${c.req.param('id')}`;
    return orBack(c, back, async () => {
      await signOutResidentPhone(deps, c.get('principal'), c.req.param('id'), c.req.param('familyId'));
      return c.redirect(`${back}?signedOut=1`, 303);
    });
  });

  app.post('/:id{[0-9a-f-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    const back = `/console/residents/${id}`;
    const form = await parseForm(c, ResidentChanges);
    if (!form.ok) return c.redirect(`${back}?${refusedFields(form.fields)}`, 303);
    return orBack(c, back, async () => {
      // An emptied household field takes the resident out of their household.
      await updateResident(deps, c.get('principal'), id, { householdId: null, ...form.data });
      return c.redirect(`${back}?saved=1`, 303);
    });
  });

  app.post('/:id{[0-9a-f-]{36}}/enrollment-code', async (c) => {
    const { resident, slip } = await issueResidentCode(deps, c.get('principal'), c.req.param('id'));
    return c.html(await slipPage(c, resident, slip));
  });

  return app;
}

function slipPage(
  c: Context<ConsoleEnv>,
  resident: { id: string; name: string },
  slip: { code: string; expiresAt: Date },
) {
  return enrollmentSlipPage(c, {
    subject: resident.name,
    app: 'resident',
    code: slip.code,
    expiresAt: slip.expiresAt,
    backHref: `/console/residents/${resident.id}`,
  });
}
