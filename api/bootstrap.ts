/**
 * What a start does to the data before serving: make sure the alliance and a coordinator exist,
 * and on the very first start seed the demo. Idempotent: later starts find everything in place.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { generatePassword, hashPassword } from './auth/passwords.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/client.ts';
import { alliances, staffUsers } from './db/schema/index.ts';
import { seedDemoRules } from './demo/rules.ts';
import { type DemoSeed, seedDemoDirectory } from './directory/demo.ts';
import { enrollmentCodeKey } from './directory/enrollment.ts';
import { derivedId } from './ledger/ids.ts';
import { mintPoints } from './ledger/mint.ts';
import { ensureSigningKey } from './vouchers/keys.ts';

export interface BootstrapOptions {
  allianceName: string;
  timezone: string;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  demo: boolean;
  /** When given, the alliance's first voucher signing key is made if it has none. */
  masterKey?: Uint8Array;
}

export interface BootstrapResult {
  allianceId: string;
  /** True when this start created the alliance (an empty database). */
  createdAlliance: boolean;
  /** Set when this start created the first coordinator; `password` only when it was generated. */
  coordinator?: { email: string; generatedPassword?: string };
  demo?: DemoSeed;
}

export async function bootstrap(db: Db, options: BootstrapOptions, clock: Clock): Promise<BootstrapResult> {
  const result = await bootstrapDirectory(db, options, clock);
  if (options.masterKey) await ensureSigningKey(db, result.allianceId, options.masterKey, clock);
  if (result.demo) await grantDemoPoints(db, result.allianceId, result.demo, clock);
  return result;
}

/** The demo residents' starting points, granted by the first coordinator like any grant. */
async function grantDemoPoints(db: Db, allianceId: string, demo: DemoSeed, clock: Clock) {
  const [coordinator] = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(staffUsers.allianceId, allianceId))
    .orderBy(asc(staffUsers.createdAt))
    .limit(1);
  for (const r of demo.residents) {
    await mintPoints(
      db,
      {
        allianceId,
        residentId: r.id,
        points: r.points,
        reason: r.reason,
        actorId: coordinator!.id,
        idempotencyId: derivedId('demo-grant', r.id),
      },
      clock,
    );
  }
}

/** Held while one instance bootstraps: instances starting together on an empty database wait their turn. */
const BOOTSTRAP_LOCK = 7_212_002;

async function bootstrapDirectory(db: Db, options: BootstrapOptions, clock: Clock): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [existing] = await tx
      .select({ id: alliances.id })
      .from(alliances)
      .orderBy(asc(alliances.createdAt))
      .limit(1);
    let allianceId = existing?.id;
    const createdAlliance = !allianceId;
    if (!allianceId) {
      const [row] = await tx
        .insert(alliances)
        .values({ name: options.allianceName, timezone: options.timezone })
        .returning({ id: alliances.id });
      allianceId = row!.id;
    }
    const result: BootstrapResult = { allianceId, createdAlliance };

    const [coordinator] = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(staffUsers.role, 'coordinator'))
      .limit(1);
    let coordinatorId = coordinator?.id;
    if (!coordinatorId) {
      const email = options.adminEmail ?? 'admin@alliance.local';
      const password = options.adminPassword ?? generatePassword();
      const [created] = await tx
        .insert(staffUsers)
        .values({
          allianceId,
          email,
          name: '联盟协调员',
          role: 'coordinator',
          passwordHash: await hashPassword(password),
        })
        .returning({ id: staffUsers.id });
      coordinatorId = created!.id;
      result.coordinator = options.adminPassword ? { email } : { email, generatedPassword: password };
    }

    if (createdAlliance && options.demo) {
      if (!options.masterKey)
        throw new Error('the demo needs the master key (its enrollment codes are keyed)');
      result.demo = await seedDemoDirectory(tx, allianceId, enrollmentCodeKey(options.masterKey), clock);
      // The rule catalogue, created by the first coordinator as if typed in the console.
      await seedDemoRules(tx, allianceId, coordinatorId);
    }
    return result;
  });
}
