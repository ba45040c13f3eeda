/**
 * Years of earning for a town (issue #17: "rankings must be instant at the size of the largest
 * scheme: 38,000 residents and three years of earning"): approved claims, each with its mint at
 * the decision; a deduction of 5 an hour after every ninth claim (so no holder ever goes below
 * zero), every tenth of them given back a day later by an upheld appeal's restore; and grants.
 * Written set-based as the ledger writes them — a household member's points on the household's
 * account, a deduction naming the resident, a restore pointing at its deduct — then every holder's
 * stored balance set from its transfers, so `alliance ledger check` finds the books whole.
 *
 * It earns for the residents already in the alliance (`seedTown` makes them), spread over the
 * `years` before `until` (the last a day before it, so a restore never lands after it). Ids are
 * md5-derived from the seed: the same seed, the same history. `alliance demo town --history 3y`
 * and the rankings bench (tests/bench/rankings.ts) both use it, so they cannot drift apart.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { createRule, type RuleInput, ruleByCode } from '../earning/rules.ts';
import { allianceAccount } from '../ledger/accounts.ts';
import { type Progress, progressSteps } from '../progress.ts';

export interface HistoryOptions {
  allianceId: string;
  /** The history ends before this instant. */
  until: Date;
  years: number;
  /** Approved claims over the whole history. */
  claims: number;
  grants: number;
  /** Whom the rules, the deductions and the grants name (the coordinator). */
  actorId: string;
  seed?: string;
  /** Told as each step starts (the CLI shows it on a terminal). */
  onProgress?: Progress;
}

export interface HistoryFigures {
  claims: number;
  deductions: number;
  restores: number;
  grants: number;
  /** Transfers the history added. */
  transfers: number;
  seconds: number;
}

/** The largest scheme's history per resident: 140,000 claims and 20,000 grants for 38,000 residents over three years. */
export const historySize = (residents: number, years: number) => ({
  claims: Math.round((residents * 140_000 * years) / (38_000 * 3)),
  grants: Math.round((residents * 20_000 * years) / (38_000 * 3)),
});

/** Every ninth claim is followed by a deduction of 5; every tenth deduction is restored. */
const DEDUCT_EVERY = 9;
const RESTORE_EVERY = 10;
const DEDUCTION_POINTS = 5;
/** The statements seedHistory runs through `step`, for its progress. */
const STEPS = 8;

const HELP: RuleInput = {
  code: 'town-help',
  category: '志愿活动',
  titleZh: '邻里互助',
  kind: 'range',
  min: 5,
  max: 40,
  evidence: 'none',
  selfClaim: true,
};
const LITTER: RuleInput = {
  code: 'town-litter',
  category: '社区公德',
  titleZh: '乱堆乱放',
  kind: 'deduction',
  points: DEDUCTION_POINTS,
  evidence: 'none',
  selfClaim: false,
};

