import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/client.ts';
import { merchants, residents } from '../../api/db/schema/index.ts';
import { runServerExpectingExit, startServer } from '../helpers/server-process.ts';

/**
 * The real process, as `npm start` runs it: on PGlite in a temporary DATA_DIR, or on a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set.
 */
describe('the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alliance-start-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: '' };
  let dropDatabase = async () => {};

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const name = `start_${Date.now().toString(36)}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDatabase = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase();
  });

  async function countDirectory() {
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
    try {
      const [m] = await database.db.select({ n: count() }).from(merchants);
      const [r] = await database.db.select({ n: count() }).from(residents);
      return { merchants: m!.n, residents: r!.n };
    } finally {
      await database.close();
    }
  }

  let firstCount: { merchants: number; residents: number };

  it('the first start becomes ready, seeds the demo and prints the URLs and codes', async () => {
    const server = await startServer(env);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    const out = server.output();
    expect(out).toContain('/resident/');
    expect(out).toContain('/merchant/');
    expect(out).toMatch(/Generated password \(shown once, write it down\): \S+/);
    expect(out).toMatch(/resident .+ \d{4}-\d{4}-\d{4}/);
    firstCount = await countDirectory();
    expect(firstCount.merchants).toBe(3);
  });

  it('a restart keeps the data and seeds nothing again', async () => {
    const server = await startServer(env);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toContain('Generated password');
    expect(server.output()).not.toContain('Demo enrollment codes');
    expect(await countDirectory()).toEqual(firstCount);
  });

  it('a bad variable stops the start with a message naming it', async () => {
    const { code, output } = await runServerExpectingExit({ ...env, PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toContain('PORT:');
  });
});
