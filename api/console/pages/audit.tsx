/** The audit log: every coordinator and staff action, newest first, read-only. */
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditLog, staffUsers } from '../../db/schema/index.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatTime, t } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

export function auditPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const rows = await deps.db
      .select({ entry: auditLog, actor: staffUsers.name })
      .from(auditLog)
      .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorId))
      .where(eq(auditLog.allianceId, c.get('principal').allianceId))
      .orderBy(desc(auditLog.at))
      .limit(500);
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
            {rows.map(({ entry, actor }) => (
              <tr>
                <td>{formatTime(entry.at, c.get('alliance').timezone)}</td>
                <td>{actor ?? '—'}</td>
                <td>{entry.action}</td>
                <td>
                  {entry.target ?? ''}{' '}
                  {entry.details ? <span class="muted">{JSON.stringify(entry.details)}</span> : null}
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
