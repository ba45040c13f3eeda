/**
 * Operator commands of the ledger and settlement: `ledger check` (exit 1 with the broken
 * invariants), `ledger sweep` (release holds past their capture window), `settlement close`.
 */
import { randomUUID } from 'node:crypto';
import { systemClock } from '../clock.ts';
import { checkLedger } from '../ledger/check.ts';
import { releaseExpiredHolds } from '../ledger/expiry.ts';
import { closeSettlementPeriod } from '../settlement/close.ts';
import { allianceOf, option } from './args.ts';
import type { Command } from './command.ts';
import { withProgress } from './progress.ts';

export const ledgerCommands: Command[] = [
  {
    name: 'ledger check',
    summary: 'Recompute every balance from the transfers and check the ledger invariants',
    usage: 'ledger check [--alliance <id>]',
    async run(args, ctx) {
      const allianceId = option(args, '--alliance');
      const broken = await withProgress('ledger check', async (onProgress) => {
        onProgress?.(0, 0, 'opening the database');
        const { db } = await ctx.database();
        return checkLedger(db, allianceId ? { allianceId, onProgress } : { onProgress });
      });
      if (broken.length === 0) {
        ctx.out('ledger check: every invariant holds');
        return 0;
      }
      for (const b of broken) {
        ctx.err(`BROKEN: ${b.invariant} (${b.count}${b.count >= 20 ? '+' : ''} rows)`);
        for (const e of b.examples) ctx.err(`  ${JSON.stringify(e)}`);
      }
      return 1;
    },
  },
  {
    name: 'ledger sweep',
    summary: 'Give back the points of holds whose capture window has ended',
    usage: 'ledger sweep [--alliance <id>]',
    async run(args, ctx) {
      const { db } = await ctx.database();
      const allianceId = option(args, '--alliance');
      const swept = await releaseExpiredHolds(db, allianceId ? { allianceId } : {}, systemClock);
      ctx.out(`expired ${swept.expired} holds, ${swept.points} points back to their holders`);
      return 0;
    },
  },
  {
    name: 'settlement close',
    summary: 'Close a settlement period and freeze its merchant statements',
    usage: 'settlement close --month YYYY-MM [--alliance <id>] [--actor <staff id>]',
    async run(args, ctx) {
      const month = option(args, '--month');
      if (!month) {
        ctx.err('Usage: alliance settlement close --month YYYY-MM [--alliance <id>]');
        return 2;
      }
      const actorId = option(args, '--actor') ?? randomUUID();
      const result = await withProgress(`settlement close ${month}`, async (onProgress) => {
        onProgress?.(0, 0, 'opening the database');
        const { db } = await ctx.database();
        const allianceId = await allianceOf(db, args);
        return closeSettlementPeriod(db, { allianceId, month, actorId }, systemClock, onProgress);
      });
      ctx.out(`period ${result.period.label}: ${result.outcome}, ${result.statements.length} statements`);
      for (const s of result.statements) {
        ctx.out(
          `  merchant ${s.merchantId}: ${s.redemptions} redemptions, ${s.netPoints} points, ${s.reimbursementFen} fen`,
        );
      }
      return 0;
    },
  },
];
