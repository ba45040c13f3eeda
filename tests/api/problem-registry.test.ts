/**
 * One registry of error codes: docs/api.md lists exactly the registered codes with their statuses,
 * every code has words in both languages, and the API's titles follow Accept-Language.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../shared/problems.ts';
import { createTestApi } from '../helpers/api.ts';

describe('the error registry', () => {
  it('docs/api.md lists every registered code with its status, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(Object.entries(PROBLEMS).map(([code, e]) => [code, e.status])),
    );
  });

  it('every code has words in Chinese and English, and the Chinese words have no Latin letters', () => {
    for (const [code, entry] of Object.entries(PROBLEMS)) {
      expect(entry.zh.length, code).toBeGreaterThan(2);
      expect(entry.en.length, code).toBeGreaterThan(2);
      expect(entry.zh, code).not.toMatch(/[A-Za-z]/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
    }
  });

  it('a cross-site form and a body that is not JSON get registered codes with words, not a bare bad_request', async () => {
    const api = await createTestApi();
    const forged = await api.app.request('/console/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.cn&password=x',
    });
    // The console answers in a page of words, in the reader's language (Chinese by default).
    expect(forged.status).toBe(403);
    const page = await forged.text();
    expect(page).toContain('data-error="cross_site_request"');
    expect(page).toContain(PROBLEMS.cross_site_request.zh);
    const token = await api.login();
    const notJson = await api.call('POST', '/v1/households', {
      token,
      headers: { 'content-type': 'text/plain' },
      body: '{"name":"王家"}',
    });
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({
      type: 'unsupported_media_type',
      title: PROBLEMS.unsupported_media_type.en,
    });
    const broken = await api.call('POST', '/v1/households', { token, body: '{"name":' });
    expect(await broken.json()).toMatchObject({ type: 'malformed_json', status: 400 });
    await api.close();
  });

  it('a problem title is in Chinese when the caller asks for it, and names the code either way', async () => {
    const api = await createTestApi();
    const zh = await api.app.request('/v1/me', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.status).toBe(401);
    expect(await zh.json()).toMatchObject({ type: 'unauthenticated', title: PROBLEMS.unauthenticated.zh });
    const en = await api.app.request('/v1/me');
    expect(await en.json()).toMatchObject({ type: 'unauthenticated', title: PROBLEMS.unauthenticated.en });
    await api.close();
  });
});
