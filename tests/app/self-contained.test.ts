/**
 * The repository is self-contained: a clone in any folder installs with `npm ci` (npm 10 and 11)
 * and passes `npm test`, so nothing it runs, builds or tests may read outside the checkout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);

describe('the repository is self-contained', () => {
  it('no relative path in a source file, config or document points outside the checkout', () => {
    const textFiles = tracked.filter((f) => /\.(ts|tsx|js|mjs|json|md|html|sh)$/.test(f) || f === '.ci/run');
    const outside: string[] = [];
    for (const file of textFiles) {
      if (file === 'package-lock.json') continue;
      const text = readFileSync(join(root, file), 'utf8');
      // Quoted strings, template literals and markdown link targets that start with ./ or ../
      for (const m of text.matchAll(/['"`(]((?:\.\.?\/)+[^'"`)\s]*)/g)) {
        const target = resolve(root, dirname(file), m[1]!);
        if (relative(root, target).startsWith('..')) outside.push(`${file}: ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('the lockfile holds every optional package of every platform, as npm 11 `npm ci` requires', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const paths = new Set(Object.keys(lock.packages));
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        // npm resolves a dependency in the nearest node_modules up the tree.
        let dir = path;
        let found = false;
        for (;;) {
          if (paths.has(`${dir ? `${dir}/` : ''}node_modules/${name}`)) {
            found = true;
            break;
          }
          if (!dir) break;
          const up = dir.lastIndexOf('/node_modules/');
          dir = up < 0 ? '' : dir.slice(0, up);
        }
        if (!found) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a copy of the tracked files in an empty temporary folder passes the voucher vector tests', () => {
    const clone = mkdtempSync(join(tmpdir(), 'alliance-clone-'));
    try {
      for (const file of tracked) cpSync(join(root, file), join(clone, file), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
      const out = execFileSync(
        process.execPath,
        [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/vouchers/vectors.test.ts'],
        { cwd: clone, encoding: 'utf8', env: { ...process.env, TEST_DATABASE_URL: '' } },
      );
      expect(out).toMatch(/passed/);
      expect(out).not.toMatch(/failed[^,]*[1-9]/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 120_000);
});
