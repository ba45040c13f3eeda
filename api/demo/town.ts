/**
 * A large town for benches and by hand: residents (one in five in a two-person household),
 * merchants with an offer and a device each, households in ten communities, a month of grants,
 * and a month of accepted redemptions written exactly as the ledger writes them — each voucher's hold and its `hold`
 * transfer, the capture to the merchant and the release of the rest of the cap, the signed
 * record's row, and now and then a same-day reversal or an offline record synced later. Stored
 * balances are set from the transfers at the end, so `ledger check` finds the town clean.
 *
 * It is bulk SQL (generate_series inside a few statements), not one API call per redemption:
 * the full size (40,000 residents, 300 merchants, 200,000 redemptions) seeds in well under a
 * minute on PostgreSQL. Ids are md5-derived from the seed, so the same seed gives the same town.
 *
 * By hand: `npx alliance demo town --month 2026-10` (after `npm start` has created the alliance;
 * DATABASE_URL for PostgreSQL, else PGlite in DATA_DIR). It refuses an alliance that already has
 * real residents, so nobody seeds a real alliance by accident.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { alliances } from '../db/schema/index.ts';
import { allianceAccount } from '../ledger/accounts.ts';
import { periodOfMonth } from '../local-time.ts';
import { type Progress, progressSteps } from '../progress.ts';

export interface TownOptions {
  allianceId: string;
  residents: number;
  merchants: number;
  redemptions: number;
  /** "YYYY-MM" in the alliance's time zone. */
  month: string;
  seed?: string;
  /** Set on the alliance so statements have money in them; default 10 fen a point. */
  rateFenPerPoint?: number;
  /** Told as each of the bulk statements starts (the CLI shows it on a terminal). */
  onProgress?: Progress;
}

