/** @jsxImportSource preact */
/**
 * Photos for a claim: taken with the camera or chosen from the album, scaled on the phone
 * (photos.ts), shown as thumbnails each with a large 删除 button; and a stored photo shown from
 * the API (fetched with the token, shown through a blob: URL).
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { photoUrl } from '../earning.ts';
import type { Words } from '../i18n.ts';
import { scalePhoto } from '../photos.ts';

export const MAX_PHOTOS = 3;

function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url ? <img src={url} alt={alt} /> : null;
}

/** A photo the API keeps (a claim's, a good deed's). */
export function ServerPhoto({ id, alt }: { id: string; alt: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    photoUrl(id)
      .then((u) => live && setUrl(u))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [id]);
  return url ? <img src={url} alt={alt} data-evidence-id={id} /> : <span class="photo-placeholder" />;
}

export function PhotoThumbs({
  photos,
  t,
  onRemove,
}: {
  photos: Blob[];
  t: Words;
  onRemove?: (i: number) => void;
}) {
  if (photos.length === 0) return null;
  return (
    <ul class="thumbs" data-testid="thumbs">
      {photos.map((photo, i) => (
        <li key={i}>
          <BlobImage blob={photo} alt={t.photoAlt(i + 1)} />
          {onRemove && (
            <button
              type="button"
              class="remove"
              aria-label={t.photoRemoveLabel(i + 1)}
              onClick={() => onRemove(i)}
            >
              {t.photoRemove}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Camera and album buttons, and the chosen photos; `onChange` gets the scaled JPEGs. */
export function PhotoPicker({
  photos,
  onChange,
  t,
  label,
}: {
  photos: Blob[];
  onChange: (photos: Blob[]) => void;
  t: Words;
  label: string;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const full = photos.length >= MAX_PHOTOS;

  async function add(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    setProblem(undefined);
    setBusy(true);
    const added: Blob[] = [];
    try {
      for (const file of files.slice(0, MAX_PHOTOS - photos.length)) {
        try {
          added.push(await scalePhoto(file));
        } catch {
          setProblem(t.photoBad);
        }
      }
      if (files.length > MAX_PHOTOS - photos.length) setProblem(t.photoFull);
    } finally {
      setBusy(false);
    }
    if (added.length) onChange([...photos, ...added]);
  }

  return (
    <fieldset class="field photos">
      <legend>
        {label} <span class="hint">{t.claimPhotosHint}</span>
      </legend>
      <PhotoThumbs photos={photos} t={t} onRemove={(i) => onChange(photos.filter((_, j) => j !== i))} />
      {!full && (
        <div class="photo-buttons">
          <input
            id={`${id}-camera`}
            class="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="photo-camera"
            onChange={(e) => void add(e.currentTarget)}
          />
          <label class="photo-button" for={`${id}-camera`}>
            {t.claimTakePhoto}
          </label>
          <input
            id={`${id}-album`}
            class="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            data-testid="photo-album"
            onChange={(e) => void add(e.currentTarget)}
          />
          <label class="photo-button" for={`${id}-album`}>
            {t.claimPickPhoto}
          </label>
        </div>
      )}
      {busy && (
        <p class="muted" role="status">
          {t.photoBusy}
        </p>
      )}
      {problem && (
        <p class="field-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
