/**
 * Builds the one Hono app from its dependencies. Nothing here reads the environment or
 * listens: server.ts does that, and tests build the app on a fresh database with a fixed clock.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { deriveTokenKeys } from './auth/tokens.ts';
import { type Clock, systemClock } from './clock.ts';
import { consoleRoutes } from './console/routes.tsx';
import type { Db } from './db/client.ts';
import { enrollmentCodeKey } from './directory/enrollment.ts';
import { AppError } from './errors.ts';
import { cleanInput } from './http/clean-input.ts';
import { clientAddress } from './http/client-ip.ts';
import type { RouteDeps } from './http/deps.ts';
import { apiReferencePage } from './http/docs-page.tsx';
import { asProblem } from './http/failure.ts';
import { healthRoutes } from './http/health.ts';
import { landingPage } from './http/landing.tsx';
import { loggedPath } from './http/log-path.ts';
import { createMetrics } from './http/metrics.ts';
import { notFoundError, problem } from './http/problem.ts';
import { createRouter } from './http/router.ts';
import { screenPageRoutes } from './http/screen-page.tsx';
import { type WebApp, webAppRoutes } from './http/web-apps.ts';
import { LedgerCache } from './ledger/accounts.ts';
import { registerLedgerGauges } from './ledger/metrics.ts';
import { type Logger, silentLogger } from './logger.ts';
import { trustedProxies } from './trusted-proxies.ts';
import { activityRoutes } from './v1/activities.ts';
import { authRoutes } from './v1/auth.ts';
import { awardRoutes } from './v1/awards.ts';
import { cardRoutes, merchantCardRoutes, posCardRoutes, residentCardRoutes } from './v1/cards.ts';
import { claimRoutes } from './v1/claims.ts';
import { conflictRoutes } from './v1/conflicts.ts';
import { couponRoutes } from './v1/coupons.ts';
import { deductionRoutes } from './v1/deductions.ts';
import { enrollRoutes } from './v1/enroll.ts';
import { evidenceRoutes } from './v1/evidence.ts';
import { feedRoutes } from './v1/feed.ts';
import { goodsRoutes } from './v1/goods.ts';
import { grantRoutes } from './v1/grants.ts';
import { inspectionTemplateRoutes } from './v1/inspection-templates.ts';
import { inspectionRoutes } from './v1/inspections.ts';
import { jwksRoutes } from './v1/jwks.ts';
import { meRoutes } from './v1/me.ts';
import { merchantDeviceRoutes } from './v1/merchant.ts';
import { deviceRoutes, merchantRoutes } from './v1/merchants.ts';
import { posRoutes } from './v1/pos.ts';
import { rankingRoutes } from './v1/rankings.ts';
import { redemptionRoutes } from './v1/redemptions.ts';
import { householdRoutes, residentRoutes } from './v1/residents.ts';
import { ruleRoutes } from './v1/rules.ts';
import { scoringRoutes } from './v1/scoring.ts';
import { screenRoutes } from './v1/screen.ts';
import { screenLinkRoutes } from './v1/screens.ts';
import { settlementRoutes } from './v1/settlement.ts';
import { sheetRoutes } from './v1/sheets.ts';
import { staffRoutes } from './v1/staff.ts';
import { voucherRoutes } from './v1/vouchers.ts';
import { KeyIndexCache } from './vouchers/record-verifier.ts';

export interface AppDeps {
  db: Db;
  /** The alliance this instance serves (the first one, created at start-up). */
  allianceId: string;
  /** 32 bytes: encrypts signing keys at rest and derives the access-token key. */
  masterKey: Uint8Array;
  clock?: Clock;
  logger?: Logger;
  /** Built PWAs to serve; omitted in API tests. */
  webApps?: WebApp[];
  /** Origins allowed to call the API from a browser (the PWAs are same-origin and need none). */
  corsOrigins?: string[];
  /** When set, /metrics needs `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /**
   * True when the server listens on loopback only: then /metrics may be read without a token.
   * Otherwise, with no token configured, /metrics is closed.
   */
  loopbackOnly?: boolean;
  /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-For is believed. */
  trustProxy?: string[];
  /** Where people reach the platform (e.g. https://points.example.cn): the console's origin. */
  publicUrl?: string;
}

