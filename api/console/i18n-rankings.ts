/**
 * The console's words for rankings (排行榜), awards (奖励) and the yearly 文明之家 certificate
 * list. zh-CN first; English beside it. i18n.ts hangs them under `rank`.
 */

type Period = 'day' | 'week' | 'month' | 'year';

const zh = {
  rankings: '排行榜',
  period: '周期',
  periods: { day: '日', week: '周', month: '月', year: '年' } as Record<Period, string>,
  day: '日期（所在的日、周、月或年）',
  scope: '排名对象',
  residents: '居民',
  households: '家庭',
  community: '社区',
  wholeAlliance: '全联盟',
  show: '查看',
  rank: '名次',
  name: '姓名',
  householdName: '户名',
  points: '积分',
  doorNumber: '门牌号',
  award: '奖励',
  empty: '这个周期还没有人获得积分。',
  periodTitle: (period: Period, day: { year: number; month: number; day: number }, last?: string) => {
    const d = `${day.year}年${day.month}月${day.day}日`;
    if (period === 'day') return d;
    if (period === 'week') return `${d}所在的一周${last ? `（至${last}）` : ''}`;
    if (period === 'month') return `${day.year}年${day.month}月`;
    return `${day.year}年`;
  },
  explain: '积分按获得计算：发放、审核通过的申报，减去扣分，加上申诉退回；消费不计。同分时先达到的在前。',
  // Awards
  awardsTitle: '已登记的奖励',
  noAwards: '这个周期还没有登记奖励。',
  gift: '奖品（写清楚发了什么）',
  giftShort: '奖品',
  valueYuan: '价值（元，可不填）',
  valueShort: '价值（元）',
  give: '登记',
  giveTop: '前几名统一登记',
  topCount: '前几名',
  giveTopButton: '为前几名登记奖励',
  givenBy: '登记人',
  givenAt: '登记时间',
  rankingOf: '所在排行榜',
  notOverYet: (period: Period) =>
    `${period === 'year' ? '这一年' : '这个月'}还没有结束，结束后才能登记奖励。`,
  awardsOnlyMonthYear: '奖励按月或按年登记：请选择“月”或“年”。',
  recorded: '奖励已登记。',
  alreadyRecorded: '此人（或此户）在这个周期已经登记过奖励，原来的登记不变。',
  topRecorded: (n: number, already: number) =>
    `已为 ${n} 位登记奖励${already > 0 ? `；另有 ${already} 位早已登记，保持不变` : ''}。`,
  yuan: (fen: number) => `${(fen / 100).toFixed(2)} 元`,
  // Certificates
  certificates: '文明之家名单',
  certificatesLink: (year: number) => `打印 ${year} 年度文明之家名单`,
  certificateTitle: (alliance: string, year: number) => `${alliance} ${year} 年度“文明之家”名单`,
  certificateScope: (community: string | null) => (community ? `${community}` : '全联盟'),
  certificateIntro: (n: number) => `按本年度家庭获得的文明积分排名，前 ${n} 户评为“文明之家”，特此公布。`,
  notFinal: '本年度还没有结束，名单会随积分变化，以年度结束后的名单为准。',
  year: '年度',
  noHouseholds: '这一年还没有家庭获得积分。',
  seal: '盖章',
  date: '日期',
  print: '打印',
};

const en: typeof zh = {
  rankings: 'Rankings',
  period: 'Period',
  periods: { day: 'Day', week: 'Week', month: 'Month', year: 'Year' },
  day: 'Date (its day, week, month or year)',
  scope: 'Ranked',
  residents: 'Residents',
  households: 'Households',
  community: 'Community',
  wholeAlliance: 'Whole alliance',
  show: 'Show',
  rank: 'Rank',
  name: 'Name',
  householdName: 'Household',
  points: 'Points',
  doorNumber: 'Door number',
  award: 'Award',
  empty: 'Nobody has earned points in this period yet.',
  periodTitle: (period, day, last) => {
    const d = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
    if (period === 'day') return d;
    if (period === 'week') return `The week of ${d}${last ? ` (to ${last})` : ''}`;
    if (period === 'month') return `${day.year}-${String(day.month).padStart(2, '0')}`;
    return `${day.year}`;
  },
  explain:
    'Points earned: grants and approved claims, less deductions, plus restored appeals; spending does not count. Ties go to whoever got there first.',
  awardsTitle: 'Awards recorded',
  noAwards: 'No awards recorded for this period yet.',
  gift: 'Gift (say what was given)',
  giftShort: 'Gift',
  valueYuan: 'Worth (yuan, optional)',
  valueShort: 'Worth (yuan)',
  give: 'Record',
  giveTop: 'The top places at once',
  topCount: 'How many places',
  giveTopButton: 'Record for the top places',
  givenBy: 'Recorded by',
  givenAt: 'Recorded',
  rankingOf: 'Ranking',
  notOverYet: (period) =>
    `This ${period === 'year' ? 'year' : 'month'} has not ended: record awards once it has.`,
  awardsOnlyMonthYear: 'Awards go by month or by year: choose "Month" or "Year".',
  recorded: 'Award recorded.',
  alreadyRecorded: 'This resident or household already has an award for this period; it stays as it was.',
  topRecorded: (n, already) =>
    `Recorded ${n} award${n === 1 ? '' : 's'}${already > 0 ? `; ${already} already had one, unchanged` : ''}.`,
  yuan: (fen) => `¥${(fen / 100).toFixed(2)}`,
  certificates: 'Civilised households list',
  certificatesLink: (year) => `Print the ${year} civilised households list`,
  certificateTitle: (alliance, year) => `${alliance}: civilised households (文明之家) of ${year}`,
  certificateScope: (community) => community ?? 'Whole alliance',
  certificateIntro: (n) => `The top ${n} households by civilisation points earned this year.`,
  notFinal: 'This year has not ended: the list changes with the points until it does.',
  year: 'Year',
  noHouseholds: 'No household has earned points this year yet.',
  seal: 'seal',
  date: 'Date',
  print: 'Print',
};

export const rankingWords = { zh, en };
