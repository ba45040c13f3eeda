/** The audit log: every coordinator and staff action, who and when. Append-only by convention. */
import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';

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
