/**
 * Deductions (扣分) and their appeals (申诉). A deduction is recorded against a resident (from
 * their page) or a household, under a deduction rule, with a note and an optional photo; the
 * answer says what was deducted and what the free balance gave. Appeals wait for a reviewer
 * other than the one who recorded the deduction, who upholds (the points go back) or rejects,
 * with words the resident reads.
 */
import { type Context, Hono } from 'hono';
import { decideDeductionAppeal, deductAtCounter } from '../../application/earning.ts';
import { AppealDecision } from '../../application/inputs.ts';
import { hasRight, requireRight } from '../../auth/rights.ts';
import { allianceSettings, householdsOf, residentDetail } from '../../directory/queries.ts';
import { deductionList } from '../../earning/queries.ts';
import { currentRules } from '../../earning/rules.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { refusedFields } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { formNonce, posted, titleOf } from './earning-parts.tsx';

const BASE = '/console/deductions';

type DeductionRow = Awaited<ReturnType<typeof deductionList>>[number];

/** Who a deduction was against: the resident (a link to their page) or the household. */
function Against({ row }: { row: DeductionRow }) {
  const d = row.deduction;
  if (d.residentId) return <a href={`/console/residents/${d.residentId}`}>{row.residentName}</a>;
  return <span>{row.householdName}</span>;
}

