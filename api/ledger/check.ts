/**
 * `alliance ledger check`: recomputes every cached balance from the transfers and checks every
 * invariant of DESIGN.md (docs/ledger.md lists them). Read-only; returns the broken invariants
 * with a few offending rows each, so an empty list means the books are whole.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { Progress } from '../progress.ts';

export interface BrokenInvariant {
  invariant: string;
  /** How many rows break it (up to the sample limit). */
  count: number;
  /** A few offending rows, as the query found them. */
  examples: Record<string, unknown>[];
}

const SAMPLE = 20;

/** Each check selects the rows that break its invariant (none when it holds). */
function checks(scope: (alias: string) => SQL): [string, SQL][] {
  const derived = sql`(select a.id, a.alliance_id, a.kind, a.balance,
      coalesce((select sum(amount) from transfers where credit_account_id = a.id), 0)
    - coalesce((select sum(amount) from transfers where debit_account_id = a.id), 0) as derived
    from ledger_accounts a where ${scope('a')})`;
  const escrowDebits = sql`(select pending_id, kind, count(*) as n, sum(amount) as amount from transfers
    where debit_account_id in (select id from ledger_accounts where kind = 'escrow') and pending_id is not null
    group by pending_id, kind)`;
  return [
    [
      'every transfer and hold names existing accounts of its own alliance',
      sql`select 'transfer' as row, t.id from transfers t
            left join ledger_accounts d on d.id = t.debit_account_id and d.alliance_id = t.alliance_id
            left join ledger_accounts c on c.id = t.credit_account_id and c.alliance_id = t.alliance_id
          where ${scope('t')} and (d.id is null or c.id is null)
          union all
          select 'hold', h.id from holds h left join ledger_accounts a on a.id = h.account_id and a.alliance_id = h.alliance_id
          where ${scope('h')} and a.id is null`,
    ],
    [
      'cached balances equal the sum of their transfers',
      sql`select id, kind, balance, derived from ${derived} d
          where kind in ('resident', 'household') and balance is distinct from derived`,
    ],
    [
      "no holder's posted and pending debits exceed its credits (balance >= 0)",
      sql`select id, kind, derived from ${derived} d where kind in ('resident', 'household') and derived < 0`,
    ],
    [
      'the sum of all balances is zero',
      sql`select alliance_id, sum(case when kind in ('resident', 'household') then balance else derived end) as total
          from ${derived} d group by alliance_id
          having sum(case when kind in ('resident', 'household') then balance else derived end) <> 0`,
    ],
    [
      'escrow holds exactly the caps of the open holds',
      sql`select d.alliance_id, d.derived as escrow,
            (select coalesce(sum(cap_points), 0) from holds h where h.alliance_id = d.alliance_id and h.state = 'open') as open_caps
          from ${derived} d where d.kind = 'escrow'
            and d.derived <> (select coalesce(sum(cap_points), 0) from holds h where h.alliance_id = d.alliance_id and h.state = 'open')`,
    ],
    [
      'every hold has its pending transfer of its cap from its holder',
      sql`select h.id, h.cap_points, t.amount, t.kind from holds h left join transfers t on t.id = h.id
          where ${scope('h')} and (t.id is null or t.kind <> 'hold' or t.amount <> h.cap_points or t.debit_account_id <> h.account_id)`,
    ],
    [
      'a hold resolves at most once, in full (captured + released, released, or expired)',
      sql`select h.id, h.state, h.cap_points, h.captured_points,
            coalesce(sum(e.amount), 0) as resolved, coalesce(sum(e.n), 0) as transfers,
            coalesce(sum(e.amount) filter (where e.kind = 'capture'), 0) as captured
          from holds h left join ${escrowDebits} e on e.pending_id = h.id
          where ${scope('h')}
          group by h.id
          having (h.state = 'open' and coalesce(sum(e.amount), 0) <> 0)
              or (h.state <> 'open' and coalesce(sum(e.amount), 0) <> h.cap_points)
              or coalesce(max(e.n), 0) > 1
              or (h.state = 'captured') <> (count(*) filter (where e.kind = 'capture') = 1)
              or (h.state = 'expired') <> (count(*) filter (where e.kind = 'expire') = 1)
              or (h.state = 'captured' and coalesce(sum(e.amount) filter (where e.kind = 'capture'), 0) is distinct from h.captured_points)`,
    ],
    [
      'a voucher is captured at most once',
      sql`select r.alliance_id, r.voucher_id, count(*) as captures from transfers t
          join redemptions r on r.id = t.record_id
          where t.kind = 'capture' and ${scope('t')} group by r.alliance_id, r.voucher_id having count(*) > 1`,
    ],
    [
      'a capture never exceeds its cap',
      sql`select t.id, t.amount, h.cap_points from transfers t
          join redemptions r on r.id = t.record_id
          join holds h on h.alliance_id = r.alliance_id and h.voucher_id = r.voucher_id
          where t.kind = 'capture' and ${scope('t')} and t.amount > h.cap_points`,
    ],
    [
      'every accepted record has one capture of its points, and every capture an accepted record',
      sql`select r.id as record_id, t.id as transfer_id, r.outcome, r.points, t.amount
          from redemptions r full join (select * from transfers where kind = 'capture') t on t.record_id = r.id
          where (r.id is null or ${scope('r')}) and (t.id is null or ${scope('t')})
            and (r.outcome = 'accepted' or t.id is not null)
            and (r.id is null or t.id is null or r.outcome <> 'accepted' or r.points <> t.amount or r.transfer_id <> t.id)`,
    ],
    [
      'a reversal undoes one capture, in full, back to the holder',
      sql`select v.id, v.amount, c.amount as captured, c.kind from transfers v left join transfers c on c.id = v.reverses_id
          where v.kind = 'reverse' and ${scope('v')}
            and (c.id is null or c.kind <> 'capture' or c.amount <> v.amount or v.debit_account_id <> c.credit_account_id)`,
    ],
    [
      'a restore gives back one deduction, in full',
      sql`select v.id, v.amount, d.amount as deducted, d.kind from transfers v left join transfers d on d.id = v.reverses_id
          where v.kind = 'restore' and ${scope('v')}
            and (d.id is null or d.kind <> 'deduct' or d.amount <> v.amount)`,
    ],
    [
      'each transfer kind moves points between the right kinds of account',
      sql`select t.id, t.kind, d.kind as debit, c.kind as credit from transfers t
          join ledger_accounts d on d.id = t.debit_account_id join ledger_accounts c on c.id = t.credit_account_id
          where ${scope('t')} and not (
               (t.kind = 'mint' and d.kind = 'issuance' and c.kind in ('resident', 'household'))
            or (t.kind = 'hold' and d.kind in ('resident', 'household') and c.kind = 'escrow')
            or (t.kind = 'capture' and d.kind in ('escrow', 'resident', 'household') and c.kind = 'merchant')
            or (t.kind in ('release', 'expire') and d.kind = 'escrow' and c.kind in ('resident', 'household'))
            or (t.kind = 'reverse' and d.kind = 'merchant' and c.kind in ('resident', 'household'))
            or (t.kind = 'settle' and d.kind in ('merchant', 'settlement') and c.kind in ('merchant', 'settlement'))
            or (t.kind = 'move' and d.kind = 'resident' and c.kind = 'household')
            or (t.kind = 'deduct' and d.kind in ('resident', 'household') and c.kind = 'issuance')
            or (t.kind = 'restore' and d.kind = 'issuance' and c.kind in ('resident', 'household'))
            or (t.kind = 'adjust' and (d.kind in ('issuance', 'loss_fund') or c.kind in ('issuance', 'loss_fund'))))`,
    ],
    [
      "a statement's totals equal the transfers it took, and the amount due follows its funding rule",
      sql`select s.id, s.net_points, s.reimbursement_fen, s.rate_fen_per_point,
            coalesce(sum(case when t.credit_account_id = a.id then t.amount else -t.amount end), 0) as lines
          from settlement_statements s
          left join statement_lines l on l.statement_id = s.id
          left join transfers t on t.id = l.transfer_id
          left join ledger_accounts a on a.kind = 'merchant' and a.owner_id = s.merchant_id and a.alliance_id = s.alliance_id
          where ${scope('s')}
          group by s.id
          having s.net_points <> coalesce(sum(case when t.credit_account_id = a.id then t.amount else -t.amount end), 0)
              or s.reimbursement_fen <> s.offer_due_fen + case s.funding_rule
                   when 'merchant' then 0
                   when 'share' then sign(s.discount_fen - s.offer_discount_fen)
                     * floor((abs(s.discount_fen - s.offer_discount_fen) * s.funding_share_percent + 50) / 100)
                   else (s.net_points - s.offer_points) * s.rate_fen_per_point end
              or s.points_captured - s.points_reversed + s.points_adjusted <> s.net_points`,
    ],
    [
      "a statement's offers with their own funding add up, each due following its rule",
      sql`select s.id, s.offer_points, s.offer_discount_fen, s.offer_due_fen from settlement_statements s
          where ${scope('s')} and (
            s.offer_points <> coalesce((select sum((o->>'points')::bigint) from jsonb_array_elements(s.offer_funding) o), 0)
            or s.offer_discount_fen <> coalesce((select sum((o->>'discountFen')::bigint) from jsonb_array_elements(s.offer_funding) o), 0)
            or s.offer_due_fen <> coalesce((select sum((o->>'dueFen')::bigint) from jsonb_array_elements(s.offer_funding) o), 0)
            or exists (select 1 from jsonb_array_elements(s.offer_funding) o
                       where (o->>'dueFen')::bigint <> case o->>'rule'
                         when 'merchant' then 0
                         when 'share' then sign((o->>'discountFen')::bigint)
                           * floor((abs((o->>'discountFen')::bigint) * (o->>'sharePercent')::bigint + 50) / 100)
                         else (o->>'points')::bigint * (o->>'fenPerPoint')::bigint end))`,
    ],
    [
      "each merchant's settled points equal the net points of its statements",
      sql`select a.id, a.owner_id as merchant_id,
            coalesce((select sum(case when t.debit_account_id = a.id then t.amount else -t.amount end) from transfers t
                      where t.kind = 'settle' and a.id in (t.debit_account_id, t.credit_account_id)), 0) as settled,
            coalesce((select sum(net_points) from settlement_statements s
                      where s.merchant_id = a.owner_id and s.alliance_id = a.alliance_id), 0) as statements
          from ledger_accounts a where a.kind = 'merchant' and ${scope('a')}
            and coalesce((select sum(case when t.debit_account_id = a.id then t.amount else -t.amount end) from transfers t
                      where t.kind = 'settle' and a.id in (t.debit_account_id, t.credit_account_id)), 0)
             <> coalesce((select sum(net_points) from settlement_statements s
                      where s.merchant_id = a.owner_id and s.alliance_id = a.alliance_id), 0)`,
    ],
  ];
}

export async function checkLedger(
  db: Queryable,
  options: { allianceId?: string; onProgress?: Progress } = {},
): Promise<BrokenInvariant[]> {
  const scope = (alias: string): SQL =>
    options.allianceId ? sql`${sql.raw(alias)}.alliance_id = ${options.allianceId}` : sql`true`;
  const broken: BrokenInvariant[] = [];
  const all = checks(scope);
  for (const [i, [invariant, query]] of all.entries()) {
    options.onProgress?.(i, all.length, invariant);
    const found = await rows<Record<string, unknown>>(db, sql`${query} limit ${SAMPLE}`);
    if (found.length > 0) broken.push({ invariant, count: found.length, examples: found });
  }
  options.onProgress?.(all.length, all.length, all.at(-1)![0]);
  return broken;
}
