/**
 * What any error becomes for the person who made the request, at either front door: a
 * registered problem as it is; Hono's own refusals (its CSRF check, its body parsers) as
 * registered codes; a database that cannot be reached as 503 with Retry-After; anything else as
 * internal_error, logged with the statement and SQLSTATE but never the values.
 */
import { HTTPException } from 'hono/http-exception';
import { errorForLog } from '../db/error-log.ts';
import { databaseFailure, databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, isAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export function asProblem(err: unknown, logger: Logger, requestId?: string): AppError {
  if (isAppError(err)) return err;
  if (err instanceof HTTPException && err.status < 500) return fromHttpException(err);
  if (isDatabaseUnavailable(err)) {
    logger.warn({ reqId: requestId, db: databaseFailure(err) }, 'database unavailable');
    return databaseUnavailable();
  }
  logger.error({ reqId: requestId, err: errorForLog(err) }, 'unhandled error');
  return new AppError('internal_error');
}

/** Hono's own refusals (its CSRF check, its body parsers) as registered codes. */
function fromHttpException(err: HTTPException): AppError {
  if (err.status === 403) return new AppError('cross_site_request', { message: err.message });
  if (/json/i.test(err.message)) return new AppError('malformed_json', { message: err.message });
  return new AppError('invalid_request', { message: err.message, detail: err.message });
}
