/** Merchants: list, create, offers, devices (enrollment slip, revoke), POS keys, offline limits. */

import { and, asc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { problemWords } from '../../../shared/problems.ts';
import { createPosKey, revokePosKey } from '../../auth/pos-keys.ts';
import { revokeSessions } from '../../auth/sessions.ts';
import { devices, merchants, posKeys } from '../../db/schema/index.ts';
import { audit } from '../../directory/audit.ts';
import {
  addOffer,
  createMerchant,
  findMerchant,
  issueDeviceEnrollment,
  merchantOffers,
  revokeDevice,
  updateMerchant,
} from '../../directory/directory.ts';
import { OfferInput } from '../../directory/offers.ts';
import { isAppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { formatTime, formatYuan, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { type ConsoleEnv, requireCoordinator } from '../session.ts';
import { enrollmentSlipPage } from '../slip.tsx';

const back = (id: string, error?: string) =>
  `/console/merchants/${id}${error ? `?error=${encodeURIComponent(error)}` : ''}`;

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
    const rows = await deps.db
      .select()
      .from(merchants)
      .where(eq(merchants.allianceId, c.get('principal').allianceId))
      .orderBy(asc(merchants.number));
    return c.html(
      <Layout lang={c.get('lang')} title={w.merchants} principal={c.get('principal')} path={c.req.path}>
        <h1>{w.merchants}</h1>
        {c.req.query('error') && <p class="error">{c.req.query('error')}</p>}
        <table>
          <thead>
            <tr>
              <th class="num">{w.number}</th>
              <th>{w.name}</th>
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
        {c.get('principal').role === 'coordinator' && (
          <form method="post" action="/console/merchants" class="card no-print" style="max-width:30rem">
            <h2>
              {w.create} · {w.merchants}
            </h2>
            <label for="name">{w.name}</label>
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
    requireCoordinator(c);
    const form = await c.req.parseBody();
    const name = String(form.name ?? '').trim();
    const address = String(form.address ?? '').trim();
    if (!name || name.length > 60) {
      return c.redirect(
        `/console/merchants?error=${encodeURIComponent('名称必填，最多 60 字 / A name is required')}`,
        303,
      );
    }
    const row = await deps.db.transaction((tx) =>
      createMerchant(tx, c.get('principal'), { name, address: address || undefined }),
    );
    return c.redirect(back(row.id), 303);
  });

  app.get('/:id{[0-9a-f-]{36}}', async (c) => {
    const w = t(c.get('lang'));
    const merchant = await findMerchant(deps.db, c.get('principal').allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    const offers = await merchantOffers(deps.db, merchant.id, { activeOnly: false });
    const deviceRows = await deps.db
      .select()
      .from(devices)
      .where(eq(devices.merchantId, merchant.id))
      .orderBy(asc(devices.enrolledAt));
    const keyRows = await deps.db
      .select()
      .from(posKeys)
      .where(eq(posKeys.merchantId, merchant.id))
      .orderBy(asc(posKeys.createdAt));
    const isCoordinator = c.get('principal').role === 'coordinator';
    return c.html(
      <Layout lang={c.get('lang')} title={merchant.name} principal={c.get('principal')} path={c.req.path}>
        <h1>
          {merchant.name} <span class="muted">#{merchant.number}</span>
        </h1>
        {c.req.query('error') && <p class="error">{c.req.query('error')}</p>}
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
              <label for="edit-name">{w.name}</label>
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
              <th>ID</th>
              <th>{w.name}</th>
              <th>{w.lastSeen}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deviceRows.map((d) => (
              <tr>
                <td>{d.id}</td>
                <td>{d.name}</td>
                <td>{d.lastSeenAt ? formatTime(d.lastSeenAt, c.get('alliance').timezone) : w.never}</td>
                <td>
                  {d.revokedAt ? (
                    w.revoked
                  ) : isCoordinator ? (
                    <form
                      class="inline"
                      method="post"
                      action={`/console/merchants/${merchant.id}/devices/${d.id}/revoke`}
                    >
                      <button class="secondary" type="submit">
                        {w.revoke}
                      </button>
                    </form>
                  ) : null}
                </td>
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
                <td>
                  {k.revokedAt ? (
                    w.revoked
                  ) : isCoordinator ? (
                    <form
                      class="inline"
                      method="post"
                      action={`/console/merchants/${merchant.id}/pos-keys/${k.id}/revoke`}
                    >
                      <button class="secondary" type="submit">
                        {w.revoke}
                      </button>
                    </form>
                  ) : null}
                </td>
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
    requireCoordinator(c);
    const merchant = await findMerchant(deps.db, c.get('principal').allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    const form = await c.req.parseBody();
    const num = (k: string) => (form[k] === undefined || form[k] === '' ? undefined : Number(form[k]));
    const yuanToFen = (k: string) => {
      const v = num(k);
      return v === undefined ? undefined : Math.round(v * 100);
    };
    const parsed = OfferInput.safeParse({
      code: String(form.code ?? '').trim(),
      kind: form.kind,
      titleZh: String(form.titleZh ?? '').trim(),
      titleEn: String(form.titleEn ?? '').trim(),
      ...(form.kind === 'points_as_cash'
        ? { fenPerPoint: yuanToFen('yuanPerPoint') }
        : {
            points: num('points'),
            ...(form.kind === 'percent_off'
              ? {
                  percent: num('percent'),
                  ...(num('capYuan') !== undefined ? { capFen: yuanToFen('capYuan') } : {}),
                }
              : { amountFen: yuanToFen('amountYuan') }),
          }),
    });
    if (!parsed.success) {
      return c.redirect(
        back(merchant.id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
        303,
      );
    }
    try {
      await deps.db.transaction((tx) => addOffer(tx, c.get('principal'), merchant.id, parsed.data));
    } catch (e) {
      if (isAppError(e)) return c.redirect(back(merchant.id, problemWords(e.code, c.get('lang'))), 303);
      throw e;
    }
    return c.redirect(back(merchant.id), 303);
  });

  app.post('/:id{[0-9a-f-]{36}}/devices', async (c) => {
    requireCoordinator(c);
    const merchant = await findMerchant(deps.db, c.get('principal').allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    const issued = await deps.db.transaction((tx) =>
      issueDeviceEnrollment(tx, c.get('principal'), merchant.id, deps.codeKey, deps.clock),
    );
    return c.html(await deviceSlip(c, merchant, issued.code, issued.expiresAt));
  });

  app.post('/:id{[0-9a-f-]{36}}/devices/:deviceId/revoke', async (c) => {
    requireCoordinator(c);
    const deviceId = c.req.param('deviceId');
    const merchant = await findMerchant(deps.db, c.get('principal').allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    await deps.db.transaction(async (tx) => {
      await revokeDevice(tx, c.get('principal'), deviceId, deps.clock);
      await revokeSessions(tx, deviceId, deps.clock);
    });
    return c.redirect(back(merchant.id), 303);
  });

  app.post('/:id{[0-9a-f-]{36}}/pos-keys', async (c) => {
    requireCoordinator(c);
    const w = t(c.get('lang'));
    const principal = c.get('principal');
    const merchant = await findMerchant(deps.db, principal.allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    const key = await deps.db.transaction(async (tx) => {
      const created = await createPosKey(tx, { allianceId: principal.allianceId, merchantId: merchant.id });
      await audit(tx, principal, 'pos_key.create', created.id, {
        merchantId: merchant.id,
        prefix: created.prefix,
      });
      return created;
    });
    c.header('Cache-Control', 'no-store');
    return c.html(
      <Layout lang={c.get('lang')} title={w.posKeys} principal={principal} path={c.req.path}>
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
    requireCoordinator(c);
    const principal = c.get('principal');
    const merchant = await findMerchant(deps.db, principal.allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    const keyId = c.req.param('keyId');
    await deps.db.transaction(async (tx) => {
      if (await revokePosKey(tx, { id: keyId, merchantId: merchant.id }, deps.clock)) {
        await audit(tx, principal, 'pos_key.revoke', keyId);
      }
    });
    return c.redirect(back(merchant.id), 303);
  });

  app.post('/:id{[0-9a-f-]{36}}/edit', async (c) => {
    requireCoordinator(c);
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const name = String(form.name ?? '').trim();
    const address = String(form.address ?? '').trim();
    if (!name || name.length > 60 || address.length > 120) {
      return c.redirect(
        back(
          id,
          '名称必填，最多 60 字；地址最多 120 字 / A name (at most 60) and an address (at most 120 characters)',
        ),
        303,
      );
    }
    try {
      await updateMerchant(deps.db, c.get('principal'), id, { name, address: address || null });
      return c.redirect(back(id), 303);
    } catch (e) {
      if (isAppError(e)) return c.redirect(back(id, problemWords(e.code, c.get('lang'))), 303);
      throw e;
    }
  });

  app.post('/:id{[0-9a-f-]{36}}/limits', async (c) => {
    requireCoordinator(c);
    const principal = c.get('principal');
    const merchant = await findMerchant(deps.db, principal.allianceId, c.req.param('id'));
    if (!merchant) return c.notFound();
    const form = await c.req.parseBody();
    const perCapture = Number(form.perCapture);
    const perDeviceDay = Number(form.perDeviceDay);
    const valid = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
    if (!valid(perCapture, 100_000) || !valid(perDeviceDay, 1_000_000)) {
      return c.redirect(back(merchant.id, '限额须为非负整数 / Limits must be whole numbers, 0 or more'), 303);
    }
    await deps.db.transaction(async (tx) => {
      await tx
        .update(merchants)
        .set({ offlineMaxPointsPerCapture: perCapture, offlineMaxPointsPerDeviceDay: perDeviceDay })
        .where(and(eq(merchants.id, merchant.id), eq(merchants.allianceId, principal.allianceId)));
      await audit(tx, principal, 'merchant.limits', merchant.id, { perCapture, perDeviceDay });
    });
    return c.redirect(back(merchant.id), 303);
  });

  return app;
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
        <option value="amount_off">立减 / amount off</option>
        <option value="percent_off">折扣 / percent off</option>
        <option value="item">兑换商品 / item</option>
        <option value="points_as_cash">积分抵现 / points as cash</option>
      </select>
      <label for="code">{w.code}</label>
      <input id="code" name="code" required pattern="[a-z0-9][a-z0-9-]{0,39}" placeholder="haircut-5" />
      <label for="titleZh">{w.title} (中文)</label>
      <input id="titleZh" name="titleZh" required maxlength={60} />
      <label for="titleEn">{w.title} (English)</label>
      <input id="titleEn" name="titleEn" required maxlength={80} />
      <label for="points">{w.points}</label>
      <input id="points" name="points" type="number" min={1} />
      <label for="amountYuan">元 / yuan (立减、商品 / amount off, item)</label>
      <input id="amountYuan" name="amountYuan" type="number" min={0} step="0.01" />
      <label for="percent">% (折扣 / percent off)</label>
      <input id="percent" name="percent" type="number" min={1} max={100} />
      <label for="capYuan">最多减（元）/ at most (yuan)</label>
      <input id="capYuan" name="capYuan" type="number" min={0} step="0.01" />
      <label for="yuanPerPoint">每积分抵（元）/ yuan per point</label>
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
  code: string,
  expiresAt: Date,
) {
  return enrollmentSlipPage(c, {
    subject: `${merchant.name} #${merchant.number}`,
    app: 'merchant',
    code,
    expiresAt,
    backHref: back(merchant.id),
  });
}
