/**
 * Conflicts (a voucher spent twice offline: the evidence, and who bears the loss) and the
 * alliance's voucher signing keys (list, rotate). Deciding and rotating are the coordinator's.
 */

import { type Context, Hono } from 'hono';
import { problemWords } from '../../../shared/problems.ts';
import { audit } from '../../directory/audit.ts';
import { isAppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import {
  type ConflictEvidence,
  decideConflict,
  type EvidenceRecord,
  listConflictEvidence,
} from '../../ledger/conflicts.ts';
import { formatLocal } from '../../settlement/periods.ts';
import { listKeys, rotateKeys } from '../../vouchers/keys.ts';
import { formatTime, formatYuan, t, type Words } from '../i18n.ts';
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

/** The two records side by side: what was honoured, and what could not be. */
function EvidenceTable(props: {
  first: EvidenceRecord | null;
  record: EvidenceRecord | null;
  w: Words;
  tz: string;
}) {
  const { w, tz } = props;
  const sides = [props.first, props.record];
  const row = (label: string, cell: (r: EvidenceRecord) => string | number) => (
    <tr>
      <th scope="row">{label}</th>
      {sides.map((r) => (
        <td>{r ? cell(r) : '—'}</td>
      ))}
    </tr>
  );
  return (
    <table class="evidence">
      <thead>
        <tr>
          <th />
          <th>{w.firstRecord}</th>
          <th>{w.conflictingRecord}</th>
        </tr>
      </thead>
      <tbody>
        {row(w.merchants, (r) => r.merchantName)}
        {row(w.devices, (r) => (r.deviceId ? `${r.deviceName ?? ''} (${r.deviceId})` : 'POS'))}
        {row(w.scannedAt, (r) => (r.scannedAt ? formatLocal(tz, r.scannedAt) : '—'))}
        {row(w.receivedAt, (r) => formatLocal(tz, r.receivedAt))}
        {row(w.points, (r) => r.points)}
        {row(w.bill, (r) => `¥${formatYuan(r.billFen)} / ¥${formatYuan(r.discountFen)}`)}
        {row(w.record, (r) => `${r.outcome}${r.offline ? ' · offline' : ''}`)}
      </tbody>
    </table>
  );
}

function ConflictCard(props: { evidence: ConflictEvidence; w: Words; tz: string; canDecide: boolean }) {
  const { w, tz } = props;
  const { conflict: k, record, first, residentName, voucher } = props.evidence;
  const kind =
    k.kind === 'double_presentment'
      ? w.conflictDoublePresentment
      : k.kind === 'late_shortfall'
        ? w.conflictLateShortfall
        : k.kind;
  return (
    <section class="card conflict" data-conflict={k.id} data-decided={k.bears ? 'yes' : 'no'}>
      <h2>
        {kind} · {k.points} {w.points}
      </h2>
      <p class="muted">
        {formatTime(k.createdAt, tz)} · {w.resident}: {residentName ?? '—'}
        {voucher &&
          ` · voucher ${k.voucherId} (${voucher.capPoints} ${w.points}, ${formatTime(voucher.issuedAt, tz)} – ${formatTime(voucher.expiresAt, tz)})`}
      </p>
      <EvidenceTable first={first} record={record} w={w} tz={tz} />
      {record?.detail && <p class="muted">{record.detail}</p>}
      {k.bears ? (
        <p data-bears={k.bears}>
          {w.bears}: <strong>{k.bears === 'alliance' ? w.bearsAlliance : w.bearsMerchant}</strong>
          {k.decidedAt ? ` · ${formatTime(k.decidedAt, tz)}` : ''}
          {k.note ? ` · ${k.note}` : ''}
        </p>
      ) : props.canDecide ? (
        <form method="post" action={`/console/conflicts/${k.id}/decide`} class="no-print">
          <label>
            {w.bears}{' '}
            <select name="bears">
              <option value="alliance">{w.bearsAlliance}</option>
              <option value="merchant">{w.bearsMerchant}</option>
            </select>
          </label>{' '}
          <input name="note" maxlength={500} placeholder={w.reason} aria-label={w.reason} />{' '}
          <button type="submit">{w.decide}</button>
        </form>
      ) : (
        <p>{w.waiting}</p>
      )}
    </section>
  );
}

export function conflictPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const found = await listConflictEvidence(deps.db, {
      allianceId: c.get('principal').allianceId,
      limit: 200,
    });
    // Waiting ones first, newest first within each.
    const list = [...found.filter((e) => !e.conflict.bears), ...found.filter((e) => e.conflict.bears)];
    const error = c.req.query('error');
    const isCoordinator = c.get('principal').role === 'coordinator';
    return c.html(
      <Layout lang={c.get('lang')} title={w.conflicts} principal={c.get('principal')} path={c.req.path}>
        <style>
          {'.evidence th[scope=row]{white-space:nowrap;width:1%}.evidence td{overflow-wrap:anywhere}'}
        </style>
        <h1>{w.conflicts}</h1>
        {error && <p class="error">{error}</p>}
        {list.length === 0 && <p class="muted">{w.noConflicts}</p>}
        {list.map((e) => (
          <ConflictCard evidence={e} w={w} tz={tz} canDecide={isCoordinator} />
        ))}
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
    if (bears !== 'alliance' && bears !== 'merchant') {
      const why = '请选择由谁承担损失 / Choose who bears the loss';
      return c.redirect(`/console/conflicts?error=${encodeURIComponent(why)}`, 303);
    }
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
        return c.redirect(
          `/console/conflicts?error=${encodeURIComponent(problemWords(e.code, c.get('lang')))}`,
          303,
        );
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
