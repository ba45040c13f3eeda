/**
 * A month of an alliance for the public screen's tests, built through the real API: residents
 * with phone numbers (two in a household of the community 窑子上), grants and approved claims
 * at known times (one public deed with a photo, one private, one public but hidden), a capture at
 * a merchant, two activities (one for another community only). What the screen should show is
 * returned beside it, worked out from what was made.
 */
import { expect } from 'vitest';
import { photo, upload } from '../console/earning-world.ts';
import type { TestApi } from '../helpers/api.ts';
import { createMerchant, createResident, enrollDevice } from '../helpers/world.ts';

const SH = 8 * 3600_000;
/** An instant given as Shanghai wall time "2026-11-20 10:00". */
export const local = (wall: string) => new Date(Date.parse(`${wall.replace(' ', 'T')}:00Z`) - SH);

export const PEOPLE = {
  wang: { name: '王桂兰', phone: '13911112222' },
  li: { name: '李梅', phone: '13933334444' },
  zhang: { name: '张三丰', phone: '13955556666' },
  ouyang: { name: '欧阳明华', phone: '13977778888' },
} as const;

export const STAFF_PASSWORD = 'staff password 1';

export interface ScreenWorld {
  coordinator: () => Promise<string>;
  desk: () => Promise<string>;
  residentIds: string[];
  householdId: string;
  /** Evidence ids: the shown deed's photo, the hidden deed's, the private claim's. */
  photos: { shown: string; hidden: string; private: string };
  privateNote: string;
}

export async function buildScreenWorld(api: TestApi): Promise<ScreenWorld> {
  let seq = 0;
  const ok = async (res: Response, status = [200, 201, 204]) => {
    expect(status, await res.clone().text()).toContain(res.status);
    return res.status === 204 ? undefined : res.json();
  };
  const at = async (wall: string) => {
    api.clock.set(local(wall));
    return api.login();
  };
  const call = (method: string, path: string, token: string, body?: unknown) =>
    api.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      headers: { 'idempotency-key': `screen-world-${++seq}` },
    });

  let coordinator = await at('2026-11-03 10:00');
  await ok(
    await call('POST', '/v1/rules', coordinator, {
      code: 'patrol',
      category: '社区公德',
      titleZh: '参加义务巡逻',
      kind: 'fixed',
      points: 30,
      evidence: 'optional',
      selfClaim: true,
    }),
  );
  for (const [email, rights] of [
    ['rev@test.cn', ['reviewer']],
    ['desk@test.cn', []],
  ] as const) {
    await ok(
      await call('POST', '/v1/staff', coordinator, {
        name: email.slice(0, 3),
        email,
        password: STAFF_PASSWORD,
        rights,
      }),
    );
  }
  const reviewer = () => api.login('rev@test.cn', STAFF_PASSWORD);
  const ids: Record<string, string> = {};
  for (const [key, p] of Object.entries(PEOPLE)) {
    ids[key] = (await ok(await call('POST', '/v1/residents', coordinator, p))).id;
  }
  const household = await ok(
    await call('POST', '/v1/households', coordinator, {
      name: '王李之家',
      doorNumber: '窑子上 3号院',
      community: '窑子上',
      memberIds: [ids.wang, ids.li],
    }),
  );
  const tokenOf = async (key: string) => {
    const slip = await ok(await call('POST', `/v1/residents/${ids[key]}/enrollment-code`, coordinator));
    const tokens = await ok(
      await api.call('POST', '/v1/enroll/resident', { body: { code: slip.enrollmentCode } }),
    );
    return tokens.accessToken as string;
  };
  const privateNote = '邻居家的秘密备注';
  /** A resident's own claim, approved by the reviewer at once. */
  const deed = async (key: string, shade: number, isPublic: boolean) => {
    const token = await tokenOf(key);
    const evidenceId = await upload(api, token, photo(shade));
    const claim = await ok(
      await call('POST', '/v1/claims', token, {
        ruleCode: 'patrol',
        occurredOn: '2026-11-03',
        evidenceIds: [evidenceId],
        public: isPublic,
        note: privateNote,
      }),
    );
    await ok(
      await call('POST', `/v1/claims/${claim.id}/decisions`, await reviewer(), { decision: 'approve' }),
    );
    return { claimId: claim.id as string, evidenceId };
  };

  // 3 November: 张三丰 is granted 80, and his public deed (30) is approved, then hidden.
  await ok(
    await call('POST', '/v1/grants', coordinator, { residentId: ids.zhang, points: 80, reason: '表彰' }),
  );
  const hidden = await deed('zhang', 10, true);
  await ok(await call('POST', `/v1/claims/${hidden.claimId}/hide`, coordinator));

  // 20 November (today): 王桂兰's public deed at 10:00, 李梅's private one at 10:05, a grant at 10:10.
  coordinator = await at('2026-11-20 10:00');
  const shown = await deed('wang', 60, true);
  coordinator = await at('2026-11-20 10:05');
  const hiddenFromFeed = await deed('li', 90, false);
  coordinator = await at('2026-11-20 10:10');
  await ok(
    await call('POST', '/v1/grants', coordinator, { residentId: ids.ouyang, points: 20, reason: '表彰' }),
  );

  // 10:15: 钱多多 is granted 200 and spends 50 at 叶子发艺.
  coordinator = await at('2026-11-20 10:15');
  const spender = await createResident(api, coordinator, '钱多多', 200);
  const merchant = await createMerchant(api, coordinator, '叶子发艺');
  await ok(
    await api.call('PATCH', `/v1/merchants/${merchant.id}`, {
      token: coordinator,
      body: { address: '幸福路 8 号' },
    }),
  );
  const device = await enrollDevice(api, coordinator, merchant.id);
  const voucher = await spender.voucher({ capPoints: 100 });
  const sale = await ok(
    await api.call('POST', '/v1/redemptions', {
      token: device.token,
      body: device.sign({
        voucher: voucher.text,
        points: 50,
        offerId: 'haircut-5',
        billFen: 3500,
        discountFen: 500,
      }),
    }),
  );
  expect(sale.outcome).toBe('accepted');

  // Two activities on the 25th: one for everyone (王桂兰 signs up), one for 兴隆村 only.
  for (const [title, communities] of [
    ['清洁家园', []],
    ['兴隆村植树', ['兴隆村']],
  ] as const) {
    const activity = await ok(
      await call('POST', '/v1/activities', coordinator, {
        title,
        ruleCode: 'patrol',
        place: '文化广场',
        startsAt: '2026-11-25T09:00:00+08:00',
        endsAt: '2026-11-25T11:00:00+08:00',
        capacity: 10,
        communities,
      }),
    );
    if (communities.length === 0) {
      await ok(
        await call('POST', `/v1/activities/${activity.id}/signups`, coordinator, { residentId: ids.wang }),
      );
    }
  }

  return {
    coordinator: () => api.login(),
    desk: () => api.login('desk@test.cn', STAFF_PASSWORD),
    residentIds: [...Object.values(ids), spender.id],
    householdId: household.id,
    photos: { shown: shown.evidenceId, hidden: hidden.evidenceId, private: hiddenFromFeed.evidenceId },
    privateNote,
  };
}
