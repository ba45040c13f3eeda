/** Merchants: list, create, edit, offers, devices (enrollment slip, revoke), POS keys, offline limits. */
import { type Context, Hono } from 'hono';
import {
  createMerchant,
  createMerchantPosKey,
  createOffer,
  issueDeviceCode,
  revokeMerchantDevice,
  revokeMerchantPosKey,
  updateMerchant,
  updateOfflineLimits,
} from '../../application/directory.ts';
import { MerchantChanges, NewMerchant, OfferInput, OfflineLimits } from '../../application/inputs.ts';
import { hasRight } from '../../auth/rights.ts';
import type { merchantOffers } from '../../directory/directory.ts';
import { merchantDetail, merchantsOf } from '../../directory/queries.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, formatYuan, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { enrollmentSlipPage } from '../slip.tsx';

const back = (id: string) => `/console/merchants/${id}`;

/** Yuan as typed (12.5) in fen; what is not an amount is left for the schema to refuse. */
function fenOf(text: unknown): number | string | undefined {
  const v = String(text ?? '').trim();
  if (!v) return undefined;
  return /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : v;
}

function offerSummary(o: Awaited<ReturnType<typeof merchantOffers>>[number], w: Words): string {
  switch (o.kind) {
    case 'amount_off':
      return `${o.points} ${w.points} → −${formatYuan(o.amountFen ?? 0)} 元`;
    case 'percent_off':
      return `${o.points} ${w.points} → −${o.percent}%${o.capFen ? ` (≤ ${formatYuan(o.capFen)} 元)` : ''}`;
    case 'item':
      return `${o.points} ${w.points} → ${formatYuan(o.amountFen ?? 0)} 元`;
    case 'points_as_cash':
      return `1 ${w.points} = ${formatYuan(o.fenPerPoint ?? 0)} 元`;
  }
}

