/**
 * Writes examples/pos-client/api.d.ts: the API's types made by openapi-typescript from the
 * document the app serves (`npm run examples:types`). tests/examples/pos-client.test.ts fails
 * when the file is not what this script would write, so the example never drifts from the API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp } from '../api/app.ts';
import { openDatabase } from '../api/db/client.ts';

export async function posClientTypes(): Promise<string> {
  const database = await openDatabase({ memory: true });
  try {
    const app = createApp({
      db: database.db,
      allianceId: randomUUID(),
      masterKey: new Uint8Array(randomBytes(32)),
    });
    const doc = await (await app.request('http://localhost/openapi.json')).json();
    const header =
      '// Made by `npm run examples:types` (openapi-typescript) from /openapi.json. Do not edit.\n';
    return header + astToString(await openapiTS(doc));
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../examples/pos-client/api.d.ts', import.meta.url), await posClientTypes());
}
