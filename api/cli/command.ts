/** What an operator CLI command is: `alliance <name…> [args]`. */
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

export interface CliContext {
  /** Reads the environment (throws ConfigError naming the bad variable). */
  config(): Config;
  /** Opens and migrates the configured database; closed by the CLI when the command ends. */
  database(): Promise<Database>;
  /** Now, for commands that count back from it (the system clock; tests pass their own). */
  clock: Clock;
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  /** Words after `alliance`, e.g. "voucher verify". */
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
