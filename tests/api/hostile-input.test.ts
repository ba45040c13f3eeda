/**
 * Every input is checked before the database sees it. The test walks every operation in
 * /openapi.json and sends each of its fields (path, query, header and body, one at a time, the
 * rest valid) hostile values: NUL bytes, lone surrogates, 10,000-character strings, -1, 2³²,
 * 1e309, "5" for a number, null, wrong types, impossible dates. Every answer is below 500; a
 * refusal is a registered problem+json; a value the field's own schema refuses, or text that is
 * not clean, is refused with a 4xx; and an operation all of whose answers were refusals left
 * the database as it was.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../api/db/rows.ts';
import { isProblemCode } from '../../shared/problems.ts';
import { isCleanText } from '../../shared/text.ts';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice } from '../helpers/world.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
};
type Operation = {
  tags?: string[];
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/** Raw JSON text for a value: 1e309 has no JavaScript value that JSON.stringify keeps. */
const RAW = Symbol('raw');
type Hostile = unknown | { [RAW]: string };
const HOSTILE: Hostile[] = [
  '\u0000',
  'a\u0000b',
  'a\ud800b',
  '\udc00',
  'x'.repeat(10_000),
  '',
  -1,
  2 ** 32,
  { [RAW]: '1e309' },
  '5',
  null,
  true,
  {},
  [],
  '9999-99-99',
  '0000-01',
  '2026-02-31',
];
/** In a URL a lone surrogate cannot be percent-encoded: these are its invalid UTF-8 spellings. */
const HOSTILE_URL = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  'x'.repeat(3000),
  '-1',
  '4294967296',
  '1e309',
  '9999-99-99',
  '0000-01',
  '2026-02-31',
  '',
];

const isRaw = (v: Hostile): v is { [RAW]: string } => typeof v === 'object' && v !== null && RAW in v;

