/**
 * Files at rest are private: the embedded database and the generated master key live under
 * DATA_DIR, which is 0700 with every file in it 0600, whatever the umask the process was started
 * with. PGlite writes its files through Node's fs with the process umask, so the process umask is
 * narrowed before it opens anything, and what an older version left behind is tightened on start.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PRIVATE_UMASK = 0o077;

/** Files the process creates from now on are readable by its own user only. */
export function narrowUmask(): void {
  try {
    process.umask(PRIVATE_UMASK);
  } catch {
    // Worker threads may not change the umask; the walk below still tightens what exists.
  }
}

/** Makes `dir` (and anything already in it) private to the owner: dirs 0700, files 0600. */
export function makePrivateDir(dir: string): void {
  narrowUmask();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
}

function tighten(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) tighten(join(path, name));
  } else if ((stat.mode & 0o777) !== 0o600) {
    chmodSync(path, 0o600);
  }
}
