/**
 * Claims typed on this phone wait here, in IndexedDB with their scaled photos, until the API
 * has filed them: a claim made offline, or whose send failed on a bad line, is never lost.
 *
 * Promises: each claim keeps one Idempotency-Key for every retry, and the ids of photos already
 * uploaded, so however often the line drops it is filed once with the same body. A refusal (a
 * 4xx problem) is kept on the claim in words and not sent again by itself; the resident removes
 * it or files it anew. One flush at a time (across tabs where the browser has Web Locks).
 */
import { ApiError, NetworkError, SignedOutError } from './api.ts';
import { fileClaim, refreshEarning, uploadPhoto } from './earning.ts';
import { getState, setState } from './state.ts';
import { getKv, setKv } from './store.ts';

export interface ClaimDraftRequest {
  ruleCode: string;
  occurredOn: string;
  hours?: number;
  note?: string;
  public: boolean;
}

export interface PendingClaim {
  /** The Idempotency-Key, also this entry's id. */
  key: string;
  request: ClaimDraftRequest;
  ruleTitleZh: string;
  ruleTitleEn: string | null;
  /** Scaled JPEGs, in the order chosen. */
  photos: Blob[];
  /** Ids of the photos uploaded so far, in the same order. */
  evidenceIds: string[];
  /** Device clock, Unix ms. */
  createdAt: number;
  /** Why the API refused it: a problem code and its other fields (limit_reached's limit…). */
  refused?: { type: string; extra: Record<string, unknown> };
  /** Its photos were uploaded a second time after the API had lost them (done at most once). */
  reuploaded?: boolean;
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `claim-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function save(outbox: PendingClaim[]): Promise<void> {
  setState({ outbox });
  await setKv('outbox', outbox);
}

/** Patches one entry as it stands in the store now (a tab may have changed others). */
async function update(key: string, patch: (entry: PendingClaim) => PendingClaim | undefined): Promise<void> {
  const outbox = (await getKv('outbox')) ?? [];
  const next: PendingClaim[] = [];
  for (const entry of outbox) {
    const changed = entry.key === key ? patch(entry) : entry;
    if (changed) next.push(changed);
  }
  await save(next);
}

/** Keeps the claim on the phone first, then tries to send it. */
export async function queueClaim(
  claim: Omit<PendingClaim, 'key' | 'evidenceIds' | 'createdAt' | 'refused' | 'reuploaded'>,
): Promise<void> {
  const outbox = (await getKv('outbox')) ?? [];
  await save([...outbox, { ...claim, key: newKey(), evidenceIds: [], createdAt: Date.now() }]);
  void sendOutbox()
    .then(refreshEarning)
    .catch(() => {});
}

export async function removePending(key: string): Promise<void> {
  await update(key, () => undefined);
}

async function sendOne(entry: PendingClaim): Promise<void> {
  const evidenceIds = [...entry.evidenceIds];
  for (const photo of entry.photos.slice(evidenceIds.length)) {
    evidenceIds.push(await uploadPhoto(photo));
    // Kept at once: a retry after a dropped line sends only the photos still missing.
    await update(entry.key, (e) => ({ ...e, evidenceIds: [...evidenceIds] }));
  }
  const { ruleCode, occurredOn, hours, note, public: isPublic } = entry.request;
  await fileClaim(
    {
      ruleCode,
      occurredOn,
      ...(hours === undefined ? {} : { hours }),
      ...(note ? { note } : {}),
      ...(evidenceIds.length ? { evidenceIds } : {}),
      public: isPublic,
    },
    entry.key,
  );
  await removePending(entry.key);
}

let flushing: Promise<void> | undefined;

async function flush(): Promise<void> {
  const outbox = (await getKv('outbox')) ?? [];
  setState({ outbox });
  for (const entry of outbox.filter((e) => !e.refused)) {
    try {
      await sendOne(entry);
      if (!getState().online) setState({ online: true });
    } catch (e) {
      if (e instanceof NetworkError) {
        setState({ online: false });
        return;
      }
      if (e instanceof SignedOutError) return;
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
        if (e.type === 'evidence_not_found' && entry.photos.length > 0 && !entry.reuploaded) {
          // The server no longer has the photos it took (kept too long unfiled): upload them
          // once more, under a new key since the body changes.
          await update(entry.key, (x) => ({ ...x, key: newKey(), evidenceIds: [], reuploaded: true }));
          continue;
        }
        await update(entry.key, (x) => ({ ...x, refused: { type: e.type, extra: { ...e.extra } } }));
        continue;
      }
      // A server fault: leave it for the next flush.
      return;
    }
  }
}

/** Sends what waits: on start, on `online`, every refresh, and when the resident taps 现在发送. */
export function sendOutbox(): Promise<void> {
  if (getState().phase !== 'ready') return Promise.resolve();
  if (flushing) return flushing;
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  const run = async (): Promise<void> => {
    if (locks) await locks.request('resident-outbox', () => flush());
    else await flush();
  };
  const current = run().finally(() => {
    flushing = undefined;
  });
  flushing = current;
  return current;
}
