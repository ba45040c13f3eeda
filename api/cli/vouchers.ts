/**
 * `alliance voucher verify|qr` for integrators (no database needed) and `alliance keys
 * rotate|list` for operators. `voucher verify` prints exactly one JSON line and exits 0 when the
 * voucher is valid, 1 when it is not, 2 on a usage problem.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import QRCode from 'qrcode';
import { keyIndexFromJwks } from '../../shared/jwks.ts';
import { DEFAULT_SKEW_SECONDS, decodeVoucher, verifyVoucher } from '../../shared/voucher.ts';
import { VOUCHER_QR_ERROR_CORRECTION, voucherQrSegments } from '../../shared/voucher-qr.ts';
import { systemClock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { alliances } from '../db/schema/index.ts';
import { ed25519Node } from '../vouchers/ed25519-node.ts';
import { type KeySummary, listKeys, rotateKeys } from '../vouchers/keys.ts';
import { resolveMasterKey } from '../vouchers/master-key.ts';
import type { CliContext, Command } from './command.ts';

class UsageError extends Error {}

/** All our options take a value; unknown ones are a usage error. */
function parse<K extends string>(args: string[], names: readonly K[]) {
  const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Partial<Record<K, string>>, positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function wholeNumber(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number ≥ 0`);
  return n;
}

/** The voucher text: the one positional argument, or stdin when it is "-". */
function voucherText(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one voucher text (or - to read stdin)');
  return positionals[0] === '-' ? readFileSync(0, 'utf8') : positionals[0]!;
}

async function usage(run: () => Promise<number>, ctx: CliContext, usageLine: string): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    ctx.err(`${e.message}\nUsage: alliance ${usageLine}`);
    return 2;
  }
}

const verifyUsage = 'voucher verify --jwks FILE [--now UNIX] [--skew SECONDS] TEXT|-';
const verifyCommand: Command = {
  name: 'voucher verify',
  summary: 'Verify a voucher text offline against a JWKS file; prints one JSON line',
  usage: verifyUsage,
  run: (args, ctx) =>
    usage(
      async () => {
        const { values, positionals } = parse(args, ['jwks', 'now', 'skew']);
        if (typeof values.jwks !== 'string') throw new UsageError('--jwks FILE is required');
        let keys: ReturnType<typeof keyIndexFromJwks>;
        try {
          keys = keyIndexFromJwks(JSON.parse(readFileSync(values.jwks, 'utf8')));
        } catch (e) {
          throw new UsageError(`cannot use ${values.jwks} as a JWKS: ${e instanceof Error ? e.message : e}`);
        }
        const now = wholeNumber(values.now, '--now', Math.floor(Date.now() / 1000));
        const skew = wholeNumber(values.skew, '--skew', DEFAULT_SKEW_SECONDS);
        const result = verifyVoucher(voucherText(positionals), { keys, primitive: ed25519Node, now, skew });
        ctx.out(
          JSON.stringify(
            result.ok ? { valid: true, voucher: result.voucher } : { valid: false, error: result.error },
          ),
        );
        return result.ok ? 0 : 1;
      },
      ctx,
      verifyUsage,
    ),
};

const qrUsage = 'voucher qr TEXT|- --out FILE.png|FILE.svg';
const qrCommand: Command = {
  name: 'voucher qr',
  summary: 'Render a voucher text as a QR code (numeric mode, error correction M)',
  usage: qrUsage,
  run: (args, ctx) =>
    usage(
      async () => {
        const { values, positionals } = parse(args, ['out']);
        const out = values.out;
        if (typeof out !== 'string' || !/\.(png|svg)$/i.test(out)) {
          throw new UsageError('--out must name a .png or .svg file');
        }
        const text = voucherText(positionals).trim();
        decodeVoucher(text);
        await QRCode.toFile(out, voucherQrSegments(text), {
          errorCorrectionLevel: VOUCHER_QR_ERROR_CORRECTION,
          type: /\.svg$/i.test(out) ? 'svg' : 'png',
          margin: 4,
          scale: 8,
        });
        ctx.out(out);
        return 0;
      },
      ctx,
      qrUsage,
    ),
};

/** The alliance named by --alliance, else the first one (the one `npm start` created). */
async function allianceIdOf(db: Db, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const [first] = await db
    .select({ id: alliances.id })
    .from(alliances)
    .orderBy(asc(alliances.createdAt))
    .limit(1);
  if (!first) throw new UsageError('there is no alliance yet: start the server once (npm start) first');
  return first.id;
}

const time = (d: Date | null) => (d ? d.toISOString() : '-');
const keyLine = (k: KeySummary) =>
  `${k.kid4}  ${k.state.padEnd(8)}  signs ${time(k.activatesAt)} → ${time(k.exp)}  published until ${time(k.retiredAt)}  ${k.kid}`;

const rotateUsage = 'keys rotate [--lead SECONDS] [--alliance ID]';
const rotateCommand: Command = {
  name: 'keys rotate',
  summary: 'Publish a new voucher signing key now; it signs after --lead (default 1 day)',
  usage: rotateUsage,
  run: (args, ctx) =>
    usage(
      async () => {
        const { values } = parse(args, ['lead', 'alliance']);
        const leadSeconds = wholeNumber(values.lead, '--lead', 24 * 3600);
        const masterKey = resolveMasterKey(ctx.config(), (m) => ctx.err(`warning: ${m}`));
        const { db } = await ctx.database();
        const allianceId = await allianceIdOf(db, values.alliance);
        const result = await rotateKeys(db, allianceId, masterKey, systemClock, { leadSeconds });
        ctx.out(result.created ? 'published new key:' : 'a rotation is already scheduled:');
        ctx.out(`  ${keyLine(result.next)}`);
        for (const k of result.replaced) ctx.out(`replaced: ${keyLine(k)}`);
        return 0;
      },
      ctx,
      rotateUsage,
    ),
};

const listUsage = 'keys list [--alliance ID]';
const listCommand: Command = {
  name: 'keys list',
  summary: 'List the voucher signing keys and their states',
  usage: listUsage,
  run: (args, ctx) =>
    usage(
      async () => {
        const { values } = parse(args, ['alliance']);
        const { db } = await ctx.database();
        const keys = await listKeys(db, await allianceIdOf(db, values.alliance), systemClock);
        if (keys.length === 0) ctx.out('no signing keys yet: the server creates the first at start-up');
        for (const k of keys) ctx.out(keyLine(k));
        return 0;
      },
      ctx,
      listUsage,
    ),
};

export const voucherCommands: Command[] = [verifyCommand, qrCommand, rotateCommand, listCommand];