/** The deductions recorded, newest first, with where each appeal stands. */
export function DeductionsTable({ c, rows }: { c: Context<ConsoleEnv>; rows: DeductionRow[] }) {
  const lang = c.get('lang');
  const w = t(lang);
  const e = w.earn;
  const tz = c.get('alliance').timezone;
  if (rows.length === 0) return <p class="muted">{e.noDeductions}</p>;
  return (
    <table data-table="deductions">
      <thead>
        <tr>
          <th>{w.when}</th>
          <th>{e.against}</th>
          <th>{e.deductionRule}</th>
          <th class="num">{w.points}</th>
          <th class="num">{e.taken}</th>
          <th>{e.note}</th>
          <th>{e.recordedBy}</th>
          <th>{e.appeals}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr data-deduction={row.deduction.id} data-appeal={row.deduction.appeal}>
            <td>{formatTime(row.deduction.createdAt, tz)}</td>
            <td>
              <Against row={row} />
            </td>
            <td>{titleOf(lang, row)}</td>
            <td class="num">{row.deduction.points}</td>
            <td class="num">{row.deduction.takenPoints}</td>
            <td>{row.deduction.note ?? ''}</td>
            <td>{row.recordedBy}</td>
            <td>
              {e.appealStates[row.deduction.appeal]}
              {row.deduction.appealReason && <div class="muted">{row.deduction.appealReason}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function deductionPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const principal = c.get('principal');
    const households = await householdsOf(deps.db, principal.allianceId);
    const rows = await deductionList(deps.db, { allianceId: principal.allianceId, limit: 100 });
    const canReview = hasRight(principal, 'review');
    const waiting = canReview
      ? (await deductionList(deps.db, { allianceId: principal.allianceId, appealed: true, limit: 200 }))
          .length
      : 0;
    return c.html(
      <Layout lang={lang} title={e.deductions} principal={principal} path={c.req.path}>
        <h1>{e.deductions}</h1>
        <ErrorNote c={c} />
        {canReview && (
          <p>
            <a class="button" href={`${BASE}/appeals`}>
              {e.appealsWaiting} ({waiting})
            </a>
          </p>
        )}
        <form method="get" action={`${BASE}/new`} class="card no-print" style="max-width:40rem">
          <h2>{e.newDeduction}</h2>
          <p class="muted">{e.deductHouseholdHelp}</p>
          <label for="householdId">{e.chooseHousehold}</label>
          <select id="householdId" name="householdId" required>
            {households.map((h) => (
              <option value={h.id}>{h.name}</option>
            ))}
          </select>
          <p>
            <button type="submit">{w.next}</button> <a href="/console/residents">{w.residents}</a>
          </p>
        </form>
        <h2>{e.deductionRecords}</h2>
        <DeductionsTable c={c} rows={rows} />
      </Layout>,
    );
  });

  app.get('/new', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const { allianceId } = c.get('principal');
    const target = await targetOf(deps, allianceId, c.req.query('residentId'), c.req.query('householdId'));
    const rules = (await currentRules(deps.db, allianceId)).filter((r) => r.kind === 'deduction');
    const most = Math.max(1, ...rules.map((r) => r.points ?? 1));
    return c.html(
      <Layout lang={lang} title={e.deductFor(target.name)} principal={c.get('principal')} path={BASE}>
        <h1>{e.deductFor(target.name)}</h1>
        <ErrorNote c={c} />
        {rules.length === 0 ? (
          <p class="muted">{e.noDeductionRules}</p>
        ) : (
          <form
            method="post"
            action={`${BASE}/new`}
            enctype="multipart/form-data"
            class="card no-print"
            style="max-width:40rem"
          >
            <input type="hidden" name="nonce" value={formNonce()} />
            <input type="hidden" name={target.field} value={target.id} />
            <label for="ruleCode">{e.deductionRule}</label>
            <select id="ruleCode" name="ruleCode" required>
              {rules.map((r) => (
                <option value={r.code}>
                  {r.category} · {titleOf(lang, r)} · {e.describePoints.deduction(r.points ?? 0)}
                </option>
              ))}
            </select>
            <label for="points">{e.pointsUpTo(most)}</label>
            <input id="points" name="points" type="number" min={1} max={most} step={1} />
            <label for="note">{e.note}</label>
            <textarea id="note" name="note" rows={3} maxlength={500} />
            <label for="photo">{e.optionalPhoto}</label>
            <input id="photo" name="photos" type="file" accept="image/jpeg,image/png,image/webp" />
            <p>
              <button type="submit">{e.newDeduction}</button> <a href={target.back}>{w.back}</a>
            </p>
          </form>
        )}
      </Layout>,
    );
  });

  app.post('/new', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const principal = c.get('principal');
    const form = await posted(c);
    const residentId = form.text('residentId') || undefined;
    const householdId = form.text('householdId') || undefined;
    const target = await targetOf(deps, principal.allianceId, residentId, householdId);
    const back = `${BASE}/new?${target.field}=${target.id}`;
    const nonce = form.text('nonce');
    const points = form.number('points');
    const note = form.text('note');
    const photos = form.files('photos');
    const bad = [
      !/^[0-9a-f-]{36}$/.test(nonce) && 'nonce',
      !form.text('ruleCode') && 'ruleCode',
      typeof points === 'string' && 'points',
      note.length > 500 && 'note',
      photos.length > 1 && 'photos',
    ].filter((f): f is string => Boolean(f));
    if (bad.length) return c.redirect(`${back}&${refusedFields(bad)}`, 303);
    const alliance = await allianceSettings(deps.db, principal.allianceId);
    return orBack(c, back, async () => {
      const view = await deductAtCounter(
        deps,
        principal,
        {
          residentId,
          householdId,
          ruleCode: form.text('ruleCode'),
          points: points as number | undefined,
          note: note || undefined,
        },
        await Promise.all(photos.map(async (p) => new Uint8Array(await p.arrayBuffer()))),
        nonce,
      );
      const title = titleOf(lang, view);
      return c.html(
        <Layout lang={lang} title={e.deductionDone} principal={principal} path={BASE}>
          <h1>{e.deductionDone}</h1>
          <p class="ok" data-points={view.points} data-taken={view.takenPoints}>
            {target.name}: {e.deductionResult(title, view.points, view.takenPoints)}
          </p>
          {view.appealUntil && (
            <p class="muted">{e.appealWindow(formatTime(new Date(view.appealUntil), alliance.timezone))}</p>
          )}
          <p class="no-print">
            <a href={target.back}>{w.back}</a> · <a href={BASE}>{e.deductionRecords}</a>
          </p>
        </Layout>,
      );
    });
  });

  app.get('/appeals', async (c) => {
    const lang = c.get('lang');
    const w = t(lang);
    const e = w.earn;
    const principal = c.get('principal');
    requireRight(principal, 'review');
    const tz = c.get('alliance').timezone;
    const rows = await deductionList(deps.db, {
      allianceId: principal.allianceId,
      appealed: true,
      limit: 200,
    });
    const decided = c.req.query('decided');
    return c.html(
      <Layout lang={lang} title={e.appealsWaiting} principal={principal} path={c.req.path}>
        <h1>{e.appealsWaiting}</h1>
        {decided && e.appealDecided[decided] && (
          <p class="ok" data-decided={decided}>
            {e.appealDecided[decided]}
          </p>
        )}
        <ErrorNote c={c} />
        {rows.length === 0 && <p class="muted">{e.noAppeals}</p>}
        {rows.map((row) => {
          const d = row.deduction;
          const own = d.createdBy === principal.subjectId;
          return (
            <article class="card" data-appeal={d.id}>
              <h2>
                <Against row={row} /> · {titleOf(lang, row)}
              </h2>
              <table class="facts">
                <tbody>
                  <tr>
                    <th scope="row">{w.points}</th>
                    <td>
                      {d.points} · {e.taken} {d.takenPoints}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{e.note}</th>
                    <td>{d.note ?? '—'}</td>
                  </tr>
                  <tr>
                    <th scope="row">{e.recordedBy}</th>
                    <td>
                      {row.recordedBy} · {formatTime(d.createdAt, tz)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{e.appealNote}</th>
                    <td class="note">{d.appealNote ?? e.noAppealNote}</td>
                  </tr>
                  <tr>
                    <th scope="row">{e.appealedAt}</th>
                    <td>{d.appealedAt ? formatTime(d.appealedAt, tz) : ''}</td>
                  </tr>
                </tbody>
              </table>
              {own ? (
                <p class="notice" data-own="1">
                  {e.ownDeduction}
                </p>
              ) : (
                <form method="post" action={`${BASE}/${d.id}/appeal`} class="no-print">
                  <label for={`reason-${d.id}`}>{e.appealReason}</label>
                  <input id={`reason-${d.id}`} name="reason" required maxlength={500} />
                  <p>
                    <button type="submit" name="uphold" value="yes">
                      {e.uphold}
                    </button>{' '}
                    <button type="submit" name="uphold" value="no" class="secondary">
                      {e.reject}
                    </button>
                  </p>
                </form>
              )}
            </article>
          );
        })}
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/appeal', async (c) => {
    const back = `${BASE}/appeals`;
    const form = await posted(c);
    const uphold = form.text('uphold');
    const parsed = AppealDecision.safeParse({
      uphold: uphold === 'yes' ? true : uphold === 'no' ? false : undefined,
      reason: form.text('reason') || undefined,
    });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      return c.redirect(`${back}?${refusedFields(fields)}`, 303);
    }
    return orBack(c, back, async () => {
      const view = await decideDeductionAppeal(deps, c.get('principal'), c.req.param('id'), parsed.data);
      return c.redirect(`${back}?decided=${view.appeal}`, 303);
    });
  });

  return app;
}

/** Whom the deduction form is for: a resident or a household of the reader's alliance. */
async function targetOf(
  deps: RouteDeps,
  allianceId: string,
  residentId: string | undefined,
  householdId: string | undefined,
) {
  if (residentId && /^[0-9a-f-]{36}$/.test(residentId)) {
    const found = await residentDetail(deps.db, allianceId, residentId);
    if (!found) throw new AppError('resident_not_found');
    return {
      field: 'residentId' as const,
      id: residentId,
      name: found.resident.name,
      back: `/console/residents/${residentId}`,
    };
  }
  if (householdId && /^[0-9a-f-]{36}$/.test(householdId)) {
    const household = (await householdsOf(deps.db, allianceId)).find((h) => h.id === householdId);
    if (!household) throw new AppError('household_not_found');
    return { field: 'householdId' as const, id: householdId, name: household.name, back: BASE };
  }
  throw new AppError('not_found');
}
