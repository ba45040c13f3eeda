import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api.ts';

describe('API description', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('/openapi.json is an OpenAPI 3.1 document listing the routes with their schemas', async () => {
    const res = await api.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/auth/login', '/v1/enroll/device', '/v1/residents', '/v1/merchants']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/v1/auth/login'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('/docs is a readable page naming every route, with no external script', async () => {
    const res = await api.call('GET', '/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/v1/enroll/resident');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it('/metrics is Prometheus text with request counts by route pattern and ledger gauges', async () => {
    await api.call('GET', '/healthz');
    const res = await api.call('GET', '/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/alliance_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('alliance_holds_open{measure="holds"} 0');
    expect(text).toContain('alliance_http_request_duration_seconds_bucket');
  });

  it('responses carry security headers', async () => {
    const res = await api.call('GET', '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
