/**
 * The goods' pictures as blob: URLs for the tiles. The API wants the device's token, which an
 * <img> cannot send; and the counter may have no signal when the basket is rung up, so the
 * pictures are fetched whenever the configuration arrives online and kept for the app's life.
 */
import type { Good } from './basket.ts';
import { getKv } from './store.ts';

const photos = new Map<string, Promise<string>>();

export function goodPhoto(url: string): Promise<string> {
  let found = photos.get(url);
  if (!found) {
    found = getKv('tokens')
      .then((tokens) =>
        fetch(url, {
          headers: {
            accept: 'image/*',
            ...(tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {}),
          },
        }),
      )
      .then((res) => {
        if (!res.ok) throw new Error(`photo ${res.status}`);
        return res.blob();
      })
      .then((blob) => URL.createObjectURL(blob));
    // A failed fetch (no signal) is tried again next time.
    found.catch(() => photos.delete(url));
    photos.set(url, found);
  }
  return found;
}

/** Fetches the pictures not yet kept, so the tiles show them offline too. */
export function warmGoodPhotos(goods: readonly Good[]): void {
  for (const good of goods) if (good.photoUrl) goodPhoto(good.photoUrl).catch(() => {});
}
