/**
 * Staff (工作人员), the coordinator's: who works for the alliance, their rights in words, the
 * invite form (name, e-mail and/or phone, an initial password or else a one-time sign-in code shown
 * once, rights, areas, their own resident record), changing them, a new sign-in code for a
 * forgotten password, and disabling or enabling an account after asking first (application/staff.ts).
 */
import { type Context, Hono } from 'hono';
import { StaffBody, StaffChanges } from '../../application/inputs.ts';
import { changeStaff, inviteStaff, listStaff } from '../../application/staff.ts';
import { STAFF_RIGHTS } from '../../auth/rights.ts';
import { findResident } from '../../directory/directory.ts';
import { residentByPhone } from '../../directory/queries.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { refusedFields } from '../form.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { ConfirmPage, type Posted, posted } from './earning-parts.tsx';

const BASE = '/console/staff';

/** Areas typed one a line (or separated by commas or 、). */
const areasOf = (text: string) =>
  text
    .split(/[\n\r,，、;；]+/)
    .map((a) => a.trim())
    .filter(Boolean);

function staffFields(form: Posted) {
  return {
    name: form.text('name') || undefined,
    phone: form.text('phone') || undefined,
    rights: form.all('rights'),
    areas: areasOf(form.text('areas')),
  };
}

/** The resident record the form names by its phone number: none when empty, refused when unknown. */
async function residentNamed(deps: RouteDeps, c: Context<ConsoleEnv>, phone: string) {
  if (!phone) return undefined;
  const found = await residentByPhone(deps.db, c.get('principal').allianceId, phone);
  if (!found) throw new AppError('resident_not_found');
  return found.id;
}

/** The one-time sign-in code, on a page of its own: shown once, never in an address or a log. */
function CodePage(props: { c: Context<ConsoleEnv>; name: string; code: { code: string; expiresAt: Date } }) {
  const { c, name, code } = props;
  const e = t(c.get('lang')).earn;
  return (
    <Layout lang={c.get('lang')} title={e.codeTitle(name)} principal={c.get('principal')} path={BASE}>
      <h1>{e.codeTitle(name)}</h1>
      <p>{e.codeOnce}</p>
      <p class="secret" data-sign-in-code>
        {code.code}
      </p>
      <p>{e.codeUntil(formatTime(code.expiresAt, c.get('alliance').timezone))}</p>
      <p class="muted">{e.codeHow}</p>
      <p>
        <a href={BASE}>{t(c.get('lang')).back}</a>
      </p>
    </Layout>
  );
}

type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

async function findStaff(deps: RouteDeps, c: Context<ConsoleEnv>): Promise<StaffRow> {
  const found = (await listStaff(deps, c.get('principal'))).find((s) => s.id === c.req.param('id'));
  if (!found || found.role !== 'staff') throw new AppError('staff_not_found');
  return found;
}

function RightsBoxes({ c, checked }: { c: Context<ConsoleEnv>; checked: readonly string[] }) {
  const e = t(c.get('lang')).earn;
  return (
    <fieldset>
      <legend>{e.rights}</legend>
      {STAFF_RIGHTS.map((r) => (
        <label class="choice">
          <input type="checkbox" name="rights" value={r} checked={checked.includes(r)} />
          <span>
            <strong>{e.rightNames[r]}</strong> <span class="muted">{e.rightHelp[r]}</span>
          </span>
        </label>
      ))}
      <p class="muted">{e.deskOnly}</p>
    </fieldset>
  );
}

