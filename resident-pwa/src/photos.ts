/**
 * Photos are scaled on the phone before they leave it: longest side 1600 px, re-encoded as JPEG
 * at about 300 KB (well under the API's 1 MiB). Drawing on a canvas keeps only the pixels, so
 * EXIF (the place a photo was taken, the phone's make) never reaches the server.
 */

export const MAX_SIDE = 1600;
const TARGET_BYTES = 300 * 1024;
const HARD_LIMIT = 1024 * 1024 - 1024;
const QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45];

/** The size that fits `max` on its longest side, never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  try {
    // Upright as the camera held it (EXIF orientation), which the canvas then bakes in.
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no JPEG'))), 'image/jpeg', quality),
  );
}

/** A photo from the camera or the album, ready to upload. Throws when it is not an image. */
export async function scalePhoto(file: Blob): Promise<Blob> {
  const image = await decode(file);
  let { width, height } = fitWithin(image.width, image.height);
  for (;;) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    // A transparent PNG would turn black in a JPEG.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(image, 0, 0, width, height);
    let blob: Blob | undefined;
    for (const quality of QUALITIES) {
      blob = await toJpeg(canvas, quality);
      if (blob.size <= TARGET_BYTES) break;
    }
    if (blob!.size <= HARD_LIMIT || width < 200) {
      if ('close' in image) image.close();
      return blob!;
    }
    // Very busy pictures: smaller, until it fits.
    ({ width, height } = fitWithin(width, height, Math.round(Math.max(width, height) * 0.75)));
  }
}
