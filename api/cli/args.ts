/** What several commands read from their arguments: an option's value, and which alliance. */
import type { Queryable } from '../db/client.ts';
import { alliances } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The alliance named by --alliance, or the only one there is. */
export async function allianceOf(db: Queryable, args: string[]): Promise<string> {
  const given = option(args, '--alliance');
  if (given) return given;
  const all = await db.select({ id: alliances.id }).from(alliances).limit(2);
  if (all.length !== 1) {
    throw new AppError('invalid_request', {
      detail: 'Several alliances (or none): pass --alliance <id>.',
    });
  }
  return all[0]!.id;
}
