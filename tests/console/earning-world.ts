/**
 * Earning points set up through the real API, as the console's tests need it: staff with rights,
 * one rule of each kind, photos, and claims in each state, a deduction with its appeal, a public
 * good deed.
 */
import { PNG as PngImage } from 'pngjs';
import { expect } from 'vitest';
import type { TestApi } from '../helpers/api.ts';

/** A 320×200 photo: a red sky over a green field, so a screenshot shows it. */
export function photo(shade = 0): Uint8Array {
  const png = new PngImage({ width: 320, height: 200 });
  for (let y = 0; y < 200; y++) {
    for (let x = 0; x < 320; x++) {
      const i = (y * 320 + x) * 4;
      const sky = y < 120;
      png.data[i] = sky ? 200 - shade : 40;
      png.data[i + 1] = sky ? 60 : 150 + ((x >> 4) % 2) * 40;
      png.data[i + 2] = sky ? 60 + shade : 60;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PngImage.sync.write(png));
}

export async function upload(api: TestApi, token: string, bytes: Uint8Array = photo()): Promise<string> {
  const res = await api.app.request('http://localhost/v1/evidence', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).id;
}

export const STAFF_PASSWORD = 'staff password 1';

export async function inviteStaff(
  api: TestApi,
  coordinator: string,
  who: { name: string; email: string; rights: string[]; areas?: string[] },
) {
  const res = await api.call('POST', '/v1/staff', {
    token: coordinator,
    body: { ...who, password: STAFF_PASSWORD },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = await res.json();
  return { id: id as string, email: who.email, token: await api.login(who.email, STAFF_PASSWORD) };
}

/** One rule of each kind, under codes starting with `prefix`. */
export async function createRules(api: TestApi, coordinator: string, prefix: string) {
  const codes = {
    patrol: `${prefix}-patrol`,
    volunteer: `${prefix}-volunteer`,
    idea: `${prefix}-idea`,
    award: `${prefix}-award`,
    litter: `${prefix}-litter`,
  };
  const rules = [
    {
      code: codes.patrol,
      category: '社区公德',
      titleZh: '参加义务巡逻',
      titleEn: 'Volunteer patrol',
      kind: 'fixed',
      points: 30,
      evidence: 'optional',
      selfClaim: true,
      limits: { perDay: 3 },
    },
    {
      code: codes.volunteer,
      category: '志愿活动',
      titleZh: '志愿服务',
      kind: 'per_hour',
      pointsPerHour: 10,
      evidence: 'none',
      selfClaim: true,
      limits: { perWeek: 5, pointsPerMonth: 300 },
      activeFrom: '2026-01-01',
    },
    {
      code: codes.idea,
      category: '社区公德',
      titleZh: '金点子',
      kind: 'range',
      min: 20,
      max: 160,
      evidence: 'required',
      selfClaim: true,
    },
    {
      code: codes.award,
      category: '表彰奖励',
      titleZh: '市级表彰',
      kind: 'fixed',
      points: 100,
      evidence: 'none',
      selfClaim: false,
      fourEyes: true,
    },
    {
      code: codes.litter,
      category: '绿色社区',
      titleZh: '乱扔垃圾',
      kind: 'deduction',
      points: 40,
      evidence: 'optional',
      selfClaim: false,
    },
  ];
  const ids: Record<string, string> = {};
  for (const rule of rules) {
    const res = await api.call('POST', '/v1/rules', { token: coordinator, body: rule });
    expect(res.status, await res.clone().text()).toBe(201);
    ids[rule.code] = (await res.json()).id;
  }
  return { codes, ids };
}

let keys = 0;

/** A resident's own claim, as the resident app files it. Answers the claim's id. */
export async function fileClaim(api: TestApi, residentToken: string, body: Record<string, unknown>) {
  const res = await api.call('POST', '/v1/claims', {
    token: residentToken,
    body,
    headers: { 'idempotency-key': `console-test-claim-${++keys}` },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).id as string;
}

export async function decideClaim(
  api: TestApi,
  token: string,
  claimId: string,
  body: Record<string, unknown>,
) {
  const res = await api.call('POST', `/v1/claims/${claimId}/decisions`, { token, body });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}
