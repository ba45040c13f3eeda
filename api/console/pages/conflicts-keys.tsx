/**
 * Conflicts (a voucher spent twice offline: the evidence, and who bears the loss) and the
 * alliance's voucher signing keys (list, rotate). Deciding and rotating are the coordinator's.
 */
import { type Context, Hono } from 'hono';
import { audit } from '../../directory/audit.ts';
import { isAppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { decideConflict, listConflicts } from '../../ledger/conflicts.ts';
import { listKeys, rotateKeys } from '../../vouchers/keys.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

function coordinatorOnly(c: Context<ConsoleEnv>) {
  if (c.get('principal').role === 'coordinator') return undefined;
  const w = t(c.get('lang'));
  return c.html(
    <Layout lang={c.get('lang')} title={w.conflicts} principal={c.get('principal')} path={c.req.path}>
      <p class="error">{w.coordinatorOnly}</p>
    </Layout>,
    403,
  );
}

export function conflictPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const rows = await listConflicts(deps.db, { allianceId: c.get('principal').allianceId, limit: 200 });
    const error = c.req.query('error');
    const isCoordinator = c.get('principal').role === 'coordinator';
    return c.html(
      <Layout lang={c.get('lang')} title={w.conflicts} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.conflicts}</h1>
        {error && <p class="error">{error}</p>}
        <table>
          <thead>
            <tr>
              <th>{w.when}</th>
              <th>{w.kind}</th>
              <th>{w.record}</th>
              <th>{w.devices}</th>
              <th>{w.points}</th>
              <th>{w.bears}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => (
              <tr>
                <td>{formatTime(k.createdAt, tz)}</td>
                <td>{k.kind}</td>
                <td>
                  <code>{k.recordId}</code>
                  <br />
                  <small>voucher {k.voucherId}</small>
                </td>
                <td>{k.deviceId ?? 'POS'}</td>
                <td>{k.points}</td>
                <td>
                  {k.bears ? (
                    `${k.bears === 'alliance' ? w.bearsAlliance : w.bearsMerchant}${k.decidedAt ? ` · ${formatTime(k.decidedAt, tz)}` : ''}${k.note ? ` · ${k.note}` : ''}`
                  ) : isCoordinator ? (
                    <form method="post" action={`/console/conflicts/${k.id}/decide`} class="no-print">
                      <select name="bears" aria-label={w.bears}>
                        <option value="alliance">{w.bearsAlliance}</option>
                        <option value="merchant">{w.bearsMerchant}</option>
                      </select>{' '}
                      <input name="note" maxlength={500} placeholder={w.reason} aria-label={w.reason} />{' '}
                      <button type="submit">{w.decide}</button>
                    </form>
                  ) : (
                    w.waiting
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/decide', async (c) => {
    const refused = coordinatorOnly(c);
    if (refused) return refused;
    const principal = c.get('principal');
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const bears = String(form.bears ?? '');
    const note = String(form.note ?? '')
      .trim()
      .slice(0, 500);
    if (bears !== 'alliance' && bears !== 'merchant') return c.redirect('/console/conflicts', 303);
    try {
      const decided = await decideConflict(
        deps.db,
        {
          allianceId: principal.allianceId,
          conflictId: id,
          bears,
          actorId: principal.subjectId,
          ...(note ? { note } : {}),
        },
        deps.clock,
      );
      if (decided.outcome === 'decided') await audit(deps.db, principal, 'conflict.decide', id, { bears });
      return c.redirect('/console/conflicts', 303);
    } catch (e) {
      if (isAppError(e))
        return c.redirect(`/console/conflicts?error=${encodeURIComponent(e.userMessage)}`, 303);
      throw e;
    }
  });
  return app;
}

export function keyPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const keys = await listKeys(deps.db, c.get('principal').allianceId, deps.clock);
    return c.html(
      <Layout lang={c.get('lang')} title={w.keys} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.keys}</h1>
        <table>
          <thead>
            <tr>
              <th>kid</th>
              <th>{w.state}</th>
              <th>{w.from}</th>
              <th>{w.until}</th>
              <th>{w.createdAt}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr class={`key-${k.state}`}>
                <td>
                  <code>{k.kid}</code>
                </td>
                <td>{k.state}</td>
                <td>{formatTime(k.activatesAt, tz)}</td>
                <td>{k.exp ? formatTime(k.exp, tz) : ''}</td>
                <td>{formatTime(k.createdAt, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {c.get('principal').role === 'coordinator' && (
          <form method="post" action="/console/keys/rotate" class="no-print">
            <p class="muted">{w.rotateHelp}</p>
            <button type="submit">{w.rotate}</button>
          </form>
        )}
      </Layout>,
    );
  });

  app.post('/rotate', async (c) => {
    const refused = coordinatorOnly(c);
    if (refused) return refused;
    const principal = c.get('principal');
    const result = await rotateKeys(deps.db, principal.allianceId, deps.masterKey, deps.clock);
    if (result.created) await audit(deps.db, principal, 'keys.rotate', result.next.kid);
    return c.redirect('/console/keys', 303);
  });
  return app;
}
