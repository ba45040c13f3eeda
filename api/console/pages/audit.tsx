/** The audit log: every coordinator and staff action, newest first, read-only, in words. */
import { Hono } from 'hono';
import { auditEntries, auditTargetNames } from '../../application/audit.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatTime, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import type { ConsoleEnv } from '../session.ts';

/** Values that are words of the system, said in the reader's words. */
const valueWords = (key: string, value: string, w: Words): string => {
  if (key === 'rule') return w.fundingRules[value] ?? value;
  if (key === 'bears') return w.bearsWords[value] ?? value;
  if (key === 'rights')
    return value
      ? value
          .split(',')
          .map((r) => w.earn.rightNames[r] ?? r)
          .join(w.listSeparator)
      : w.none;
  if (key === 'disabled') return value === 'true' ? w.earn.stateDisabled : w.earn.stateActive;
  if (key === 'status') return w.earn.statuses[value] ?? value;
  if (key === 'version') return w.earn.versionN(Number(value));
  return value;
};

/** Details a person can read: labelled figures and words. Ids, codes and file hashes stay out. */
const READABLE = new Set([
  'name',
  'phone',
  'address',
  'points',
  'reason',
  'reference',
  'label',
  'number',
  'movedPoints',
  'perCapture',
  'perDeviceDay',
  'fromMonth',
  'rule',
  'fenPerPoint',
  'sharePercent',
  'bears',
  'title',
  'version',
  'taken',
  'note',
  'rights',
  'disabled',
  'status',
  'created',
  'updated',
  'unchanged',
]);

/** An entry's details as "label value" pairs in the reader's words. */
function detailsInWords(details: unknown, w: Words): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([k, v]) => READABLE.has(k) && v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${w.fields[k as keyof Words['fields']] ?? ''} ${valueWords(k, String(v), w)}`.trim())
    .join(' · ');
}

export function auditPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const { allianceId } = c.get('principal');
    const rows = await auditEntries(deps.db, allianceId);
    const names = await auditTargetNames(
      deps.db,
      allianceId,
      rows.map(({ entry }) => entry.target),
    );
    const lang = c.get('lang');
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
                  {entry.target && names.has(entry.target) && (
                    <strong>{names.get(entry.target)![lang]}</strong>
                  )}{' '}
                  {detailsInWords(entry.details, w)}
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