export function merchantPages(deps: RouteDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const w = t(c.get('lang'));
    const rows = await merchantsOf(deps.db, c.get('principal').allianceId);
    return c.html(
      <Layout lang={c.get('lang')} title={w.merchants} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.merchants}</h1>
        <ErrorNote c={c} />
        <table>
          <thead>
            <tr>
              <th class="num">{w.number}</th>
              <th>{w.title}</th>
              <th>{w.address}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td class="num">{m.number}</td>
                <td>
                  <a href={`/console/merchants/${m.id}`}>{m.name}</a>
                </td>
                <td>{m.address ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {hasRight(c.get('principal'), 'merchants') && (
          <form method="post" action="/console/merchants" class="card no-print" style="max-width:30rem">
            <h2>
              {w.create} · {w.merchants}
            </h2>
            <label for="name">{w.title}</label>
            <input id="name" name="name" required maxlength={60} />
            <label for="address">{w.address}</label>
            <input id="address" name="address" maxlength={120} />
            <p>
              <button type="submit">{w.create}</button>
            </p>
          </form>
        )}
      </Layout>,
    );
  });

  app.post('/', async (c) => {
    const form = await parseForm(c, NewMerchant);
    if (!form.ok) return c.redirect(`/console/merchants?${refusedFields(form.fields)}`, 303);
    const merchant = await createMerchant(deps, c.get('principal'), form.data);
    return c.redirect(back(merchant.id), 303);
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const found = await merchantDetail(deps.db, c.get('principal').allianceId, c.req.param('id'));
    if (!found) return c.notFound();
    const { merchant, offers, devices: deviceRows, posKeys: keyRows } = found;
    const isCoordinator = hasRight(c.get('principal'), 'merchants');
    return c.html(
      <Layout lang={c.get('lang')} title={merchant.name} principal={c.get('principal')} path={c.req.path}>
        <h1>
          {merchant.name} <span class="muted">#{merchant.number}</span>
        </h1>
        <ErrorNote c={c} />
        <p>{merchant.address}</p>
        {isCoordinator && (
          <details class="no-print">
            <summary>{w.edit}</summary>
            <form
              method="post"
              action={`/console/merchants/${merchant.id}/edit`}
              class="card"
              style="max-width:28rem"
            >
              <label for="edit-name">{w.title}</label>
              <input id="edit-name" name="name" required maxlength={60} value={merchant.name} />
              <label for="edit-address">{w.address}</label>
              <input id="edit-address" name="address" maxlength={120} value={merchant.address ?? ''} />
              <p>
                <button type="submit">{w.save}</button>
              </p>
            </form>
          </details>
        )}

        <h2>{w.offers}</h2>
        <table>
          <thead>
            <tr>
              <th>{w.code}</th>
              <th>{w.title}</th>
              <th>{w.points}</th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr>
                <td>{o.code}</td>
                <td>
                  {o.titleZh} / {o.titleEn}
                </td>
                <td>{offerSummary(o, w)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {isCoordinator && <OfferForm merchantId={merchant.id} w={w} />}

        <h2>{w.devices}</h2>
        <table>
          <thead>
            <tr>
              <th>{w.title}</th>
              <th>{w.lastSeen}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deviceRows.map((d) => (
              <tr data-device={d.id}>
                <td>{d.name}</td>
                <td>{d.lastSeenAt ? formatTime(d.lastSeenAt, c.get('alliance').timezone) : w.never}</td>
                <RevokeCell
                  w={w}
                  revoked={Boolean(d.revokedAt)}
                  action={
                    isCoordinator ? `/console/merchants/${merchant.id}/devices/${d.id}/revoke` : undefined
                  }
                />
              </tr>
            ))}
          </tbody>
        </table>
        {isCoordinator && (
          <form
            method="post"
            action={`/console/merchants/${merchant.id}/devices`}
            class="no-print"
            style="margin:.5rem 0"
          >
            <button type="submit">
              {w.enrollmentSlip} ({w.devices})
            </button>
          </form>
        )}

        <h2>{w.posKeys}</h2>
        <table>
          <thead>
            <tr>
              <th>{w.code}</th>
              <th>{w.createdAt}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keyRows.map((k) => (
              <tr>
                <td>{k.prefix}…</td>
                <td>{formatTime(k.createdAt, c.get('alliance').timezone)}</td>
                <RevokeCell
                  w={w}
                  revoked={Boolean(k.revokedAt)}
                  action={
                    isCoordinator ? `/console/merchants/${merchant.id}/pos-keys/${k.id}/revoke` : undefined
                  }
                />
              </tr>
            ))}
          </tbody>
        </table>
        {isCoordinator && (
          <form
            method="post"
            action={`/console/merchants/${merchant.id}/pos-keys`}
            class="no-print"
            style="margin:.5rem 0"
          >
            <button type="submit">
              {w.create} · {w.posKeys}
            </button>
          </form>
        )}

        <h2>{w.offlineLimits}</h2>
        <form
          method="post"
          action={`/console/merchants/${merchant.id}/limits`}
          class="card no-print"
          style="max-width:30rem"
        >
          <label for="perCapture">{w.perCapture}</label>
          <input
            id="perCapture"
            name="perCapture"
            type="number"
            min={0}
            max={100000}
            value={String(merchant.offlineMaxPointsPerCapture)}
          />
          <label for="perDeviceDay">{w.perDeviceDay}</label>
          <input
            id="perDeviceDay"
            name="perDeviceDay"
            type="number"
            min={0}
            max={1000000}
            value={String(merchant.offlineMaxPointsPerDeviceDay)}
          />
          {isCoordinator && (
            <p>
              <button type="submit">{w.save}</button>
            </p>
          )}
        </form>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/offers', async (c) => {
    const id = c.req.param('id');
    const posted = await c.req.parseBody();
    const form = await parseForm(c, OfferInput, {
      amountFen: fenOf(posted.amountYuan),
      capFen: fenOf(posted.capYuan),
      fenPerPoint: fenOf(posted.yuanPerPoint),
    });
    if (!form.ok) return c.redirect(`${back(id)}?${refusedFields(form.fields)}`, 303);
    return orBack(c, back(id), async () => {
      await createOffer(deps, c.get('principal'), id, form.data);
      return c.redirect(back(id), 303);
    });
  });

  app.post('/:id{[0-9a-f-]{36}}/devices', async (c) => {
    const { merchant, slip } = await issueDeviceCode(deps, c.get('principal'), c.req.param('id'));
    return c.html(await deviceSlip(c, merchant, slip));
  });

  app.post('/:id{[0-9a-f-]{36}}/devices/:deviceId/revoke', async (c) => {
    const id = c.req.param('id');
    await revokeMerchantDevice(deps, c.get('principal'), c.req.param('deviceId'), id);
    return c.redirect(back(id), 303);
  });

  app.post('/:id{[0-9a-f-]{36}}/pos-keys', async (c) => {
    const w = t(c.get('lang'));
    const { merchant, key } = await createMerchantPosKey(deps, c.get('principal'), c.req.param('id'));
    c.header('Cache-Control', 'no-store');
    return c.html(
      <Layout lang={c.get('lang')} title={w.posKeys} principal={c.get('principal')} path={c.req.path}>
        <h1>
          {w.posKeys} · {merchant.name}
        </h1>
        <p class="secret">{key.key}</p>
        <p class="ok">{w.showOnce}</p>
        <p>
          <a href={back(merchant.id)}>{w.back}</a>
        </p>
      </Layout>,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/pos-keys/:keyId/revoke', async (c) => {
    const id = c.req.param('id');
    return orBack(c, back(id), async () => {
      await revokeMerchantPosKey(deps, c.get('principal'), id, c.req.param('keyId'));
      return c.redirect(back(id), 303);
    });
  });

  app.post('/:id{[0-9a-f-]{36}}/edit', async (c) => {
    const id = c.req.param('id');
    const form = await parseForm(c, MerchantChanges);
    if (!form.ok) return c.redirect(`${back(id)}?${refusedFields(form.fields)}`, 303);
    await updateMerchant(deps, c.get('principal'), id, { address: null, ...form.data });
    return c.redirect(back(id), 303);
  });

  app.post('/:id{[0-9a-f-]{36}}/limits', async (c) => {
    const id = c.req.param('id');
    const form = await parseForm(c, OfflineLimits);
    if (!form.ok) return c.redirect(`${back(id)}?${refusedFields(form.fields)}`, 303);
    await updateOfflineLimits(deps, c.get('principal'), id, form.data);
    return c.redirect(back(id), 303);
  });

  return app;
}

