/**
 * Builds the one Hono app from its dependencies. Nothing here reads the environment or
 * listens: server.ts does that, and tests build the app on a fresh database with a fixed clock.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { type Clock, systemClock } from './clock.ts';
import type { Db } from './db/client.ts';
import { AppError, isAppError } from './errors.ts';
import { healthRoutes } from './http/health.ts';
import { landingPage } from './http/landing.tsx';
import { internalError, notFoundError, problem } from './http/problem.ts';
import { type WebApp, webAppRoutes } from './http/web-apps.ts';
import { type Logger, silentLogger } from './logger.ts';

export interface AppDeps {
  db: Db;
  /** The alliance this instance serves (the first one, created at start-up). */
  allianceId: string;
  clock?: Clock;
  logger?: Logger;
  /** Built PWAs to serve; omitted in API tests. */
  webApps?: WebApp[];
}

export type AppEnv = { Variables: { requestId: string } };

/** Largest request body accepted: a sync batch of a few hundred records fits easily. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger;
  const clock = deps.clock ?? systemClock;
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(
          c,
          new AppError('payload_too_large', {
            status: 413,
            userMessage: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB. Send fewer records per request.`,
          }),
        ),
    }),
  );

  app.route('/', healthRoutes({ db: deps.db }));
  app.get('/', (c) => c.html(landingPage({ now: clock.now() })));
  if (deps.webApps) app.route('/', webAppRoutes(deps.webApps));

  app.notFound((c) => problem(c, notFoundError(c.req.path)));
  app.onError((err, c) => {
    if (isAppError(err)) return problem(c, err);
    logger.error({ reqId: c.get('requestId'), err }, 'unhandled error');
    return problem(c, internalError());
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
