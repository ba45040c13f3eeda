/** Timing helpers shared by the benches: warm up, then time batches until enough time passed. */

export interface Measurement {
  opsPerSecond: number;
  microsPerOp: number;
}

function timeFor(fn: () => unknown, ms: number): Measurement {
  let ops = 0;
  let batch = 16;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = performance.now() - start;
    if (elapsed < ms / 20) batch *= 2;
  }
  return { opsPerSecond: (ops * 1000) / elapsed, microsPerOp: (elapsed * 1000) / ops };
}

/**
 * The best of `rounds` timed runs of each function after a warm-up, the functions taking turns
 * round by round: the best run is the one least disturbed by GC and other processes, and taking
 * turns lets a change in machine load hit every function alike.
 */
export function measureEach(
  fns: (() => unknown)[],
  options: { ms?: number; rounds?: number } = {},
): Measurement[] {
  const ms = options.ms ?? 400;
  for (const fn of fns) timeFor(fn, ms / 2);
  const best: (Measurement | undefined)[] = fns.map(() => undefined);
  for (let r = 0; r < (options.rounds ?? 4); r++) {
    fns.forEach((fn, i) => {
      const m = timeFor(fn, ms);
      if (!best[i] || m.microsPerOp < best[i]!.microsPerOp) best[i] = m;
    });
  }
  return best as Measurement[];
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
