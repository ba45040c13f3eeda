/**
 * The demo alliance seeded on a first start (ALLIANCE_DEMO=1), so a newcomer can try the whole
 * loop: a barber, a restaurant and a points supermarket with offers, residents with points
 * (one household sharing an account), and enrollment codes for phones and devices.
 */
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { households, merchants, offers, residents } from '../db/schema/index.ts';
import { issueEnrollmentCode } from './enrollment.ts';

type OfferSeed = Omit<typeof offers.$inferInsert, 'allianceId' | 'merchantId'>;

const DEMO_MERCHANTS: { number: number; name: string; address: string; offers: OfferSeed[] }[] = [
  {
    number: 1001,
    name: '叶子发艺',
    address: '文明街 12 号',
    offers: [
      {
        code: 'haircut-5',
        kind: 'amount_off',
        titleZh: '理发立减 5 元',
        titleEn: 'Haircut: 5 yuan off',
        points: 50,
        amountFen: 500,
      },
    ],
  },
  {
    number: 1002,
    name: '老街饭店',
    address: '老街 3 号',
    offers: [
      {
        code: 'meal-20pct',
        kind: 'percent_off',
        titleZh: '用餐八折（最多减 50 元）',
        titleEn: '20% off a meal (up to 50 yuan)',
        points: 100,
        percent: 20,
        capFen: 5000,
      },
    ],
  },
  {
    number: 1003,
    name: '积分超市',
    address: '社区服务中心一楼',
    offers: [
      {
        code: 'rice-5kg',
        kind: 'item',
        titleZh: '大米 5 公斤',
        titleEn: 'Rice, 5 kg',
        points: 300,
        amountFen: 3500,
      },
      {
        code: 'points-cash',
        kind: 'points_as_cash',
        titleZh: '积分抵现（1 积分 = 0.1 元）',
        titleEn: 'Points as cash (1 point = 0.1 yuan)',
        fenPerPoint: 10,
      },
    ],
  },
];

/** Residents and the points granted to each on seeding; the Li household shares one account. */
export const DEMO_RESIDENTS: {
  name: string;
  phone: string;
  household?: string;
  points: number;
  reason: string;
}[] = [
  { name: '张秀英', phone: '13800000001', points: 1280, reason: '志愿服务 累计' },
  { name: '李建国', phone: '13800000002', household: '李家', points: 600, reason: '门前三包 季度评比' },
  { name: '王芳', phone: '13800000003', household: '李家', points: 260, reason: '邻里互助' },
  { name: '陈晓明', phone: '13800000004', points: 45, reason: '志愿巡逻 2 小时' },
];

export interface DemoSeed {
  merchants: { id: string; name: string; number: number; deviceCode: string }[];
  residents: {
    id: string;
    name: string;
    householdId: string | null;
    points: number;
    reason: string;
    enrollmentCode: string;
  }[];
}

const DEMO_CODE_TTL_SECONDS = 30 * 24 * 3600;

export async function seedDemoDirectory(
  db: Queryable,
  allianceId: string,
  codeKey: Uint8Array,
  clock: Clock,
): Promise<DemoSeed> {
  const seed: DemoSeed = { merchants: [], residents: [] };
  for (const m of DEMO_MERCHANTS) {
    const [row] = await db
      .insert(merchants)
      .values({ allianceId, number: m.number, name: m.name, address: m.address })
      .returning({ id: merchants.id });
    await db.insert(offers).values(m.offers.map((o) => ({ ...o, allianceId, merchantId: row!.id })));
    const { code } = await issueEnrollmentCode(
      db,
      { allianceId, kind: 'device', subjectId: row!.id, ttlSeconds: DEMO_CODE_TTL_SECONDS, codeKey },
      clock,
    );
    seed.merchants.push({ id: row!.id, name: m.name, number: m.number, deviceCode: code });
  }
  const householdIds = new Map<string, string>();
  for (const r of DEMO_RESIDENTS) {
    let householdId: string | null = null;
    if (r.household) {
      householdId = householdIds.get(r.household) ?? null;
      if (!householdId) {
        const [h] = await db
          .insert(households)
          .values({ allianceId, name: r.household })
          .returning({ id: households.id });
        householdId = h!.id;
        householdIds.set(r.household, householdId);
      }
    }
    const [row] = await db
      .insert(residents)
      .values({ allianceId, name: r.name, phone: r.phone, householdId })
      .returning({ id: residents.id });
    const { code } = await issueEnrollmentCode(
      db,
      { allianceId, kind: 'resident', subjectId: row!.id, ttlSeconds: DEMO_CODE_TTL_SECONDS, codeKey },
      clock,
    );
    seed.residents.push({
      id: row!.id,
      name: r.name,
      householdId,
      points: r.points,
      reason: r.reason,
      enrollmentCode: code,
    });
  }
  return seed;
}
