/** The audit log: every coordinator and staff action, newest first, read-only, in words. */
import { Hono } from 'hono';
import { auditEntries } from '../../application/audit.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatTime, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

/** An entry's details as "label value" pairs, labels in the reader's words where they have one. */
function detailsInWords(details: unknown, w: Words): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${w.fields[k as keyof Words['fields']] ?? ''} ${String(v)}`.trim())
    .join(' · ');
}

export function auditPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const rows = await auditEntries(deps.db, c.get('principal').allianceId);
    return c.html(
      <Layout lang={c.get('lang')} title={w.audit} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.audit}</h1>
        <table>
          <thead>
            <tr>
              <th>{w.when}</th>
              <th>{w.who}</th>
              <th>{w.action}</th>
              <th>{w.target}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ entry, actorName }) => (
              <tr>
                <td>{formatTime(entry.at, c.get('alliance').timezone)}</td>
                <td>{actorName ?? '—'}</td>
                <td data-action={entry.action}>{w.auditActions[entry.action] ?? w.auditActions.other}</td>
                <td>
                  <span class="muted">{entry.target ?? ''}</span> {detailsInWords(entry.details, w)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  return app;
}
