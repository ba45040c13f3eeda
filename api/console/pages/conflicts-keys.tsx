/**
 * Conflicts (a voucher spent twice offline: the evidence, and who bears the loss) and the
 * alliance's voucher signing keys (list, rotate). Deciding and rotating are the coordinator's.
 */

import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { describeOutcome } from '../../../shared/outcome-words.ts';
import { formatShortCode, shortCodeOf } from '../../../shared/short-code.ts';
import { decide } from '../../application/conflicts.ts';
import { Decision } from '../../application/inputs.ts';
import { rotateSigningKey } from '../../application/keys.ts';
import { hasRight } from '../../auth/rights.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { type ConflictEvidence, type EvidenceRecord, listConflictEvidence } from '../../ledger/conflicts.ts';
import { formatLocal } from '../../local-time.ts';
import { listKeys } from '../../vouchers/keys.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, formatYuan, type Lang, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';

/** The two records side by side: what was honoured, and what could not be. */
function EvidenceTable(props: {
  lang: Lang;
  first: EvidenceRecord | null;
  record: EvidenceRecord | null;
  w: Words;
  tz: string;
}) {
  const { w, tz, lang } = props;
  const sides = [props.first, props.record];
  const row = (label: string, cell: (r: EvidenceRecord) => Child) => (
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
        {row(w.devices, (r) =>
          r.deviceId ? <span data-device={r.deviceId}>{r.deviceName ?? w.devices}</span> : w.pos,
        )}
        {row(w.scannedAt, (r) => (r.scannedAt ? formatLocal(tz, r.scannedAt) : '—'))}
        {row(w.receivedAt, (r) => formatLocal(tz, r.receivedAt))}
        {row(w.points, (r) => r.points)}
        {row(w.bill, (r) => `¥${formatYuan(r.billFen)} / ¥${formatYuan(r.discountFen)}`)}
        {row(
          w.record,
          (r) => `${describeOutcome(lang, r.outcome, r.detail)}${r.offline ? ` · ${w.offline}` : ''}`,
        )}
      </tbody>
    </table>
  );
}

function ConflictCard(props: {
  evidence: ConflictEvidence;
  w: Words;
  lang: Lang;
  tz: string;
  canDecide: boolean;
}) {
  const { w, tz, lang } = props;
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
      <p class="muted" data-voucher={k.voucherId}>
        {formatTime(k.createdAt, tz)} · {w.resident}: {residentName ?? '—'}
        {voucher &&
          ` · ${w.voucher} ${w.shortCode} ${formatShortCode(shortCodeOf(k.voucherId))} (${voucher.capPoints} ${w.points}, ${formatTime(voucher.issuedAt, tz)} – ${formatTime(voucher.expiresAt, tz)})`}
      </p>
      <EvidenceTable first={first} record={record} w={w} lang={lang} tz={tz} />
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
    const isCoordinator = hasRight(c.get('principal'), 'conflicts');
    return c.html(
      <Layout lang={c.get('lang')} title={w.conflicts} principal={c.get('principal')} path={c.req.path}>
        <style>
          {'.evidence th[scope=row]{white-space:nowrap;width:1%}.evidence td{overflow-wrap:anywhere}'}
        </style>
        <h1>{w.conflicts}</h1>
        <ErrorNote c={c} />
        {list.length === 0 && <p class="muted">{w.noConflicts}</p>}
        {list.map((e) => (
          <ConflictCard evidence={e} w={w} lang={c.get('lang')} tz={tz} canDecide={isCoordinator} />
        ))}
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/decide', async (c) => {
    const form = await parseForm(c, Decision);
    if (!form.ok) return c.redirect(`/console/conflicts?${refusedFields(form.fields)}`, 303);
    return orBack(c, '/console/conflicts', async () => {
      await decide(deps, c.get('principal'), c.req.param('id'), form.data);
      return c.redirect('/console/conflicts', 303);
    });
  });
  return app;
}

export function keyPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const tz = c.get('alliance').timezone;
    const keys = await listKeys(deps.db, c.get('principal').allianceId, deps.clock);
    // Keys are named by their place in the alliance's history (the first key is 1), not their kid.
    const ordinal = new Map(
      [...keys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((k, i) => [k.kid, i + 1]),
    );
    return c.html(
      <Layout lang={c.get('lang')} title={w.keys} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.keys}</h1>
        <table>
          <thead>
            <tr>
              <th>{w.keyId}</th>
              <th>{w.state}</th>
              <th>{w.from}</th>
              <th>{w.until}</th>
              <th>{w.createdAt}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr class={`key-${k.state}`}>
                <td data-kid={k.kid}>{w.keyNumber(ordinal.get(k.kid) ?? 0)}</td>
                <td data-state={k.state}>{w.keyStates[k.state]}</td>
                <td>{formatTime(k.activatesAt, tz)}</td>
                <td>{k.exp ? formatTime(k.exp, tz) : ''}</td>
                <td>{formatTime(k.createdAt, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {hasRight(c.get('principal'), 'keys') && (
          <form method="post" action="/console/keys/rotate" class="no-print">
            <p class="muted">{w.rotateHelp}</p>
            <button type="submit">{w.rotate}</button>
          </form>
        )}
      </Layout>,
    );
  });

  app.post('/rotate', async (c) => {
    await rotateSigningKey(deps, c.get('principal'));
    return c.redirect('/console/keys', 303);
  });
  return app;
}
