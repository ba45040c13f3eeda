import { appliedMigrationCount, expectedMigrationCount } from '../db/migrate.ts';
import type { Command } from './command.ts';

export const dbCommands: Command[] = [
  {
    name: 'migrate',
    summary: 'Apply the database migrations (start-up does this too)',
    usage: 'migrate',
    async run(_args, ctx) {
      const database = await ctx.database();
      const applied = await appliedMigrationCount(database.db);
      ctx.out(`${database.kind}: ${applied} of ${expectedMigrationCount()} migrations applied`);
      return applied === expectedMigrationCount() ? 0 : 1;
    },
  },
];
