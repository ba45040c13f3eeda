/**
 * The demo alliance's rule catalogue (积分规则): what a 容东-style community actually awards and
 * deducts, in its seven categories, so a newcomer sees every kind of rule at work — fixed points
 * with a daily limit, per-hour volunteering, a range the reviewer picks in with four eyes, a
 * staff-only award, and deductions. Seeded through the earning domain's createRule, so each rule
 * is checked as a coordinator's would be; a code already there is left alone, so seeding twice
 * adds nothing.
 */
import type { Tx } from '../db/client.ts';
import { createRule, type RuleInput, ruleByCode } from '../earning/rules.ts';

/** The seven categories of the 容东 catalogue, in the order the apps list them. */
export const DEMO_CATEGORIES = [
  '家庭美德',
  '社区公德',
  '学习园地',
  '绿色社区',
  '志愿活动',
  '就业创业',
  '表彰奖励',
] as const;

type DemoRule = RuleInput & { category: (typeof DEMO_CATEGORIES)[number] };

export const DEMO_RULES: DemoRule[] = [
  {
    code: 'filial-care',
    category: '家庭美德',
    titleZh: '孝老爱亲 照料家中老人',
    titleEn: 'Caring for an elderly family member',
    kind: 'fixed',
    points: 10,
    evidence: 'optional',
    selfClaim: true,
    limits: { perWeek: 2 },
  },
  {
    code: 'neighbour-help',
    category: '家庭美德',
    titleZh: '邻里互助',
    titleEn: 'Helping a neighbour',
    kind: 'fixed',
    points: 5,
    evidence: 'optional',
    selfClaim: true,
    limits: { perDay: 1 },
  },
  {
    code: 'patrol',
    category: '社区公德',
    titleZh: '主动参加义务巡逻',
    titleEn: 'Volunteer neighbourhood patrol',
    kind: 'fixed',
    points: 50,
    evidence: 'optional',
    selfClaim: true,
    limits: { perDay: 3 },
  },
  {
    code: 'policy-outreach',
    category: '社区公德',
    titleZh: '帮助社区宣传政策',
    titleEn: 'Helping the community explain a policy',
    kind: 'fixed',
    points: 30,
    evidence: 'optional',
    selfClaim: true,
    limits: { perWeek: 3 },
  },
  {
    code: 'reading',
    category: '学习园地',
    titleZh: '阅读学习文章',
    titleEn: 'Reading a study article',
    kind: 'fixed',
    points: 2,
    evidence: 'none',
    selfClaim: true,
    limits: { perDay: 1 },
  },
  {
    code: 'lecture',
    category: '学习园地',
    titleZh: '参加社区讲座',
    titleEn: 'Attending a community lecture',
    kind: 'fixed',
    points: 10,
    evidence: 'optional',
    selfClaim: true,
    limits: { perWeek: 2 },
  },
  {
    code: 'cleanup',
    category: '绿色社区',
    titleZh: '参加环境卫生整治',
    titleEn: 'Joining a neighbourhood clean-up',
    kind: 'fixed',
    points: 25,
    evidence: 'required',
    selfClaim: true,
    limits: { perDay: 1 },
  },
  {
    code: 'waste-sorting',
    category: '绿色社区',
    titleZh: '垃圾分类 正确投放',
    titleEn: 'Sorting household waste correctly',
    kind: 'fixed',
    points: 3,
    evidence: 'optional',
    selfClaim: true,
    limits: { perDay: 1, pointsPerMonth: 60 },
  },
  {
    code: 'litter',
    category: '绿色社区',
    titleZh: '乱扔垃圾',
    titleEn: 'Littering',
    kind: 'deduction',
    points: 10,
    evidence: 'optional',
    selfClaim: false,
  },
  {
    code: 'frontage',
    category: '绿色社区',
    titleZh: '门前三包不达标',
    titleEn: 'Frontage duties not kept',
    kind: 'deduction',
    points: 5,
    evidence: 'optional',
    selfClaim: false,
  },
  {
    code: 'volunteer-hours',
    category: '志愿活动',
    titleZh: '志愿服务（每小时）',
    titleEn: 'Volunteer service (per hour)',
    kind: 'per_hour',
    pointsPerHour: 10,
    evidence: 'optional',
    selfClaim: true,
    limits: { pointsPerMonth: 400 },
  },
  {
    code: 'job-fair',
    category: '就业创业',
    titleZh: '参加技能培训或招聘会',
    titleEn: 'Attending job training or a job fair',
    kind: 'fixed',
    points: 10,
    evidence: 'required',
    selfClaim: true,
    limits: { perMonth: 4 },
  },
  {
    code: 'bright-idea',
    category: '就业创业',
    titleZh: '金点子',
    titleEn: 'A good idea for the community',
    kind: 'range',
    min: 20,
    max: 160,
    evidence: 'required',
    selfClaim: true,
    fourEyes: true,
  },
  {
    code: 'city-honour',
    category: '表彰奖励',
    titleZh: '市级表彰',
    titleEn: 'City-level commendation',
    kind: 'fixed',
    points: 100,
    evidence: 'required',
    selfClaim: false,
  },
  {
    code: 'district-honour',
    category: '表彰奖励',
    titleZh: '区级表彰',
    titleEn: 'District-level commendation',
    kind: 'fixed',
    points: 50,
    evidence: 'required',
    selfClaim: false,
  },
];

/** Creates the catalogue's rules that are not there yet; answers how many it created. */
export async function seedDemoRules(tx: Tx, allianceId: string, actorId: string): Promise<number> {
  let created = 0;
  for (const rule of DEMO_RULES) {
    if (await ruleByCode(tx, allianceId, rule.code)) continue;
    await createRule(tx, allianceId, rule, actorId);
    created++;
  }
  return created;
}