/** "Revoked", or the revoke button for the reader who may (a device, a POS key). */
function RevokeCell({ w, revoked, action }: { w: Words; revoked: boolean; action: string | undefined }) {
  return (
    <td>
      {revoked ? (
        w.revoked
      ) : action ? (
        <form class="inline" method="post" action={action}>
          <button class="secondary" type="submit">
            {w.revoke}
          </button>
        </form>
      ) : null}
    </td>
  );
}

function OfferForm({ merchantId, w }: { merchantId: string; w: Words }) {
  return (
    <form
      method="post"
      action={`/console/merchants/${merchantId}/offers`}
      class="card no-print"
      style="max-width:36rem"
    >
      <h2>
        {w.create} · {w.offers}
      </h2>
      <label for="kind">{w.kind}</label>
      <select id="kind" name="kind">
        {(['amount_off', 'percent_off', 'item', 'points_as_cash'] as const).map((kind) => (
          <option value={kind}>{w.offerKinds[kind]}</option>
        ))}
      </select>
      <label for="code">{w.code}</label>
      <input id="code" name="code" required pattern="[a-z0-9][a-z0-9-]{0,39}" placeholder="haircut-5" />
      <label for="titleZh">{w.fields.titleZh}</label>
      <input id="titleZh" name="titleZh" required maxlength={60} />
      <label for="titleEn">{w.fields.titleEn}</label>
      <input id="titleEn" name="titleEn" required maxlength={80} />
      <label for="points">{w.points}</label>
      <input id="points" name="points" type="number" min={1} />
      <label for="amountYuan">{w.offerAmountYuan}</label>
      <input id="amountYuan" name="amountYuan" type="number" min={0} step="0.01" />
      <label for="percent">{w.offerPercent}</label>
      <input id="percent" name="percent" type="number" min={1} max={100} />
      <label for="capYuan">{w.offerCapYuan}</label>
      <input id="capYuan" name="capYuan" type="number" min={0} step="0.01" />
      <label for="yuanPerPoint">{w.offerYuanPerPoint}</label>
      <input id="yuanPerPoint" name="yuanPerPoint" type="number" min={0} step="0.01" />
      <p>
        <button type="submit">{w.create}</button>
      </p>
    </form>
  );
}

function deviceSlip(
  c: Context<ConsoleEnv>,
  merchant: { id: string; name: string; number: number },
  slip: { code: string; expiresAt: Date },
) {
  return enrollmentSlipPage(c, {
    subject: `${merchant.name} #${merchant.number}`,
    app: 'merchant',
    code: slip.code,
    expiresAt: slip.expiresAt,
    backHref: back(merchant.id),
  });
}
