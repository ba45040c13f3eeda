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
import {
  FundingRuleInput,
  MerchantChanges,
  NewMerchant,
  OfferInput,
  OfflineLimits,
} from '../../application/inputs.ts';
import { merchantFundingRules, setMerchantFunding } from '../../application/settlement.ts';
import type { StaffPrincipal } from '../../auth/principal.ts';
import { hasRight } from '../../auth/rights.ts';
import { merchantOffers } from '../../directory/directory.ts';
import { merchantDetail, merchantsOf } from '../../directory/queries.ts';
import { AppError } from '../../errors.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { localTime } from '../../local-time.ts';
import { parseForm, refusedFields } from '../form.ts';
import { formatTime, formatYuan, t, type Words } from '../i18n.ts';
import { Layout } from '../layout.tsx';
import { ErrorNote, orBack } from '../problems.tsx';
import type { ConsoleEnv } from '../session.ts';
import { enrollmentSlipPage } from '../slip.tsx';

const back = (id: string) => `/console/merchants/${id}`;

/** A whole number as typed; what is not one is left for the schema to refuse. */
function numberOrText(text: unknown): number | string | undefined {
  const v = String(text ?? '').trim();
  if (!v) return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}

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
    if (!found) throw new AppError('not_found');
    const { merchant, offers, devices: deviceRows, posKeys: keyRows } = found;
    const isCoordinator = hasRight(c.get('principal'), 'merchants');
    const lang = c.get('lang');
    const tz = c.get('alliance').timezone;
    const funding = hasRight(c.get('principal'), 'settlement')
      ? await merchantFundingRules(deps, c.get('principal') as StaffPrincipal, merchant.id)
      : undefined;
    const keyNumber = new Map(
      [...keyRows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((k, i) => [k.id, i + 1]),
    );
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
              <th>{w.title}</th>
              <th>{w.kind}</th>
              <th>{w.points}</th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr data-offer={o.code}>
                <td>{lang === 'en' ? o.titleEn : o.titleZh}</td>
                <td>{w.offerKinds[o.kind]}</td>
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
                <td>{d.lastSeenAt ? formatTime(d.lastSeenAt, tz) : w.never}</td>
                <RevokeCell
                  w={w}
                  revoked={Boolean(d.revokedAt)}
                  href={
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
              <th>{w.title}</th>
              <th>{w.createdAt}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keyRows.map((k) => (
              <tr data-prefix={k.prefix}>
                <td>{w.posKeyNumber(keyNumber.get(k.id) ?? 0)}</td>
                <td>{formatTime(k.createdAt, tz)}</td>
                <RevokeCell
                  w={w}
                  revoked={Boolean(k.revokedAt)}
                  href={
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

        {funding && (
          <FundingSection
            w={w}
            merchantId={merchant.id}
            rules={funding}
            months={fundingMonths(c.get('alliance'), deps.clock.now())}
            canSet={c.get('principal').role === 'coordinator'}
          />
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

  /** The next number a shop has not used as an offer code (codes are for records and POS, not for people). */
  const nextOfferCode = async (merchantId: string): Promise<string> => {
    const codes = (await merchantOffers(deps.db, merchantId, { activeOnly: false })).map((o) => o.code);
    const taken = codes.filter((code) => /^\d+$/.test(code)).map(Number);
    return String(Math.max(0, codes.length, ...taken) + 1);
  };

  app.post('/:id{[0-9a-f-]{36}}/offers', async (c) => {
    const id = c.req.param('id');
    const posted = await c.req.parseBody();
    const form = await parseForm(c, OfferInput, {
      // Left blank, an offer is numbered: the next number this shop has not used.
      ...(String(posted.code ?? '').trim() ? {} : { code: await nextOfferCode(id) }),
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

  app.get('/:id{[0-9a-f-]{36}}/devices/:deviceId/revoke', async (c) => {
    const w = t(c.get('lang'));
    const found = await merchantDetail(deps.db, c.get('principal').allianceId, c.req.param('id'));
    const device = found?.devices.find((d) => d.id === c.req.param('deviceId'));
    if (!found || !device) throw new AppError('not_found');
    return c.html(
      <RevokeConfirm
        c={c}
        title={w.revokeDeviceTitle(found.merchant.name, device.name)}
        explain={w.revokeDeviceExplain}
        action={c.req.path}
        backHref={back(found.merchant.id)}
      />,
    );
  });

  app.get('/:id{[0-9a-f-]{36}}/pos-keys/:keyId/revoke', async (c) => {
    const w = t(c.get('lang'));
    const found = await merchantDetail(deps.db, c.get('principal').allianceId, c.req.param('id'));
    const keys = [...(found?.posKeys ?? [])].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const index = keys.findIndex((k) => k.id === c.req.param('keyId'));
    if (!found || index < 0) throw new AppError('not_found');
    return c.html(
      <RevokeConfirm
        c={c}
        title={w.revokeKeyTitle(found.merchant.name, w.posKeyNumber(index + 1))}
        explain={w.revokeKeyExplain}
        action={c.req.path}
        backHref={back(found.merchant.id)}
      />,
    );
  });

  app.post('/:id{[0-9a-f-]{36}}/funding', async (c) => {
    const id = c.req.param('id');
    const posted = await c.req.parseBody();
    const rule = String(posted.rule ?? '');
    const form = await parseForm(c, FundingRuleInput, {
      fenPerPoint: rule === 'per_point' ? numberOrText(posted.fenPerPoint) : undefined,
      sharePercent: rule === 'share' ? numberOrText(posted.sharePercent) : undefined,
    });
    if (!form.ok) return c.redirect(`${back(id)}?${refusedFields(form.fields)}`, 303);
    return orBack(c, back(id), async () => {
      await setMerchantFunding(deps, c.get('principal') as StaffPrincipal, id, form.data);
      return c.redirect(back(id), 303);
    });
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

/** "Revoked", or, for the reader who may, the way to the page that asks before revoking. */
function RevokeCell({ w, revoked, href }: { w: Words; revoked: boolean; href: string | undefined }) {
  return (
    <td>
      {revoked ? (
        w.revoked
      ) : href ? (
        <a class="button secondary" href={href}>
          {w.revoke}
        </a>
      ) : null}
    </td>
  );
}

/** The page that asks before a device or a POS key is switched off, naming the shop and the thing. */
function RevokeConfirm(props: {
  c: Context<ConsoleEnv>;
  title: string;
  explain: string;
  action: string;
  backHref: string;
}) {
  const w = t(props.c.get('lang'));
  return (
    <Layout
      lang={props.c.get('lang')}
      title={props.title}
      principal={props.c.get('principal')}
      path={props.c.req.path}
    >
      <h1>{props.title}</h1>
      <p>{props.explain}</p>
      <form method="post" action={props.action}>
        <button type="submit" class="danger">
          {w.confirmRevoke}
        </button>{' '}
        <a href={props.backHref}>{w.back}</a>
      </form>
    </Layout>
  );
}

/** Who funds the shop's discounts, month by month, and the form to set it from a month on. */
function FundingSection(props: {
  w: Words;
  merchantId: string;
  rules: Awaited<ReturnType<typeof merchantFundingRules>>;
  months: string[];
  canSet: boolean;
}) {
  const { w, rules } = props;
  // The form starts from the rule last set, so changing one figure does not reset the rule.
  const last = rules.at(-1);
  const checked = (rule: string) => (last?.rule ?? 'merchant') === rule;
  return (
    <>
      <h2>{w.whoBears}</h2>
      {rules.length === 0 ? (
        <p class="muted">{w.fundingDefault}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{w.fields.fromMonth}</th>
              <th>{w.fields.rule}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr data-funding={r.rule}>
                <td>{w.monthName(r.fromMonth)}</td>
                <td>{fundingRuleWords(w, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canSet && (
        <form
          method="post"
          action={`/console/merchants/${props.merchantId}/funding`}
          class="card no-print"
          style="max-width:30rem"
        >
          <label for="fromMonth">{w.fields.fromMonth}</label>
          <select id="fromMonth" name="fromMonth">
            {props.months.map((m, i) => (
              <option value={m} selected={i === 0}>
                {w.monthName(m)}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{w.fields.rule}</legend>
            <label class="choice">
              <input type="radio" name="rule" value="merchant" checked={checked('merchant')} />{' '}
              {w.fundingRules.merchant}
            </label>
            <label class="choice">
              <input type="radio" name="rule" value="per_point" checked={checked('per_point')} />{' '}
              {w.fundingRules.per_point}
            </label>
            <label for="fenPerPoint">{w.fundingFenPerPoint}</label>
            <input
              id="fenPerPoint"
              name="fenPerPoint"
              type="number"
              min={0}
              max={10000}
              value={
                last?.fenPerPoint === null || last?.fenPerPoint === undefined ? '' : String(last.fenPerPoint)
              }
            />
            <label class="choice">
              <input type="radio" name="rule" value="share" checked={checked('share')} />{' '}
              {w.fundingRules.share}
            </label>
            <label for="sharePercent">{w.fundingSharePercent}</label>
            <input
              id="sharePercent"
              name="sharePercent"
              type="number"
              min={1}
              max={100}
              value={
                last?.sharePercent === null || last?.sharePercent === undefined
                  ? ''
                  : String(last.sharePercent)
              }
            />
          </fieldset>
          <p>
            <button type="submit">{w.save}</button>
          </p>
        </form>
      )}
    </>
  );
}

function fundingRuleWords(
  w: Words,
  r: { rule: string; fenPerPoint: number | null; sharePercent: number | null },
) {
  if (r.rule === 'per_point') return `${w.fundingRules.per_point} · ${r.fenPerPoint ?? 0} ${w.fenPerPoint}`;
  if (r.rule === 'share') return `${w.fundingRules.share} · ${r.sharePercent ?? 0}%`;
  return w.fundingRules.merchant!;
}

/** Months a rule may start from: this month and the next eleven (closed months are refused by the rule itself). */
function fundingMonths(alliance: { timezone: string }, now: Date): string[] {
  const here = localTime(alliance.timezone, now);
  return Array.from({ length: 12 }, (_, i) => {
    const index = here.year * 12 + here.month - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
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
      <label for="code">{w.offerCodeOptional}</label>
      <input id="code" name="code" pattern="[a-z0-9][a-z0-9-]{0,39}" inputmode="numeric" />
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
