/**
 * The audit log: every coordinator and staff action, who and when, written by the use case in the
 * same transaction as the action itself. Append-only by convention.
 */

import { desc, eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../db/client.ts';
import { auditLog, staffUsers } from '../db/schema/index.ts';

export async function audit(
  db: Queryable,
  actor: Principal,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditLog).values({
    allianceId: actor.allianceId,
    actorId: actor.role === 'coordinator' || actor.role === 'staff' ? actor.subjectId : null,
    action,
    target,
    details: details ?? null,
  });
}

/** The alliance's audit log, newest first, with each actor's name. */
export async function auditEntries(db: Queryable, allianceId: string, limit = 500) {
  return db
    .select({ entry: auditLog, actorName: staffUsers.name })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorId))
    .where(eq(auditLog.allianceId, allianceId))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
