/**
 * Staff (工作人员), the coordinator's: who works for the alliance, their rights in words, the
 * invite form (name, e-mail, phone, initial password, rights, areas), changing rights and areas,
 * and disabling or enabling an account after asking first (application/staff.ts).
 */
import { type Context, Hono } from 'hono';
import { StaffBody, StaffChanges } from '../../application/inputs.ts';
import { changeStaff, inviteStaff, listStaff } from '../../application/staff.ts';
import { STAFF_RIGHTS } from '../../auth/rights.ts';
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
              <th>{w.phone}</th>
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
          <label for="email">{w.email}</label>
          <input id="email" name="email" type="email" required maxlength={254} autocomplete="off" />
          <label for="phone">{w.phone}</label>
          <input id="phone" name="phone" maxlength={20} />
          <label for="password">{e.initialPassword}</label>
          <input
            id="password"
            name="password"
            required
            minlength={10}
            maxlength={200}
            autocomplete="new-password"
          />
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
      await inviteStaff(deps, c.get('principal'), parsed.data);
      return c.redirect(`${BASE}?invited=1`, 303);
    });
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const e = w.earn;
    const s = await findStaff(deps, c);
    return c.html(
      <Layout lang={c.get('lang')} title={s.name} principal={c.get('principal')} path={c.req.path}>
        <h1>{s.name}</h1>
        <p>
          {w.email}: {s.email} · {w.state}: {s.disabledAt ? e.stateDisabled : e.stateActive}
        </p>
        <ErrorNote c={c} />
        <form method="post" action={`${BASE}/${s.id}`} class="card no-print" style="max-width:40rem">
          <label for="name">{w.name}</label>
          <input id="name" name="name" required maxlength={60} value={s.name} />
          <label for="phone">{w.phone}</label>
          <input id="phone" name="phone" maxlength={20} value={s.phone ?? ''} />
          <RightsBoxes c={c} checked={s.rights} />
          <label for="areas">{e.areas}</label>
          <textarea id="areas" name="areas" rows={3} placeholder={e.areasHelp}>
            {s.areas.join('\n')}
          </textarea>
          <label for="password">{e.newPassword}</label>
          <input id="password" name="password" minlength={10} maxlength={200} autocomplete="new-password" />
          <p>
            <button type="submit">{w.save}</button> <a href={BASE}>{w.back}</a>
          </p>
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
      await changeStaff(deps, c.get('principal'), id, parsed.data);
      return c.redirect(`${BASE}?saved=1`, 303);
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
