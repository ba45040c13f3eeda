/**
 * The app's icons, drawn at build time (nothing downloaded): a red tile with a white rounded
 * square holding a QR code's three finder patterns, the thing the app shows. Maskable: the
 * drawing keeps inside the central 80% safe zone.
 */
import { PNG } from 'pngjs';

const RED = [0xc4, 0x1e, 0x1e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** Whether a finder pattern (7×7 modules: ring, gap, 3×3 core) at (fx, fy) covers (x, y). */
function finder(x: number, y: number, fx: number, fy: number, module: number): boolean | undefined {
  const mx = Math.floor((x - fx) / module);
  const my = Math.floor((y - fy) / module);
  if (mx < 0 || my < 0 || mx > 6 || my > 6) return undefined;
  const ring = mx === 0 || my === 0 || mx === 6 || my === 6;
  const core = mx >= 2 && mx <= 4 && my >= 2 && my <= 4;
  return ring || core;
}

/** Colour of the unit-square point (x, y): red background, white card, red finder patterns. */
function isRed(x: number, y: number): boolean {
  const lo = 0.22;
  const hi = 0.78;
  const r = 0.06;
  const cx = Math.min(Math.max(x, lo + r), hi - r);
  const cy = Math.min(Math.max(y, lo + r), hi - r);
  if (Math.hypot(x - cx, y - cy) > r) return true;
  const module = 0.025;
  const inset = lo + 0.05;
  const far = hi - 0.05 - 7 * module;
  for (const [fx, fy] of [
    [inset, inset],
    [far, inset],
    [inset, far],
  ] as const) {
    const hit = finder(x, y, fx, fy, module);
    if (hit !== undefined) return hit;
  }
  // A few data-like modules in the fourth corner.
  const dx = Math.floor((x - far) / module);
  const dy = Math.floor((y - far) / module);
  return dx >= 0 && dy >= 0 && dx < 7 && dy < 7 && (dx * 3 + dy * 5) % 4 === 0;
}

export function drawIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      for (const oy of [0.25, 0.75])
        for (const ox of [0.25, 0.75]) if (isRed((px + ox) / size, (py + oy) / size)) red++;
      const a = red / 4;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(RED[c]! * a + WHITE[c]! * (1 - a));
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export const ICON_SIZES = [192, 512] as const;
