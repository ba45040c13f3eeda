/**
 * The audit log: every coordinator and staff action, who and when, written by the use case in the
 * same transaction as the action itself. Append-only by convention.
 */

import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../db/client.ts';
import {
  auditLog,
  claims,
  conflicts,
  devices,
  households,
  merchants,
  offers,
  posKeys,
  residents,
  rules,
  ruleVersions,
  settlementPeriods,
  settlementStatements,
  staffUsers,
} from '../db/schema/index.ts';

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

/** What an audit entry was about, as a person names it: a name in each language, never an id. */
export interface TargetName {
  zh: string;
  en: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The names of the things audit entries point at (residents, households, merchants, offers,
 * devices, POS keys, conflicts, periods, statements, staff members, earning rules, a resident's
 * claim), by id. Ids nobody can name are left out:
 * the page shows nothing rather than a code.
 */
export async function auditTargetNames(
  db: Queryable,
  allianceId: string,
  targets: (string | null)[],
): Promise<Map<string, TargetName>> {
  const ids = [...new Set(targets.filter((t): t is string => t !== null && UUID.test(t)))];
  const deviceIds = [...new Set(targets.filter((t): t is string => t?.startsWith('dev_') === true))];
  const names = new Map<string, TargetName>();
  const same = (name: string): TargetName => ({ zh: name, en: name });
  if (ids.length > 0) {
    for (const r of await db
      .select({ id: residents.id, name: residents.name })
      .from(residents)
      .where(and(eq(residents.allianceId, allianceId), inArray(residents.id, ids)))) {
      names.set(r.id, same(r.name));
    }
    for (const h of await db
      .select({ id: households.id, name: households.name })
      .from(households)
      .where(and(eq(households.allianceId, allianceId), inArray(households.id, ids)))) {
      names.set(h.id, same(h.name));
    }
    for (const m of await db
      .select({ id: merchants.id, name: merchants.name })
      .from(merchants)
      .where(and(eq(merchants.allianceId, allianceId), inArray(merchants.id, ids)))) {
      names.set(m.id, same(m.name));
    }
    for (const o of await db
      .select({ id: offers.id, zh: offers.titleZh, en: offers.titleEn, merchant: merchants.name })
      .from(offers)
      .innerJoin(merchants, eq(merchants.id, offers.merchantId))
      .where(and(eq(offers.allianceId, allianceId), inArray(offers.id, ids)))) {
      names.set(o.id, { zh: `${o.merchant} · ${o.zh}`, en: `${o.merchant} · ${o.en}` });
    }
    for (const k of await db
      .select({ id: posKeys.id, merchant: merchants.name })
      .from(posKeys)
      .innerJoin(merchants, eq(merchants.id, posKeys.merchantId))
      .where(and(eq(merchants.allianceId, allianceId), inArray(posKeys.id, ids)))) {
      names.set(k.id, { zh: `${k.merchant} · 收银系统密钥`, en: `${k.merchant} · POS key` });
    }
    for (const k of await db
      .select({ id: conflicts.id, merchant: merchants.name, points: conflicts.points })
      .from(conflicts)
      .innerJoin(merchants, eq(merchants.id, conflicts.merchantId))
      .where(and(eq(conflicts.allianceId, allianceId), inArray(conflicts.id, ids)))) {
      names.set(k.id, { zh: `${k.merchant} · ${k.points} 积分`, en: `${k.merchant} · ${k.points} points` });
    }
    for (const p of await db
      .select({ id: settlementPeriods.id, label: settlementPeriods.label })
      .from(settlementPeriods)
      .where(and(eq(settlementPeriods.allianceId, allianceId), inArray(settlementPeriods.id, ids)))) {
      names.set(p.id, same(p.label));
    }
    for (const s of await db
      .select({
        id: settlementStatements.id,
        name: settlementStatements.merchantName,
        period: settlementPeriods.label,
      })
      .from(settlementStatements)
      .innerJoin(settlementPeriods, eq(settlementPeriods.id, settlementStatements.periodId))
      .where(and(eq(settlementStatements.allianceId, allianceId), inArray(settlementStatements.id, ids)))) {
      names.set(s.id, same(`${s.name} · ${s.period}`));
    }
    for (const s of await db
      .select({ id: staffUsers.id, name: staffUsers.name })
      .from(staffUsers)
      .where(and(eq(staffUsers.allianceId, allianceId), inArray(staffUsers.id, ids)))) {
      names.set(s.id, same(s.name));
    }
    for (const r of await db
      .select({ id: rules.id, zh: ruleVersions.titleZh, en: ruleVersions.titleEn })
      .from(rules)
      .innerJoin(ruleVersions, eq(ruleVersions.id, rules.currentVersionId))
      .where(and(eq(rules.allianceId, allianceId), inArray(rules.id, ids)))) {
      names.set(r.id, { zh: r.zh, en: r.en ?? r.zh });
    }
    for (const k of await db
      .select({ id: claims.id, name: residents.name, zh: ruleVersions.titleZh, en: ruleVersions.titleEn })
      .from(claims)
      .innerJoin(residents, eq(residents.id, claims.residentId))
      .innerJoin(ruleVersions, eq(ruleVersions.id, claims.ruleVersionId))
      .where(and(eq(claims.allianceId, allianceId), inArray(claims.id, ids)))) {
      names.set(k.id, { zh: `${k.name} · ${k.zh}`, en: `${k.name} · ${k.en ?? k.zh}` });
    }
  }
  if (deviceIds.length > 0) {
    for (const d of await db
      .select({ id: devices.id, name: devices.name, merchant: merchants.name })
      .from(devices)
      .innerJoin(merchants, eq(merchants.id, devices.merchantId))
      .where(and(eq(merchants.allianceId, allianceId), inArray(devices.id, deviceIds)))) {
      names.set(d.id, same(`${d.merchant} · ${d.name}`));
    }
  }
  return names;
}
