/**
 * The layers of docs/architecture.md, held against every import in the tree: a domain module
 * never reaches up to a use case, a route or a page; the front doors read through queries and
 * act through the application layer; shared/ runs on both sides. A new file breaks this test the
 * day it imports against the grain, not the day someone notices.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sources = execFileSync(
  'git',
  ['ls-files', '-co', '--exclude-standard', 'api', 'shared', 'merchant-pwa/src', 'resident-pwa/src'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((f) => /\.(ts|tsx)$/.test(f));

/** The layer a file belongs to, by its folder. */
function layerOf(file: string): string {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('merchant-pwa/') || file.startsWith('resident-pwa/')) return 'app';
  const [, top, name] = file.split('/');
  if (!name) {
    if (['app.ts', 'server.ts', 'bootstrap.ts'].includes(top!)) return 'composition';
    return 'ground';
  }
  if (top === 'db') return 'db';
  if (top === 'rankings') return 'domain:rankings';
  if (top === 'activities') return 'domain:activities';
  if (top === 'goods') return 'domain:goods';
  if (top === 'screen') return 'domain:screen';
  if (top === 'cards') return 'domain:cards';
  if (
    ['auth', 'directory', 'ledger', 'settlement', 'vouchers', 'earning', 'households', 'demo'].includes(top!)
  )
    return `domain:${top}`;
  if (top === 'application') return 'application';
  return `door:${top}`;
}

/** Domains in the order they may lean on each other: each imports only those ranked below it. */
const DOMAIN_RANK: Record<string, number> = {
  auth: 1,
  directory: 2,
  ledger: 3,
  settlement: 4,
  vouchers: 4,
  earning: 4,
  goods: 4,
  households: 5,
  activities: 5,
  rankings: 5,
  cards: 5,
  screen: 6,
  demo: 7,
};

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (to === 'shared') return true;
  if (from === 'shared' || to === 'app' || from === 'app') return false;
  if (from === 'composition') return true;
  if (to === 'composition') return false;
  if (from === 'ground') return to === 'ground';
  if (from === 'db') return to === 'ground';
  if (from.startsWith('domain:')) {
    if (to === 'ground' || to === 'db') return true;
    if (!to.startsWith('domain:')) return false;
    return DOMAIN_RANK[to.slice(7)]! < DOMAIN_RANK[from.slice(7)]!;
  }
  if (from === 'application') return to === 'ground' || to === 'db' || to.startsWith('domain:');
  // Front doors: the JSON API and the console read through queries and act through the use
  // cases, never the tables; the HTTP plumbing serves both; the operator CLI may open databases.
  if (from === 'door:v1' || from === 'door:console') {
    return to !== 'db' && (to === 'door:http' || !to.startsWith('door:'));
  }
  if (from === 'door:http') return to !== 'door:v1' && to !== 'door:console' && to !== 'door:cli';
  if (from === 'door:cli') return to !== 'door:v1' && to !== 'door:console';
  return false;
}

/** shared/ runs in the browser and on the server: nothing of Node's, nothing of the DOM's own. */
const NODE_ONLY = /^node:|^(fs|path|crypto|child_process|postgres|drizzle-orm|hono)(\/|$)/;

describe('the layers', () => {
  it('every import runs with the grain of docs/architecture.md', () => {
    const against: string[] = [];
    for (const file of sources) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) {
          if (file.startsWith('shared/') && NODE_ONLY.test(spec)) against.push(`${file} -> ${spec}`);
          continue;
        }
        const target = relative(root, normalize(join(root, dirname(file), spec)));
        if (!allowed(layerOf(file), layerOf(target)))
          against.push(`${file} (${layerOf(file)}) -> ${target} (${layerOf(target)})`);
      }
    }
    expect(against).toEqual([]);
  });

  it('docs/architecture.md names every folder of api/ and shared/', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const folders = new Set(
      sources
        .map((f) =>
          f
            .split('/')
            .slice(0, f.startsWith('api/') ? 2 : 1)
            .join('/'),
        )
        .filter((f) => !/\.tsx?$/.test(f)),
    );
    for (const folder of folders) expect(doc, folder).toContain(`${folder}/`);
  });
});
