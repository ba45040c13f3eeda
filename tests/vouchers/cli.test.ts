import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { vectors } from './vectors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'voucher-cli-'));
const jwksFile = join(dir, 'jwks.json');
writeFileSync(jwksFile, JSON.stringify(vectors.jwks));

function alliance(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/alliance.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('alliance voucher verify', () => {
  it('prints the fields of a valid voucher and exits 0', () => {
    const v = vectors.valid[3]!;
    const run = alliance('voucher', 'verify', '--jwks', jwksFile, '--now', String(v.now), v.text);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, voucher: v.expect });
  });

  it('prints the spec error of an invalid voucher and exits 1', () => {
    const v = vectors.invalid.find((c) => c.name === 'not-yet-valid')!;
    const run = alliance(
      'voucher',
      'verify',
      '--jwks',
      jwksFile,
      '--now',
      String(v.now),
      '--skew',
      '120',
      v.text,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ valid: false, error: 'not_yet_valid' });
  });

  it('a missing --jwks is a usage error (exit 2), not a verdict', () => {
    const run = alliance('voucher', 'verify', vectors.valid[0]!.text);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--jwks');
  });
});

describe('alliance voucher qr', () => {
  it('writes a PNG that scans back to the voucher text', () => {
    const v = vectors.valid[0]!;
    const out = join(dir, 'v.png');
    const run = alliance('voucher', 'qr', v.text, '--out', out);
    expect(run.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(scanned?.data).toBe(v.text);
    expect(scanned?.version).toBe(6);
  });

  it('writes an SVG', () => {
    const out = join(dir, 'v.svg');
    expect(alliance('voucher', 'qr', vectors.valid[1]!.text, '--out', out).code).toBe(0);
    // Version 6 is 41 modules, plus a 4-module quiet zone on each side.
    expect(readFileSync(out, 'utf8')).toContain('viewBox="0 0 49 49"');
  });
});
