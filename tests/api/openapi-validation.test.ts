/**
 * The document matches the wire (issue #21): the test helper holds every JSON answer to the
 * OpenAPI document (tests/helpers/openapi-validator.ts). Here the validator itself is shown to
 * fail a body that drifts, an undeclared status and a wrong media type, and to pass the real
 * answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api.ts';
import { checkResponse, OpenApiValidator } from '../helpers/openapi-validator.ts';

describe('responses are checked against the OpenAPI document', () => {
  let api: TestApi;
  let validator: OpenApiValidator;
  let token: string;

  beforeAll(async () => {
    api = await createTestApi({ demo: true });
    validator = new OpenApiValidator(await (await api.app.request('/openapi.json')).json());
    token = await api.login();
  });
  afterAll(() => api.close());

  it('a real answer matches; the same answer with a field of the wrong type does not', async () => {
    const res = await api.call('GET', '/v1/merchants', { token });
    expect(res.status).toBe(200);
    const body = await res.json();
    const check = { method: 'GET', path: '/v1/merchants', status: 200, contentType: 'application/json' };
    expect(validator.problems({ ...check, body })).toBeUndefined();
    const wrong = structuredClone(body);
    wrong.merchants[0].number = '一号';
    expect(validator.problems({ ...check, body: wrong })).toMatch(/\/merchants\/0\/number must be integer/);
    const missing = structuredClone(body);
    delete missing.merchants[0].name;
    expect(validator.problems({ ...check, body: missing })).toMatch(/must have required property 'name'/);
  });

  it('an undeclared status, or a body that is not a problem document on a refusal, fails', () => {
    const base = { method: 'GET', path: '/v1/merchants', contentType: 'application/json' };
    expect(validator.problems({ ...base, status: 418, body: {} })).toMatch(/status 418 is not declared/);
    const problem = { type: 'service_unavailable', title: '…', status: 503 };
    const refusal = { ...base, status: 503, contentType: 'application/problem+json' };
    expect(validator.problems({ ...refusal, body: problem })).toBeUndefined();
    expect(validator.problems({ ...refusal, body: { error: 'down' } })).toMatch(/not a problem document/);
  });

  it('paths with parameters find their operation; the helper throws on a drifting answer', async () => {
    expect(validator.templateOf('GET', '/v1/goods/00000000-0000-4000-8000-000000000000')).toBe(
      '/v1/goods/{id}',
    );
    expect(validator.templateOf('GET', '/v1/rankings?period=month')).toBe('/v1/rankings');
    const drifted = new Response(JSON.stringify({ merchants: 'none' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    await expect(checkResponse(validator, 'GET', '/v1/merchants', drifted)).rejects.toThrow(
      /does not match the document/,
    );
  });
});