export interface TownFigures {
  residents: number;
  households: number;
  merchants: number;
  redemptions: number;
  reversals: number;
  /** Net points, bills and discounts the month's statements must show, summed over merchants. */
  netPoints: number;
  billFen: number;
  discountFen: number;
  seconds: number;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const GIVEN = [
  '桂兰',
  '建国',
  '秀英',
  '志强',
  '玉珍',
  '海燕',
  '明',
  '伟',
  '芳',
  '军',
  '丽华',
  '国庆',
  '淑珍',
  '德明',
  '小红',
  '春梅',
  '永强',
  '金花',
  '俊杰',
  '慧',
];
const COMMUNITIES = [
  '金湖社区',
  '朝阳社区',
  '和平社区',
  '幸福社区',
  '安居社区',
  '康宁社区',
  '锦绣社区',
  '福源社区',
  '文明社区',
  '祥和社区',
];
const SHOPS = ['发艺', '便利店', '小吃', '面馆', '药房', '五金', '水果', '超市', '茶楼', '洗衣'];
const REASONS = ['志愿服务', '门前三包', '治安巡逻', '邻里互助', '垃圾分类', '敬老助残'];

/** The bulk statements seedTown runs, for its progress. */
const STEPS = 13;

const textArray = (list: string[]) => sql.raw(`array[${list.map((s) => `'${s}'`).join(',')}]::text[]`);

export async function seedTown(db: Queryable, options: TownOptions): Promise<TownFigures> {
  const started = performance.now();
  const { allianceId, residents: R, merchants: M, redemptions: N } = options;
  if (R < 1 || M < 1 || N < 0) throw new Error('a town needs residents and merchants');
  const seed = `${options.seed ?? 'town'}:${allianceId}`;
  const steps = progressSteps(STEPS, options.onProgress);
  const rate = options.rateFenPerPoint ?? 10;
  await db.update(alliances).set({ rateFenPerPoint: rate }).where(sql`${alliances.id} = ${allianceId}`);
  const [alliance] = await rows<{ timezone: string }>(
    db,
    sql`select timezone from alliances where id = ${allianceId}`,
  );
  const bounds = periodOfMonth({ timezone: alliance!.timezone, periodMonths: 1 }, options.month);
  const start = bounds.startsAt.toISOString();
  const spanSeconds = Math.floor((bounds.endsAt.getTime() - bounds.startsAt.getTime()) / 1000);
  const issuance = await allianceAccount(db, allianceId, 'issuance');
  const escrow = await allianceAccount(db, allianceId, 'escrow');
  const [{ base } = { base: 1000 }] = await rows<{ base: number }>(
    db,
    sql`select coalesce(max(number), 1000)::int as base from merchants where alliance_id = ${allianceId}`,
  );

  const A = sql`${allianceId}::uuid`;
  // md5-derived ids: uuid(tag, n) is the same for the same seed, tag and number. The version
  // (4) and variant (8) digits are set so the ids are valid RFC 9562 UUIDs the API accepts.
  const uuid = (tag: string, n: unknown) =>
    sql`overlay(overlay(md5(${`${seed}:${tag}:`} || (${n})::text) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  // Resident i shares household floor(i / 10) when i % 10 < 2; everyone else has their own account.
  const accountOf = (i: unknown) =>
    sql`case when (${i}) % 10 < 2 then ${uuid('acct-h', sql`(${i}) / 10`)} else ${uuid('acct-r', i)} end`;

  // Households in ten communities (for community rankings), each with its door number.
  steps.next('households');
  await db.execute(sql`insert into households (id, alliance_id, name, community, door_number, created_at)
    select ${uuid('h', sql`h`)}, ${A}, (${textArray(SURNAMES)})[1 + h % 20] || '家 ' || h,
      (${textArray(COMMUNITIES)})[1 + h % 10], (${textArray(COMMUNITIES)})[1 + h % 10] || ' ' || (1 + h / 10) || '号',
      ${start}::timestamptz - interval '30 days'
    from generate_series(0, ${Math.ceil(R / 10) - 1}) h`);
  steps.next('residents');
  await db.execute(sql`insert into residents (id, alliance_id, household_id, name, phone, created_at)
    select ${uuid('r', sql`i`)}, ${A},
      case when i % 10 < 2 then ${uuid('h', sql`i / 10`)} end,
      (${textArray(SURNAMES)})[1 + i % 20] || (${textArray(GIVEN)})[1 + (i / 20) % 20],
      '139' || lpad(i::text, 8, '0'), ${start}::timestamptz - interval '30 days'
    from generate_series(0, ${R - 1}) i`);
  steps.next('household and resident accounts');
  await db.execute(sql`insert into ledger_accounts (id, alliance_id, kind, owner_id, balance)
    select ${uuid('acct-h', sql`h`)}, ${A}, 'household', ${uuid('h', sql`h`)}, 0
    from generate_series(0, ${Math.ceil(R / 10) - 1}) h
    union all
    select ${uuid('acct-r', sql`i`)}, ${A}, 'resident', ${uuid('r', sql`i`)}, 0
    from generate_series(0, ${R - 1}) i where i % 10 >= 2`);
  steps.next('merchants');
  await db.execute(sql`insert into merchants (id, alliance_id, number, name, address, created_at)
    select ${uuid('m', sql`k`)}, ${A}, ${base} + 1 + k,
      (${textArray(SURNAMES)})[1 + k % 20] || '记' || (${textArray(SHOPS)})[1 + (k / 20) % 10] || ' ' || (k + 1),
      '文明街 ' || (k + 1) || ' 号', ${start}::timestamptz - interval '60 days'
    from generate_series(0, ${M - 1}) k`);
  steps.next('merchant accounts');
  await db.execute(sql`insert into ledger_accounts (id, alliance_id, kind, owner_id, balance)
    select ${uuid('acct-m', sql`k`)}, ${A}, 'merchant', ${uuid('m', sql`k`)}, null
    from generate_series(0, ${M - 1}) k`);
  steps.next('offers');
  await db.execute(sql`insert into offers (alliance_id, merchant_id, code, kind, title_zh, title_en, points, amount_fen)
    select ${A}, ${uuid('m', sql`k`)}, 'discount-5', 'amount_off', '立减 5 元', '5 yuan off', 50, 500
    from generate_series(0, ${M - 1}) k`);
  steps.next('devices');
  await db.execute(sql`insert into devices (id, alliance_id, merchant_id, name, public_key, enrolled_at, last_seen_at)
    select 'dev_' || substr(md5(${`${seed}:dev:`} || k::text), 1, 12), ${A}, ${uuid('m', sql`k`)},
      '收银手机', 'seeded-' || k, ${start}::timestamptz - interval '60 days', ${start}::timestamptz + interval '30 days'
    from generate_series(0, ${M - 1}) k`);

  // Two grants a resident in the first days of the month: enough for their five redemptions.
  steps.next('grants');
  await db.execute(sql`insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, created_at)
    select ${uuid('mint', sql`i * 2 + g`)}, ${A}, ${issuance}, ${accountOf(sql`i`)},
      400, 'mint', (${textArray(REASONS)})[1 + (i + g) % 6],
      ${start}::timestamptz + make_interval(hours => (i % 72) + g * 24)
    from generate_series(0, ${R - 1}) i cross join generate_series(0, 1) g`);

  // The month's redemptions. j spreads evenly over the month; resident (j·7919) mod R gives each
  // resident about N/R of them; merchants are skewed, as in a real town (a few busy shops).
  const g = sql`(select j,
      (j * 7919) % ${R} as r,
      least(${M - 1}, floor(${M} * power(((j * 7907) % 10007) / 10007.0, 1.6)))::int as k,
      10 + (j * 37) % 91 as p,
      10 + (j * 37) % 91 + (j % 3) * 10 as cap,
      j % 10 = 0 as offline,
      j % 97 = 5 as reversed,
      ${start}::timestamptz + make_interval(secs => floor((j + 0.5) * ${spanSeconds} / ${Math.max(N, 1)})) as scanned
    from generate_series(0, ${N - 1}) j) s`;
  // An offline record reaches the server 20 minutes later (never after the month ends).
  const received = sql`least(s.scanned + case when s.offline then interval '20 minutes' else interval '0' end,
      ${bounds.endsAt.toISOString()}::timestamptz - interval '1 second')`;
  steps.next('holds');
  await db.execute(sql`insert into holds (id, alliance_id, voucher_id, account_id, resident_id, cap_points, issued_at,
      expires_at, capture_deadline, merchant_scope, state, resolved_at, captured_points, claimed_by_record_id, created_at)
    select ${uuid('hold', sql`s.j`)}, ${A}, substr(md5(${`${seed}:voucher:`} || s.j::text), 1, 24),
      ${accountOf(sql`s.r`)}, ${uuid('r', sql`s.r`)}, s.cap, s.scanned - interval '60 seconds',
      s.scanned + interval '120 seconds', s.scanned + interval '7320 seconds', 0, 'captured', ${received}, s.p,
      ${uuid('rec', sql`s.j`)}, s.scanned - interval '60 seconds'
    from ${g}`);
  steps.next('redemptions');
  await db.execute(sql`insert into redemptions (id, alliance_id, device_id, merchant_id, seq, voucher_id, points, offer_id,
      bill_fen, discount_fen, scanned_at, received_at, outcome, transfer_id, offline)
    select ${uuid('rec', sql`s.j`)}, ${A}, 'dev_' || substr(md5(${`${seed}:dev:`} || s.k::text), 1, 12),
      ${uuid('m', sql`s.k`)}, row_number() over (partition by s.k order by s.j), substr(md5(${`${seed}:voucher:`} || s.j::text), 1, 24),
      s.p, 'discount-5', s.p * 100 + ((s.j * 13) % 50) * 100, s.p * 10, s.scanned, ${received}, 'accepted',
      ${uuid('capture', sql`s.j`)}, s.offline
    from ${g}`);
  steps.next('hold, capture, release and reversal transfers');
  await db.execute(sql`insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind,
      pending_id, record_id, reverses_id, reason, created_at)
    select v.id, ${A}, v.debit, v.credit, v.amount, v.kind, ${uuid('hold', sql`s.j`)}, v.record, v.reverses, v.reason, v.at
    from ${g} cross join lateral (values
      (${uuid('hold', sql`s.j`)}, ${accountOf(sql`s.r`)}, ${escrow}::uuid, s.cap, 'hold', null::uuid, null::uuid, null, s.scanned - interval '60 seconds'),
      (${uuid('capture', sql`s.j`)}, ${escrow}::uuid, ${uuid('acct-m', sql`s.k`)}, s.p, 'capture', ${uuid('rec', sql`s.j`)}, null::uuid, null, ${received}),
      (${uuid('release', sql`s.j`)}, ${escrow}::uuid, ${accountOf(sql`s.r`)}, s.cap - s.p, 'release', ${uuid('rec', sql`s.j`)}, null::uuid, null, ${received}),
      (${uuid('reverse', sql`s.j`)}, ${uuid('acct-m', sql`s.k`)}, ${accountOf(sql`s.r`)}, case when s.reversed then s.p else 0 end,
        'reverse', ${uuid('rec', sql`s.j`)}, ${uuid('capture', sql`s.j`)}, 'reversed by the merchant',
        least(${received} + interval '5 seconds', ${bounds.endsAt.toISOString()}::timestamptz - interval '1 second'))
    ) as v(id, debit, credit, amount, kind, record, reverses, reason, at)
    where v.amount > 0`);
  // The holders' stored balances, from their transfers.
  steps.next('balances from the transfers');
  await db.execute(sql`update ledger_accounts a set balance = d.derived
    from (select a2.id, coalesce(sum(case when t.credit_account_id = a2.id then t.amount else -t.amount end), 0) as derived
          from ledger_accounts a2 join transfers t on a2.id in (t.credit_account_id, t.debit_account_id)
          where a2.alliance_id = ${A} and a2.kind in ('resident', 'household')
          group by a2.id) d
    where a.id = d.id`);

  steps.next('totals');
  const [totals] = await rows<Record<string, string | number>>(
    db,
    sql`select count(*) filter (where t.kind = 'capture') as captures, count(*) filter (where t.kind = 'reverse') as reversals,
          coalesce(sum(case when t.kind = 'capture' then t.amount else -t.amount end), 0) as net,
          coalesce(sum(case when t.kind = 'capture' then r.bill_fen else -r.bill_fen end), 0) as bill,
          coalesce(sum(case when t.kind = 'capture' then r.discount_fen else -r.discount_fen end), 0) as discount
        from transfers t join redemptions r on r.id = t.record_id
        where t.alliance_id = ${A} and t.kind in ('capture', 'reverse')`,
  );
  steps.finish('totals');
  return {
    residents: R,
    households: Math.ceil(R / 10),
    merchants: M,
    redemptions: Number(totals!.captures),
    reversals: Number(totals!.reversals),
    netPoints: Number(totals!.net),
    billFen: Number(totals!.bill),
    discountFen: Number(totals!.discount),
    seconds: (performance.now() - started) / 1000,
  };
}
