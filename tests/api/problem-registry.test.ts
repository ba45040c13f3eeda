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