/** Largest request body accepted: a sync batch of a few hundred records fits easily. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger;
  const clock = deps.clock ?? systemClock;
  const metrics = createMetrics();
  const routeDeps: RouteDeps = {
    db: deps.db,
    clock,
    allianceId: deps.allianceId,
    tokenKeys: deriveTokenKeys(deps.masterKey),
    masterKey: deps.masterKey,
    codeKey: enrollmentCodeKey(deps.masterKey),
    logger,
    metrics,
    ledgerCache: new LedgerCache(),
    keyIndexCache: new KeyIndexCache(clock),
    countOutcome: (outcome, channel) => metrics.recordOutcome(outcome, channel),
    clientIp: clientAddress(trustedProxies(deps.trustProxy ?? [])),
    publicOrigin: deps.publicUrl ? new URL(deps.publicUrl).origin : undefined,
  };
  const app = createRouter();

  registerLedgerGauges(metrics.gauge, routeDeps);
  app.use(requestId());
  app.use(metrics.middleware);
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Method, path and status only: bodies and headers may hold tokens or keys, and a token in
    // the path (a screen link's, a door plate's) is written as :token.
    logger.info(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    secureHeaders({
      // The PWAs need camera access for scanning; everything else stays off.
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
      crossOriginEmbedderPolicy: false,
      // No script but our own files, on every page (console, phone apps, docs): an injected
      // <script> or inline handler does not run. Inline styles stay allowed (the console's pages
      // carry their own <style>; style cannot run code).
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    }),
  );
  if (deps.corsOrigins?.length) app.use('/v1/*', cors({ origin: deps.corsOrigins, maxAge: 600 }));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(
          c,
          c.req.path === '/v1/evidence' || GOOD_PHOTO.test(c.req.path)
            ? new AppError('evidence_too_large', {
                detail: `A photo may be at most ${MAX_BODY_BYTES} bytes.`,
              })
            : new AppError('payload_too_large', {
                detail: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB. Send fewer records per request.`,
              }),
        ),
    }),
  );
  app.use('/v1/*', requireJsonBody);
  app.use('/v1/*', cleanInput);
  app.use('/console/*', cleanInput);

  app.route('/', healthRoutes({ db: deps.db }));
  app.get('/metrics', async (c) => {
    const open = !deps.metricsToken && deps.loopbackOnly;
    if (!open && (!deps.metricsToken || c.req.header('authorization') !== `Bearer ${deps.metricsToken}`)) {
      throw new AppError('metrics_token_required', {
        detail: deps.metricsToken
          ? 'Send Authorization: Bearer <METRICS_TOKEN>.'
          : 'Set METRICS_TOKEN (or listen on loopback only, HOST=127.0.0.1) to read /metrics.',
      });
    }
    const { registry } = metrics;
    return c.text(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
  // Each area at the prefix its paths name: the folder api/v1 has one file per prefix.
  app.route('/v1/auth', authRoutes(routeDeps));
  app.route('/v1/enroll', enrollRoutes(routeDeps));
  app.route('/v1/residents', residentRoutes(routeDeps));
  app.route('/v1/residents', residentCardRoutes(routeDeps));
  app.route('/v1/cards', cardRoutes(routeDeps));
  app.route('/v1/households', householdRoutes(routeDeps));
  app.route('/v1/merchants', merchantRoutes(routeDeps));
  app.route('/v1/devices', deviceRoutes(routeDeps));
  app.route('/v1/goods', goodsRoutes(routeDeps));
  app.route('/v1/grants', grantRoutes(routeDeps));
  app.route('/v1/me/coupons', couponRoutes(routeDeps));
  app.route('/v1/me', meRoutes(routeDeps));
  app.route('/v1/vouchers', voucherRoutes(routeDeps));
  app.route('/v1/merchant', merchantDeviceRoutes(routeDeps));
  app.route('/v1/merchant', merchantCardRoutes(routeDeps));
  app.route('/v1/redemptions', redemptionRoutes(routeDeps));
  app.route('/v1/pos', posRoutes(routeDeps));
  app.route('/v1/pos', posCardRoutes(routeDeps));
  app.route('/v1/settlement', settlementRoutes(routeDeps));
  app.route('/v1/conflicts', conflictRoutes(routeDeps));
  app.route('/v1/staff', staffRoutes(routeDeps));
  app.route('/v1/rules', ruleRoutes(routeDeps));
  app.route('/v1/evidence', evidenceRoutes(routeDeps));
  app.route('/v1/claims', claimRoutes(routeDeps));
  app.route('/v1/deductions', deductionRoutes(routeDeps));
  app.route('/v1/feed', feedRoutes(routeDeps));
  app.route('/v1/inspection-templates', inspectionTemplateRoutes(routeDeps));
  app.route('/v1/inspections', inspectionRoutes(routeDeps));
  app.route('/v1/scoring', scoringRoutes(routeDeps));
  app.route('/v1/sheets', sheetRoutes(routeDeps));
  app.route('/v1/activities', activityRoutes(routeDeps));
  app.route('/v1/rankings', rankingRoutes(routeDeps));
  app.route('/v1/screens', screenLinkRoutes(routeDeps));
  app.route('/v1/screen', screenRoutes(routeDeps));
  app.route('/v1/awards', awardRoutes(routeDeps));
  app.route('/.well-known', jwksRoutes(routeDeps));
  // A door plate's QR (households/places.ts platePath) opens the inspector's page in the console.
  app.get('/inspect/:token', (c) =>
    c.redirect(`/console/inspect/${encodeURIComponent(c.req.param('token'))}`, 303),
  );
  app.route('/', consoleRoutes(routeDeps));
  // The public screen's page (一屏公示): its link's token rides in the fragment.
  app.route('/', screenPageRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token from /v1/auth/login, /v1/enroll/*, or a POS API key (pos_…)',
  });
  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Civilization points merchant alliance API',
      version: '1',
      description: 'Errors are RFC 9457 problem+json documents whose `type` is a stable code.',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: {
        name: 'The alliance’s operator',
        ...(deps.publicUrl ? { url: new URL('/docs', deps.publicUrl).toString() } : {}),
      },
    },
    // Where clients reach this server: PUBLIC_URL when set (behind a TLS proxy), else wherever
    // this document was fetched from.
    servers: [{ url: deps.publicUrl ? new URL(deps.publicUrl).origin : '/', description: 'This alliance' }],
  };
  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', (c) => c.html(apiReferencePage(app.getOpenAPI31Document(openApiConfig))));
  app.get('/', (c) => c.html(landingPage()));
  if (deps.webApps) app.route('/', webAppRoutes(deps.webApps));

  app.notFound((c) => problem(c, notFoundError(c.req.path)));
  app.onError((err, c) => problem(c, asProblem(err, logger, c.get('requestId'))));
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The two /v1 bodies that are not JSON: a photo's bytes, and a catalogue of rules as CSV. */
const OTHER_BODIES: Record<string, RegExp> = {
  '/v1/evidence': /^image\/(jpeg|png|webp)\s*(;|$)/i,
  '/v1/rules/import': /^text\/csv\s*(;|$)/i,
};
/** A good's photo (PUT /v1/goods/{id}/photo) is an image's bytes too. */
const GOOD_PHOTO = /^\/v1\/goods\/[0-9a-f-]{36}\/photo$/;

/** Every /v1 body is JSON: anything else is refused by name rather than read as an empty object. */
const requireJsonBody: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type');
  const hasBody = c.req.header('content-length') !== '0' && (type || c.req.header('transfer-encoding'));
  const other =
    OTHER_BODIES[c.req.path] ?? (GOOD_PHOTO.test(c.req.path) ? OTHER_BODIES['/v1/evidence'] : undefined);
  if (other && hasBody) {
    if (!other.test(type ?? '')) {
      throw new AppError('unsupported_media_type', {
        detail: `Content-Type ${type ?? '(none)'} is not accepted here.`,
      });
    }
  } else if (hasBody && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type ?? '')) {
    throw new AppError('unsupported_media_type', { detail: `Content-Type ${type ?? '(none)'} is not JSON.` });
  }
  await next();
};
