/**
 * The app's icons, drawn at build time (nothing downloaded): a green tile with scanner corners
 * and a tick, as PNGs in the sizes Android and iOS ask for. Maskable: the drawing keeps inside
 * the central 80% safe zone.
 */
import { PNG } from 'pngjs';

const GREEN = [0x0b, 0x6b, 0x2e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether the unit-square point (x, y) is white: four corner brackets and a tick. */
function isWhite(x: number, y: number): boolean {
  const stroke = 0.045;
  const tick =
    distanceToSegment(x, y, 0.34, 0.52, 0.45, 0.63) < stroke ||
    distanceToSegment(x, y, 0.45, 0.63, 0.67, 0.39) < stroke;
  if (tick) return true;
  const lo = 0.2;
  const hi = 0.8;
  const arm = 0.16;
  const w = 0.035;
  for (const cx of [lo, hi]) {
    for (const cy of [lo, hi]) {
      const sx = cx === lo ? 1 : -1;
      const sy = cy === lo ? 1 : -1;
      const alongX = (x - cx) * sx;
      const alongY = (y - cy) * sy;
      if (alongX >= -w && alongX <= arm && Math.abs(y - cy) <= w) return true;
      if (alongY >= -w && alongY <= arm && Math.abs(x - cx) <= w) return true;
    }
  }
  return false;
}

export function drawIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  // 2×2 supersampling keeps the strokes smooth at small sizes.
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let white = 0;
      for (const oy of [0.25, 0.75])
        for (const ox of [0.25, 0.75]) if (isWhite((px + ox) / size, (py + oy) / size)) white++;
      const a = white / 4;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(GREEN[c]! * (1 - a) + WHITE[c]! * a);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export const ICON_SIZES = [192, 512] as const;
