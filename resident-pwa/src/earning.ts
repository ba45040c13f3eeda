/**
 * Earning points as the resident's phone asks for it: the rules they may claim under, their
 * claims and deductions (kept for offline starts), photos up and down, material a reviewer asked
 * for, an appeal, the good-deeds feed and its 点赞. Filing a claim goes through the outbox
 * (outbox.ts), so nothing typed is lost to a bad line.
 */
import { z } from 'zod';
import {
  ClaimList,
  DeductionList,
  DeductionView,
  EvidenceUploaded,
  Feed,
  RuleList,
} from '../../shared/api/earning.ts';
import { NetworkError, residentRequest, sendSigned } from './api.ts';
import { getState, setState } from './state.ts';
import { setKv } from './store.ts';

const Filed = z.object({ id: z.string(), status: z.string() });

function offline(e: unknown): boolean {
  if (!(e instanceof NetworkError)) return false;
  if (getState().online) setState({ online: false });
  return true;
}

/** Rules, claims and deductions; offline, the last answers stay. */
export async function refreshEarning(): Promise<void> {
  if (getState().phase !== 'ready') return;
  try {
    const [rules, claims, deductions] = await Promise.all([
      residentRequest('GET', '/v1/rules', RuleList),
      residentRequest('GET', '/v1/me/claims', ClaimList),
      residentRequest('GET', '/v1/me/deductions', DeductionList),
    ]);
    const fetchedAt = Date.now();
    const cached = {
      rules: { data: rules, fetchedAt },
      claims: { data: claims, fetchedAt },
      deductions: { data: deductions, fetchedAt },
    };
    setState(cached);
    await Promise.all([
      setKv('rules', cached.rules),
      setKv('claims', cached.claims),
      setKv('deductions', cached.deductions),
    ]);
  } catch (e) {
    if (!offline(e)) throw e;
  }
}

/** Uploads one (already scaled) photo; its id goes into a claim. */
export async function uploadPhoto(photo: Blob): Promise<string> {
  const res = await sendSigned('POST', '/v1/evidence', {
    body: photo,
    headers: { 'content-type': photo.type || 'image/jpeg' },
  });
  return EvidenceUploaded.parse(await res.json()).id;
}

/** Files a claim; the same key on every retry files it once. */
export async function fileClaim(body: unknown, idempotencyKey: string): Promise<string> {
  const res = await sendSigned('POST', '/v1/claims', {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
  });
  return Filed.parse(await res.json()).id;
}

/** The note or photos a reviewer asked for; the claim goes back to 待审核. */
export async function addMaterial(claimId: string, note: string, photos: Blob[]): Promise<void> {
  const evidenceIds: string[] = [];
  for (const photo of photos) evidenceIds.push(await uploadPhoto(photo));
  await residentRequest('POST', `/v1/claims/${claimId}/material`, Filed, {
    body: { ...(note.trim() ? { note: note.trim() } : {}), ...(evidenceIds.length ? { evidenceIds } : {}) },
  });
  await refreshEarning();
}

/** One appeal per deduction, before its deadline. */
export async function appealDeduction(deductionId: string, note: string): Promise<void> {
  await residentRequest('POST', `/v1/deductions/${deductionId}/appeal`, DeductionView, {
    body: note.trim() ? { note: note.trim() } : {},
  });
  await refreshEarning();
}

export async function refreshFeed(): Promise<void> {
  try {
    const { items } = await residentRequest('GET', '/v1/feed?limit=30', Feed);
    setState({ feed: items, online: true });
  } catch (e) {
    if (!offline(e)) throw e;
  }
}

export async function likeGoodDeed(claimId: string): Promise<void> {
  await residentRequest('POST', `/v1/feed/${claimId}/like`, z.undefined());
  setState({
    feed: getState().feed?.map((item) =>
      item.claimId === claimId && !item.likedByMe
        ? { ...item, likedByMe: true, likes: item.likes + 1 }
        : item,
    ),
  });
}

const photoUrls = new Map<string, Promise<string>>();

/**
 * A stored photo as a blob: URL for an <img> (the API wants the Bearer token, which an <img>
 * cannot send). Kept for the app's life: the same photo shows in the list and the feed.
 */
export function photoUrl(evidenceId: string): Promise<string> {
  let url = photoUrls.get(evidenceId);
  if (!url) {
    url = sendSigned('GET', `/v1/evidence/${evidenceId}`, { headers: { accept: 'image/*' } })
      .then((res) => res.blob())
      .then((blob) => URL.createObjectURL(blob));
    url.catch(() => photoUrls.delete(evidenceId));
    photoUrls.set(evidenceId, url);
  }
  return url;
}