describe('hostile input on every operation', () => {
  let api: TestApi;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  const tokens: Record<string, string> = {};
  const base: Record<
    string,
    {
      params?: Record<string, string>;
      query?: Record<string, string>;
      headers?: Record<string, string>;
      body?: Record<string, unknown>;
    }
  > = {};

  beforeAll(async () => {
    api = await createTestApi();
    const coordinator = await api.login();
    const merchant = await createMerchant(api, coordinator, '理发店');
    const device = await enrollDevice(api, coordinator, merchant.id);
    const resident = await createResident(api, coordinator, '王秀兰', 500);
    const pos = await (
      await api.call('POST', `/v1/merchants/${merchant.id}/pos-keys`, { token: coordinator })
    ).json();
    const voucher = await resident.voucher({ capPoints: 5 });
    Object.assign(tokens, { coordinator, resident: resident.token, device: device.token, pos: pos.key });
    doc = await (await api.app.request('/openapi.json')).json();
    const idem = { 'idempotency-key': 'hostile-input-key-1' };
    const offer = {
      code: 'wash-1',
      kind: 'amount_off',
      titleZh: '洗头',
      titleEn: 'Wash',
      points: 10,
      amountFen: 100,
    };
    Object.assign(base, {
      'post /v1/auth/login': { body: { email: ADMIN.email, password: 'not the password' } },
      'post /v1/auth/refresh': { body: { refreshToken: `rt_${'a'.repeat(43)}` } },
      'post /v1/auth/logout': { body: { refreshToken: `rt_${'a'.repeat(43)}` } },
      'post /v1/enroll/resident': { body: { code: '1234-5678-9012' } },
      'post /v1/enroll/device': { body: { code: '1234-5678-9012', publicKey: 'A'.repeat(43), name: '前台' } },
      'post /v1/residents': { body: { name: '测试居民', phone: '13800000000' } },
      'get /v1/residents': { query: { q: '王', limit: '10', offset: '0' } },
      'patch /v1/residents/{id}': {
        params: { id: resident.id },
        body: { name: '王秀兰', phone: '13900000000' },
      },
      'post /v1/residents/{id}/enrollment-code': { params: { id: resident.id } },
      'post /v1/households': { body: { name: '王家' } },
      'post /v1/merchants': { body: { name: '新店', address: '幸福路 1 号', offers: [offer] } },
      'patch /v1/merchants/{id}': {
        params: { id: merchant.id },
        body: { name: '理发店', address: '幸福路 2 号' },
      },
      'post /v1/merchants/{id}/offers': { params: { id: merchant.id }, body: { ...offer, code: 'wash-2' } },
      'post /v1/merchants/{id}/devices': { params: { id: merchant.id } },
      'post /v1/devices/{deviceId}/revoke': { params: { deviceId: 'dev_000000000000' } },
      'post /v1/merchants/{id}/pos-keys': { params: { id: merchant.id } },
      'post /v1/merchants/{id}/pos-keys/{keyId}/revoke': { params: { id: merchant.id, keyId: randomUUID() } },
      'post /v1/grants': { headers: idem, body: { residentId: resident.id, points: 5, reason: '志愿服务' } },
      'get /v1/me/history': { query: { limit: '10', before: '2026-11-22T00:00:00Z' } },
      'post /v1/vouchers': { body: { capPoints: 5 } },
      'delete /v1/vouchers/{voucherId}': { params: { voucherId: '0'.repeat(24) } },
      'post /v1/redemptions': { body: { ...device.sign({ voucher: voucher.text, points: 5 }) } },
      'get /v1/merchant/redemptions': { query: { day: '2026-11-22' } },
      'post /v1/redemptions/{id}/reverse': { params: { id: randomUUID() } },
      'post /v1/pos/verify': { body: { voucher: voucher.text } },
      'post /v1/pos/captures': {
        headers: idem,
        body: { voucher: voucher.text, points: 5, billFen: 3000, discountFen: 500 },
      },
      'post /v1/settlement/periods/{month}/close': { params: { month: '2026-10' } },
      'get /v1/settlement/periods/{id}/statements': {
        params: { id: randomUUID() },
        query: { format: 'json' },
      },
      'get /v1/settlement/statements/{id}/lines': { params: { id: randomUUID() }, query: { format: 'json' } },
      'post /v1/settlement/statements/{id}/paid': {
        params: { id: randomUUID() },
        body: { reference: 'BANK-1' },
      },
      'get /v1/conflicts': { query: { undecided: 'true' } },
      'post /v1/conflicts/{id}/decide': {
        params: { id: randomUUID() },
        body: { bears: 'alliance', note: '说明' },
      },
    });
  });
  afterAll(() => api.close());

  const resolve = (s: Schema): Schema => {
    const ref = s.$ref?.replace('#/components/schemas/', '');
    const target = ref ? doc.components.schemas[ref]! : s;
    return target.anyOf?.[0] ?? target.oneOf?.[0] ?? target;
  };

  /** Whether the field's own schema admits `value` (the checks OpenAPI can express). */
  function admits(schema: Schema, value: unknown): boolean {
    const s = resolve(schema);
    const types = [s.type ?? []].flat();
    if (value === null) return types.includes('null') || Boolean(s.nullable);
    if (s.enum) return s.enum.includes(value);
    if (s.const !== undefined) return s.const === value;
    if (typeof value === 'string') {
      if (!types.includes('string')) return false;
      if (s.minLength !== undefined && value.length < s.minLength) return false;
      if (s.maxLength !== undefined && value.length > s.maxLength) return false;
      if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) return false;
      if (s.format === 'uuid') return /^[0-9a-f-]{36}$/i.test(value);
      return true;
    }
    if (typeof value === 'number') {
      if (!types.includes('integer') && !types.includes('number')) return false;
      if (types.includes('integer') && !Number.isInteger(value)) return false;
      if (s.minimum !== undefined && value < s.minimum) return false;
      if (s.maximum !== undefined && value > s.maximum) return false;
      if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return false;
      if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return false;
      return true;
    }
    if (typeof value === 'boolean') return types.includes('boolean');
    if (Array.isArray(value)) return types.includes('array');
    return types.includes('object');
  }

  function tokenFor(path: string, op: Operation): string | undefined {
    const tag = op.tags?.[0];
    if (tag === 'auth' || tag === 'enrollment') return undefined;
    if (tag === 'resident') return tokens.resident;
    if (tag === 'merchant device') return tokens.device;
    if (tag === 'POS') return tokens.pos;
    return path.startsWith('/v1/') ? tokens.coordinator : undefined;
  }

  async function fingerprint(): Promise<string> {
    // Throttle counters and idempotency answers are left out: they are meant to count refusals.
    const counted = await rows<Record<string, unknown>>(
      api.database.db,
      sql`select
        (select count(*) from residents) as residents, (select count(*) from households) as households,
        (select count(*) from merchants) as merchants, (select count(*) from offers) as offers,
        (select count(*) from devices where revoked_at is null) as devices, (select count(*) from pos_keys where revoked_at is null) as pos_keys,
        (select count(*) from transfers) as transfers, (select coalesce(sum(balance), 0) from ledger_accounts) as balances,
        (select count(*) from holds) as holds, (select count(*) from redemptions) as redemptions,
        (select count(*) from settlement_periods) as periods, (select count(*) from conflicts where bears is not null) as decided,
        (select count(*) from enrollment_codes) as codes, (select count(*) from audit_log) as audit,
        (select string_agg(name || coalesce(phone, ''), ',' order by id) from residents) as names,
        (select string_agg(name || coalesce(address, ''), ',' order by id) from merchants) as shops`,
    );
    return JSON.stringify(counted[0]);
  }

  async function send(
    method: string,
    path: string,
    op: Operation,
    request: {
      params?: Record<string, string>;
      query?: Record<string, string>;
      headers?: Record<string, string>;
      body?: unknown;
      rawBody?: string;
    },
  ): Promise<Response> {
    let url = path.replace(/\{(\w+)\}/g, (_, name) => request.params?.[name] ?? randomUUID());
    const query = Object.entries(request.query ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    if (query) url += `?${query}`;
    const token = tokenFor(path, op);
    const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    return api.app.request(url, {
      method: method.toUpperCase(),
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...request.headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
  }

  it('walks every operation: nothing answers 5xx, refusals are registered problems, and refusals change nothing', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method} ${path}`;
        const start = base[key] ?? {};
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const properties = bodySchema ? (resolve(bodySchema).properties ?? {}) : {};
        const before = await fingerprint();
        let allRefused = true;
        const check = async (what: string, res: Response, mustRefuse: boolean) => {
          sent++;
          const text = await res.text();
          if (res.status >= 500) failures.push(`${key} ${what}: ${res.status} ${text.slice(0, 200)}`);
          if (res.status < 400) allRefused = false;
          if (res.status < 400 && mustRefuse) failures.push(`${key} ${what}: accepted (${res.status})`);
          if (res.status >= 400) {
            const type = res.headers.get('content-type') ?? '';
            const problem = type.includes('problem+json') ? JSON.parse(text) : undefined;
            if (!problem || !isProblemCode(problem.type) || !problem.title)
              failures.push(
                `${key} ${what}: ${res.status} is not a registered problem: ${text.slice(0, 120)}`,
              );
          }
        };
        for (const param of op.parameters ?? []) {
          for (const value of HOSTILE_URL) {
            const request = {
              ...start,
              params: { ...start.params },
              query: { ...start.query },
              headers: { ...start.headers },
            };
            if (param.in === 'path') request.params[param.name] = value;
            if (param.in === 'query') request.query[param.name] = value;
            if (param.in === 'header') {
              if (!/^[\x20-\x7e]*$/.test(value)) continue; // not sendable as a header
              request.headers[param.name] = value;
            }
            let decoded: string | undefined;
            try {
              decoded = decodeURIComponent(value);
            } catch {
              decoded = undefined;
            }
            const mustRefuse =
              decoded === undefined || !isCleanText(decoded) || !admits(param.schema, decoded);
            if (param.in === 'path' && value === '') continue; // another route, not this one
            if (param.in === 'query' && value === '') continue; // an empty query value is an absent one
            await check(
              `${param.in} ${param.name}=${value.slice(0, 20)}`,
              await send(method, path, op, request),
              mustRefuse && param.in !== 'header',
            );
          }
        }
        // The sync batch answers each record on its own (tests/api/sync-robustness.test.ts).
        const fields = key === 'post /v1/redemptions/sync' ? [] : Object.entries(properties);
        for (const [name, schema] of fields) {
          for (const value of HOSTILE) {
            const body = { ...(start.body ?? {}) } as Record<string, unknown>;
            let rawBody: string | undefined;
            if (isRaw(value))
              rawBody = JSON.stringify(body).replace(
                /}$/,
                `${Object.keys(body).length ? ',' : ''}"${name}":${value[RAW]}}`,
              );
            else body[name] = value;
            if (isRaw(value)) delete body[name];
            const unclean = typeof value === 'string' && !isCleanText(value);
            const mustRefuse = isRaw(value) || unclean || !admits(schema, value);
            const res = await send(method, path, op, { ...start, body, ...(rawBody ? { rawBody } : {}) });
            await check(
              `body ${name}=${JSON.stringify(isRaw(value) ? value[RAW] : value).slice(0, 20)}`,
              res,
              mustRefuse,
            );
          }
        }
        if (allRefused && (await fingerprint()) !== before)
          failures.push(`${key}: refused everything yet the database changed`);
      }
    }
    expect(sent).toBeGreaterThan(800);
    expect(failures).toEqual([]);
  }, 300_000);
});
