/**
 * The only file that reads the environment and listens. Order matters: configuration, database,
 * migrations (awaited), bootstrap, then serve; SIGINT/SIGTERM close the server and the database
 * (PGlite must be closed cleanly or its data dir needs recovery on the next start).
 */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { type BootstrapResult, bootstrap } from './bootstrap.ts';
import { systemClock } from './clock.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { startExpirySweeper } from './ledger/sweeper.ts';
import { createLogger } from './logger.ts';
import { resolveMasterKey } from './vouchers/master-key.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** No request's statement runs longer: a stuck one ends and gives its connection back. */
const STATEMENT_TIMEOUT_MS = 15_000;

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw e;
  }
}

function welcome(config: Config, baseUrl: string, boot: BootstrapResult, dbLabel: string): string {
  const lines = ['', `德商联盟 文明积分 — running on ${baseUrl} (${dbLabel})`, ''];
  lines.push(`  Resident app  居民端   ${baseUrl}/resident/`);
  lines.push(`  Merchant app  商户端   ${baseUrl}/merchant/`);
  lines.push(`  Console       控制台   ${baseUrl}/console/`);
  lines.push(`  API reference         ${baseUrl}/docs`);
  lines.push(`  Health                ${baseUrl}/healthz  ${baseUrl}/readyz`);
  if (boot.coordinator) {
    lines.push('', `  Coordinator login: ${boot.coordinator.email}`);
    if (boot.coordinator.generatedPassword) {
      lines.push(`  Generated password (shown once, write it down): ${boot.coordinator.generatedPassword}`);
    }
  }
  if (boot.demo) {
    lines.push('', '  Demo enrollment codes (valid 30 days):');
    for (const r of boot.demo.residents)
      lines.push(`    resident ${r.name.padEnd(4, '　')} ${r.enrollmentCode}   (${r.points} points)`);
    for (const m of boot.demo.merchants)
      lines.push(`    device   ${m.name.padEnd(4, '　')} ${m.deviceCode}   (merchant no. ${m.number})`);
    lines.push('', '  Open the resident app in one tab and the merchant app in another to try the loop.');
  }
  if (!config.DATABASE_URL)
    lines.push('', `  Data is kept in ${config.DATA_DIR}; set DATABASE_URL to use PostgreSQL.`);
  return `${lines.join('\n')}\n`;
}

/** Whether HOST lets only this machine connect. */
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const masterKey = resolveMasterKey(config, (message) => logger.warn(message));
  const database = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL, statementTimeoutMs: STATEMENT_TIMEOUT_MS }
      : { dataDir: config.DATA_DIR },
  );
  await runMigrations(database);
  const boot = await bootstrap(
    database.db,
    {
      allianceName: config.ALLIANCE_NAME,
      timezone: config.ALLIANCE_TIMEZONE,
      adminEmail: config.ALLIANCE_ADMIN_EMAIL,
      adminPassword: config.ALLIANCE_ADMIN_PASSWORD,
      demo: config.ALLIANCE_DEMO,
      masterKey,
    },
    systemClock,
  );
  const app = createApp({
    db: database.db,
    allianceId: boot.allianceId,
    masterKey,
    clock: systemClock,
    logger,
    ...(config.CORS_ORIGINS ? { corsOrigins: config.CORS_ORIGINS } : {}),
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    loopbackOnly: isLoopback(config.HOST),
    ...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY } : {}),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    webApps: [
      { prefix: 'merchant', dist: `${root}merchant-pwa/dist` },
      { prefix: 'resident', dist: `${root}resident-pwa/dist` },
    ],
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => {
    const baseUrl = config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${config.PORT}`;
    process.stdout.write(
      welcome(config, baseUrl, boot, database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'),
    );
  });

  const sweeper = startExpirySweeper({ db: database.db, clock: systemClock, logger });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      sweeper
        .stop()
        .then(() => database.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    // Keep-alive connections can hold close() open; don't wait forever.
    setTimeout(() => database.close().finally(() => process.exit(0)), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`Failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
