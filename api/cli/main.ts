/**
 * `alliance` — the operator CLI. Each domain exports its commands; this file lists them,
 * prints help, opens the database on demand and turns errors into exit codes.
 */
import { systemClock } from '../clock.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { isAppError } from '../errors.ts';
import { backupCommands } from './backup.ts';
import type { CliContext, Command } from './command.ts';
import { dbCommands } from './db-commands.ts';
import { demoCommands } from './demo.ts';
import { evidenceCommands } from './evidence.ts';
import { ledgerCommands } from './ledger.ts';
import { voucherCommands } from './vouchers.ts';

// Domain commands: one line each.
const commands: Command[] = [
  ...dbCommands,
  ...backupCommands,
  ...voucherCommands,
  ...ledgerCommands,
  ...evidenceCommands,
  ...demoCommands,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'alliance — operator CLI of the civilization points merchant alliance platform',
    '',
    'Usage: alliance <command> [options]   (with npm: npx alliance …)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `alliance <command> --help` for its options. The database is the one `npm start` uses:',
    'PGlite under DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; args: string[] } | undefined {
  // Longest match first, so "keys rotate" wins over a hypothetical "keys".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, args: argv.slice(words.length) };
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${help()}\n`);
    return 2;
  }
  const { command, args } = found;
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: alliance ${command.usage}\n`);
    return 0;
  }
  let config: Config | undefined;
  let database: Database | undefined;
  const ctx: CliContext = {
    config: () => {
      config ??= loadConfig();
      return config;
    },
    database: async () => {
      if (!database) {
        const c = ctx.config();
        database = await openDatabase(c.DATABASE_URL ? { url: c.DATABASE_URL } : { dataDir: c.DATA_DIR });
        await runMigrations(database);
      }
      return database;
    },
    clock: systemClock,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  try {
    return await command.run(args, ctx);
  } catch (e) {
    if (e instanceof ConfigError) ctx.err(e.message);
    else if (isAppError(e)) ctx.err(`${e.detail ?? e.message} (${e.code})`);
    else ctx.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 1;
  } finally {
    await database?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
