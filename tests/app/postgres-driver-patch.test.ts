/**
 * postgres.js 3.4.9 defers small writes with setImmediate and writes to `socket` without asking
 * whether the connection closed meanwhile: when the database goes away under load, that throws
 * from a timer, past every try/catch, and takes the API process down (seen in CI's outage test;
 * upstream porsager/postgres#1154, #1208). `npm install` applies patches/postgres+3.4.9.patch
 * (patch-package, the postinstall script); these tests fail if an install skipped it, or if the
 * driver was upgraded past the patch without reviewing whether the new version still needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// The package's exports hide package.json; its CommonJS entry is cjs/src/index.js.
const driverRoot = join(dirname(require.resolve('postgres')), '..', '..');
const version = (JSON.parse(readFileSync(join(driverRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('the PostgreSQL driver patch', () => {
  it('is written for the installed driver version', () => {
    const patches = readFileSync(new URL('../../patches/postgres+3.4.9.patch', import.meta.url), 'utf8');
    expect(version).toBe('3.4.9');
    expect(patches).toContain('if (!socket)');
  });

  for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
    it(`guards the deferred write in ${file}`, () => {
      const source = readFileSync(join(driverRoot, file), 'utf8');
      const nextWrite = source.slice(source.indexOf('function nextWrite('));
      expect(nextWrite.slice(0, 400)).toMatch(/if \(!socket\) \{[\s\S]*return false/);
      // Both teardown paths forget the pending write, so a reused connection can write again.
      expect(
        source.match(/\n\s*clearImmediate\(nextWriteTimer\)\n\s*chunk = nextWriteTimer = null/g),
      ).toHaveLength(2);
    });
  }
});
