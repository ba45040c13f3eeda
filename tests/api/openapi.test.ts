import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api.ts';

const METRICS_TOKEN = 'metrics-token-for-tests';

describe('API description', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ app: { metricsToken: METRICS_TOKEN } });
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
    const res = await api.call('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/alliance_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('alliance_holds_open{measure="holds"} 0');
    expect(text).toContain('alliance_http_request_duration_seconds_bucket');
  });

  it('/metrics needs the token: without it, or with a wrong one, it is refused', async () => {
    expect((await api.call('GET', '/metrics')).status).toBe(401);
    const wrong = await api.call('GET', '/metrics', { headers: { authorization: 'Bearer guess' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('problem+json');
  });

  it('/metrics with no token configured is closed unless the server listens on loopback only', async () => {
    const open = await createTestApi({ app: { loopbackOnly: true } });
    const closed = await createTestApi({ app: { loopbackOnly: false } });
    try {
      expect((await open.call('GET', '/metrics')).status).toBe(200);
      const refused = await closed.call('GET', '/metrics');
      expect(refused.status).toBe(401);
      expect((await refused.json()).type).toBe('metrics_token_required');
    } finally {
      await open.close();
      await closed.close();
    }
  });

  it('every page carries a Content-Security-Policy that runs no inline script, and has none', async () => {
    for (const path of ['/console/login', '/docs', '/']) {
      const res = await api.call('GET', path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toContain("object-src 'none'");
      // Every <script> on the page loads a file of ours; none carries code of its own.
      for (const tag of (await res.text()).match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
        expect(tag, path).toMatch(/^<script[^>]*\ssrc="\/[^"]*"[^>]*><\/script>$/);
      }
    }
  });

  it('responses carry security headers', async () => {
    const res = await api.call('GET', '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
