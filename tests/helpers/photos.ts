/**
 * Photos for the earning tests: one as a phone's camera makes it (large, colour everywhere, so it
 * must be scaled and re-encoded before upload), and the size a JPEG says it has.
 */
import { PNG } from 'pngjs';

/** A photo as a phone's camera makes it: 2400×1600, with colour everywhere (PNG, lossless). */
export function cameraPhoto(width = 2400, height = 1600): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = (x * 255) / width;
      png.data[i + 1] = (y * 255) / height;
      png.data[i + 2] = ((x + y) * 7) % 256;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Width and height from a JPEG's start-of-frame marker. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`not a JPEG marker at ${i}`);
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    i += 2 + length;
  }
  throw new Error('no frame in the JPEG');
}
