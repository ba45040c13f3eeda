/**
 * `npm run check` lints the API document the way a POS vendor's tools would: it builds the app
 * (on an in-memory PGlite with nothing in it — the document needs no data), writes
 * /openapi.json to a scratch file and runs Redocly's recommended ruleset on it. Any error fails
 * the check; warnings are printed. Redocly's telemetry and update check are off: nothing leaves
 * the machine.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../api/app.ts';
import { openDatabase } from '../api/db/client.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const database = await openDatabase({ memory: true });
const app = createApp({
  db: database.db,
  allianceId: randomUUID(),
  masterKey: new Uint8Array(randomBytes(32)),
  publicUrl: process.env.PUBLIC_URL ?? 'https://points.example.cn',
});
const doc = await (await app.request('http://localhost/openapi.json')).text();
await database.close();

const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, doc);
const lint = spawnSync(
  process.execPath,
  [join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', '--extends=recommended', file],
  {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
  },
);
rmSync(dir, { recursive: true, force: true });
process.exit(lint.status ?? 1);