export function staffPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const tz = c.get('alliance').timezone;
    const staff = await listStaff(deps, c.get('principal'));
    const rightsInWords = (s: StaffRow) =>
      s.role === 'coordinator'
        ? e.allRights
        : s.rights.length
          ? s.rights.map((r) => e.rightNames[r] ?? r).join(w.listSeparator)
          : e.deskOnly;
    return c.html(
      <Layout lang={c.get('lang')} title={e.staff} principal={c.get('principal')} path={c.req.path}>
        <h1>{e.staff}</h1>
        {c.req.query('invited') && <p class="ok">{e.staffInvited}</p>}
        {c.req.query('saved') && <p class="ok">{e.staffSaved}</p>}
        {c.req.query('disabled') && <p class="ok">{e.staffDisabled}</p>}
        {c.req.query('enabled') && <p class="ok">{e.staffEnabled}</p>}
        <ErrorNote c={c} />
        <table data-table="staff">
          <thead>
            <tr>
              <th>{w.name}</th>
              <th>{w.email}</th>
              <th>{e.mobile}</th>
              <th>{e.rights}</th>
              <th>{e.areas}</th>
              <th>{w.state}</th>
              <th class="no-print" />
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr data-staff={s.id} data-rights={s.rights.join(' ')}>
                <td>
                  {s.name}
                  {s.role === 'coordinator' && <span class="muted"> · {e.coordinatorRole}</span>}
                </td>
                <td>{s.email}</td>
                <td>{s.phone ?? ''}</td>
                <td>{rightsInWords(s)}</td>
                <td>{s.areas.join(w.listSeparator)}</td>
                <td data-state={s.disabledAt ? 'disabled' : 'active'}>
                  {s.disabledAt ? `${e.stateDisabled} · ${formatTime(s.disabledAt, tz)}` : e.stateActive}
                  {s.signInCodeExpiresAt && !s.disabledAt && <span class="muted"> · {e.codeNotUsed}</span>}
                </td>
                <td class="no-print">
                  {s.role === 'staff' && (
                    <>
                      <a href={`${BASE}/${s.id}`}>{e.change}</a>
                      {' · '}
                      <a href={`${BASE}/${s.id}/${s.disabledAt ? 'enable' : 'disable'}`}>
                        {s.disabledAt ? e.enable : e.disable}
                      </a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action={BASE} class="card no-print" style="max-width:40rem">
          <h2>{e.inviteStaff}</h2>
          <label for="name">{w.name}</label>
          <input id="name" name="name" required maxlength={60} />
          <p class="muted">{e.signInWith}</p>
          <label for="email">{w.email}</label>
          <input id="email" name="email" type="email" maxlength={254} autocomplete="off" />
          <label for="phone">{e.mobile}</label>
          <input id="phone" name="phone" type="tel" maxlength={20} />
          <label for="password">{e.initialPassword}</label>
          <input id="password" name="password" minlength={10} maxlength={200} autocomplete="new-password" />
          <label for="residentPhone">{e.residentPhone}</label>
          <input id="residentPhone" name="residentPhone" type="tel" maxlength={20} />
          <RightsBoxes c={c} checked={[]} />
          <label for="areas">{e.areas}</label>
          <textarea id="areas" name="areas" rows={3} placeholder={e.areasHelp} />
          <p>
            <button type="submit">{e.inviteStaff}</button>
          </p>
        </form>
      </Layout>,
    );
  });

  app.post('/', async (c) => {
    const form = await posted(c);
    const parsed = StaffBody.safeParse({
      ...staffFields(form),
      email: form.text('email') || undefined,
      password: form.text('password') || undefined,
    });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      return c.redirect(`${BASE}?${refusedFields(fields)}`, 303);
    }
    return orBack(c, BASE, async () => {
      const residentId = await residentNamed(deps, c, form.text('residentPhone'));
      const { staff, signInCode } = await inviteStaff(deps, c.get('principal'), {
        ...parsed.data,
        ...(residentId ? { residentId } : {}),
      });
      if (!signInCode) return c.redirect(`${BASE}?invited=1`, 303);
      c.header('cache-control', 'no-store');
      return c.html(<CodePage c={c} name={staff.name} code={signInCode} />);
    });
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const s = await findStaff(deps, c);
    const tz = c.get('alliance').timezone;
    const ownResident = s.residentId
      ? await findResident(deps.db, c.get('principal').allianceId, s.residentId)
      : undefined;
    return c.html(
      <Layout lang={c.get('lang')} title={s.name} principal={c.get('principal')} path={c.req.path}>
        <h1>{s.name}</h1>
        <p>
          {s.email && `${w.email}: ${s.email} · `}
          {w.state}: {s.disabledAt ? e.stateDisabled : e.stateActive}
          {s.signInCodeExpiresAt && ` · ${e.codeWaiting(formatTime(s.signInCodeExpiresAt, tz))}`}
          {ownResident && ` · ${e.ownResident}: ${ownResident.name}`}
        </p>
        <ErrorNote c={c} />
        <form method="post" action={`${BASE}/${s.id}`} class="card no-print" style="max-width:40rem">
          <label for="name">{w.name}</label>
          <input id="name" name="name" required maxlength={60} value={s.name} />
          <label for="phone">{e.mobile}</label>
          <input id="phone" name="phone" type="tel" maxlength={20} value={s.phone ?? ''} />
          <RightsBoxes c={c} checked={s.rights} />
          <label for="areas">{e.areas}</label>
          <textarea id="areas" name="areas" rows={3} placeholder={e.areasHelp}>
            {s.areas.join('\n')}
          </textarea>
          <label for="password">{e.newPassword}</label>
          <input id="password" name="password" minlength={10} maxlength={200} autocomplete="new-password" />
          <label for="residentPhone">{e.residentPhone}</label>
          <input
            id="residentPhone"
            name="residentPhone"
            type="tel"
            maxlength={20}
            value={ownResident?.phone ?? ''}
          />
          <p>
            <button type="submit">{w.save}</button> <a href={BASE}>{w.back}</a>
          </p>
        </form>
        <form method="post" action={`${BASE}/${s.id}/code`} class="card no-print" style="max-width:40rem">
          <p class="muted">{e.newCodeExplain}</p>
          <button type="submit" class="secondary">
            {e.newCode}
          </button>
        </form>
        <p class="no-print">
          <a class="button secondary" href={`${BASE}/${s.id}/${s.disabledAt ? 'enable' : 'disable'}`}>
            {s.disabledAt ? e.enable : e.disable}
          </a>
        </p>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}', async (c) => {
    const id = c.req.param('id');
    const back = `${BASE}/${id}`;
    const form = await posted(c);
    const fields = staffFields(form);
    const parsed = StaffChanges.safeParse({
      ...fields,
      phone: fields.phone ?? null,
      password: form.text('password') || undefined,
    });
    if (!parsed.success) {
      const bad = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      return c.redirect(`${back}?${refusedFields(bad)}`, 303);
    }
    return orBack(c, back, async () => {
      const residentId = (await residentNamed(deps, c, form.text('residentPhone'))) ?? null;
      await changeStaff(deps, c.get('principal'), id, { ...parsed.data, residentId });
      return c.redirect(`${BASE}?saved=1`, 303);
    });
  });

  app.post('/:id{[0-9a-f-]{36}}/code', async (c) => {
    const id = c.req.param('id');
    return orBack(c, `${BASE}/${id}`, async () => {
      const { staff, signInCode } = await changeStaff(deps, c.get('principal'), id, { newSignInCode: true });
      c.header('cache-control', 'no-store');
      return c.html(<CodePage c={c} name={staff.name} code={signInCode!} />);
    });
  });

  for (const which of ['disable', 'enable'] as const) {
    app.get(`/:id{[0-9a-f-]{36}}/${which}`, async (c) => {
      const e = t(c.get('lang')).earn;
      const s = await findStaff(deps, c);
      return c.html(
        <ConfirmPage
          c={c}
          title={which === 'disable' ? e.disableTitle(s.name) : e.enableTitle(s.name)}
          explain={which === 'disable' ? e.disableExplain : e.enableExplain}
          action={c.req.path}
          button={which === 'disable' ? e.confirmDisable : e.confirmEnable}
          backHref={BASE}
          path={BASE}
        />,
      );
    });
    app.post(`/:id{[0-9a-f-]{36}}/${which}`, async (c) => {
      const id = c.req.param('id');
      return orBack(c, BASE, async () => {
        await changeStaff(deps, c.get('principal'), id, { disabled: which === 'disable' });
        return c.redirect(`${BASE}?${which}d=1`, 303);
      });
    });
  }

  return app;
}
