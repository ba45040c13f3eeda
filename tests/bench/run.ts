/**
 * `npm run bench`: runs each bench module in order and exits 1 if any missed its budget.
 * `npm run bench -- month-end` runs only the benches whose name contains the words given.
 * A new bench is a module exporting a `Bench`, added to the list below.
 */
import { earningReviewBench } from './earning-review.ts';
import { httpLoadBench } from './http-load.ts';
import { ledgerCaptureBench } from './ledger-capture.ts';
import { merchantScanBench } from './merchant-scan.ts';
import { rankingsBench } from './rankings.ts';
import { residentAppBench } from './resident-app.ts';
import { settlementReportBench } from './settlement-report.ts';
import { voucherVerifyBench } from './voucher-verify.ts';

export interface Bench {
  name: string;
  /** Prints its own report through `log`; returns whether it met its budget. */
  run(log: (line: string) => void): boolean | Promise<boolean>;
}

const benches: Bench[] = [
  voucherVerifyBench,
  merchantScanBench,
  ledgerCaptureBench,
  httpLoadBench,
  residentAppBench,
  settlementReportBench,
  earningReviewBench,
  rankingsBench,
];

async function main(): Promise<number> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Node ${process.version} on ${process.platform}/${process.arch}\n`);
  let failed = 0;
  const only = process.argv.slice(2).join(' ');
  for (const bench of benches.filter((b) => b.name.includes(only))) {
    log(`== ${bench.name} ==`);
    if (!(await bench.run(log))) failed++;
    log('');
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