export async function seedHistory(db: Db, options: HistoryOptions): Promise<HistoryFigures> {
  const started = performance.now();
  const { allianceId, claims: C, grants: G, years } = options;
  if (years < 1 || C < 0 || G < 0) throw new Error('a history needs a year or more');
  const seed = `${options.seed ?? 'history'}:${allianceId}`;
  const steps = progressSteps(STEPS, options.onProgress);
  const step = async (label: string, statement: SQL) => {
    steps.next(label);
    await db.execute(statement);
  };

  const rule = async (input: RuleInput) =>
    (await ruleByCode(db, allianceId, input.code)) ??
    (await db.transaction((tx) => createRule(tx, allianceId, input, options.actorId)));
  const help = await rule(HELP);
  const litter = await rule(LITTER);
  const issuance = await allianceAccount(db, allianceId, 'issuance');
  const [A, actor, iss] = [sql`${allianceId}::uuid`, sql`${options.actorId}::uuid`, sql`${issuance}::uuid`];
  const uuid = (tag: string, n: SQL) =>
    sql`overlay(overlay(md5(${`${seed}:${tag}:`} || (${n})::text) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  const until = sql`${options.until.toISOString()}::timestamptz`;
  const days = Math.round(years * 365);
  // A point in the history for n, spread evenly by a multiplicative hash; a day and two hours
  // before `until` at the latest, so the deduction an hour later and its restore a day later fit.
  const spread = (n: SQL) =>
    sql`${until} - interval '1 day' * ${days} * ((${n} * 2654435761::bigint) % 1000003) / 1000003.0 - interval '26 hours'`;
  // Each resident with the account they earn into (their household's when they have one), numbered.
  const holders = sql`holders as (
    select r.id as resident_id, a.id as account_id,
           row_number() over (order by r.id) - 1 as k
    from residents r
    join ledger_accounts a on a.alliance_id = r.alliance_id
      and a.owner_id = coalesce(r.household_id, r.id)
      and a.kind = case when r.household_id is null then 'resident' else 'household' end
    where r.alliance_id = ${A})`;
  const claimRows = sql`(select g, h.resident_id, h.account_id, 5 + (g % 8) * 5 as points, ${spread(sql`g`)} as decided_at
    from generate_series(1, ${C}::int) g
    join holders h on h.k = (g * 7919::bigint) % (select count(*) from holders)) c`;
  const deductionRows = sql`(select c.*, c.decided_at + interval '1 hour' as taken_at,
      (c.g / ${DEDUCT_EVERY}) % ${RESTORE_EVERY} = 0 as restored
    from ${claimRows} where c.g % ${DEDUCT_EVERY} = 0) d`;

  // Residents and households were there before their history began.
  const since = sql`${until} - interval '1 day' * ${days + 30}`;
  await step(
    'residents and households dated back',
    sql`with r as (update residents set created_at = least(created_at, ${since}) where alliance_id = ${A} returning 1)
        update households set created_at = least(created_at, ${since}) where alliance_id = ${A}`,
  );
  await step(
    `${C} approved claims`,
    sql`with ${holders}
      insert into claims (id, alliance_id, resident_id, rule_id, rule_version_id, occurred_on, status, points,
                          awarded_points, created_at, updated_at, decided_at, transfer_id)
      select ${uuid('claim', sql`c.g`)}, ${A}, c.resident_id, ${help.ruleId}::uuid, ${help.id}::uuid,
             to_char((c.decided_at - interval '1 day') at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), 'approved', null,
             c.points, c.decided_at - interval '1 day', c.decided_at, c.decided_at, ${uuid('claim-mint', sql`c.g`)}
      from ${claimRows}`,
  );
  await step(
    'their mints',
    sql`with ${holders}
      insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, actor_id, created_at)
      select ${uuid('claim-mint', sql`c.g`)}, ${A}, ${iss}, c.account_id, c.points, 'mint', ${HELP.titleZh}, ${actor}, c.decided_at
      from ${claimRows}`,
  );
  await step(
    'deductions, a tenth of them restored on appeal',
    sql`with ${holders}
      insert into deductions (id, alliance_id, resident_id, household_id, rule_id, rule_version_id, points, taken_points,
                              transfer_id, created_by, created_at, appeal, appealed_at, appeal_decided_by,
                              appeal_decided_at, appeal_reason, appeal_transfer_id)
      select ${uuid('deduction', sql`d.g`)}, ${A}, d.resident_id, null::uuid, ${litter.ruleId}::uuid, ${litter.id}::uuid,
             ${DEDUCTION_POINTS}::int, ${DEDUCTION_POINTS}::int, ${uuid('deduct', sql`d.g`)}, ${actor}, d.taken_at,
             case when d.restored then 'upheld' else 'none' end,
             case when d.restored then d.taken_at + interval '2 hours' end,
             case when d.restored then ${actor} end,
             case when d.restored then d.taken_at + interval '1 day' end,
             case when d.restored then '核实撤销' end,
             case when d.restored then ${uuid('restore', sql`d.g`)} end
      from ${deductionRows}`,
  );
  await step(
    'their deduct and restore transfers',
    sql`with ${holders}
      insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, actor_id,
                             reverses_id, created_at)
      select ${uuid('deduct', sql`d.g`)}, ${A}, d.account_id, ${iss}, ${DEDUCTION_POINTS}::int, 'deduct', ${LITTER.titleZh},
             ${actor}, null::uuid, d.taken_at
      from ${deductionRows}
      union all
      select ${uuid('restore', sql`d.g`)}, ${A}, ${iss}, d.account_id, ${DEDUCTION_POINTS}::int, 'restore', '核实撤销',
             ${actor}, ${uuid('deduct', sql`d.g`)}, d.taken_at + interval '1 day'
      from ${deductionRows} where d.restored`,
  );
  await step(
    `${G} grants`,
    sql`with ${holders}
      insert into transfers (id, alliance_id, debit_account_id, credit_account_id, amount, kind, reason, actor_id, created_at)
      select ${uuid('grant', sql`g`)}, ${A}, ${iss}, h.account_id, 10 + (g % 5) * 10, 'mint', '表彰', ${actor},
             ${spread(sql`(g + 7)`)}
      from generate_series(1, ${G}::int) g
      join holders h on h.k = (g * 104729::bigint) % (select count(*) from holders)`,
  );
  await step(
    'balances from the transfers',
    sql`update ledger_accounts a set balance = d.derived
      from (select x.account_id, sum(x.points) as derived from (
              select credit_account_id as account_id, amount as points from transfers where alliance_id = ${A}
              union all
              select debit_account_id, -amount from transfers where alliance_id = ${A}) x
            group by x.account_id) d
      where a.id = d.account_id and a.kind in ('resident', 'household')`,
  );
  await step('statistics', sql`analyze`);
  steps.finish('statistics');
  const [counts] = await rows<{ claims: number; deductions: number; restores: number }>(
    db,
    sql`select (select count(*)::int from claims where alliance_id = ${A} and rule_id = ${help.ruleId}::uuid) as claims,
               (select count(*)::int from deductions where alliance_id = ${A} and rule_id = ${litter.ruleId}::uuid) as deductions,
               (select count(*)::int from deductions where alliance_id = ${A} and rule_id = ${litter.ruleId}::uuid
                  and appeal_transfer_id is not null) as restores`,
  );
  const c = counts!;
  return {
    claims: c.claims,
    deductions: c.deductions,
    restores: c.restores,
    grants: G,
    transfers: c.claims + c.deductions + c.restores + G,
    seconds: (performance.now() - started) / 1000,
  };
}
