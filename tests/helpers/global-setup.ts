/**
 * Makes a migrated PGlite template once per run, so each test file starts from a copy (about a
 * second) instead of booting PGlite and migrating from scratch (several seconds on this machine).
 * The template is keyed by the migration files, so a new migration makes a new template.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../api/db/client.ts';
import { migrationsFolder, runMigrations } from '../../api/db/migrate.ts';

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const dir of [migrationsFolder, join(migrationsFolder, 'meta')]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.sql') || name.endsWith('.json'))
        hash.update(name).update(readFileSync(join(dir, name)));
    }
  }
  hash.update(String(PGlite.name));
  return hash.digest('hex').slice(0, 16);
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  const file = join(tmpdir(), `alliance-pglite-template-${migrationsHash()}.tar`);
  if (!existsSync(file)) {
    const database = await openDatabase({ memory: true });
    await runMigrations(database);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('none');
    await database.close();
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  project.provide('pgliteTemplate', file);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
