/**
 * Tells a database that is down or unreachable from a query that is wrong, so the API answers an
 * outage with 503 service_unavailable and Retry-After (clients keep the request and come back)
 * rather than 500 internal_error. Looks through drizzle's wrapper: the driver's error is a cause.
 */
import { AppError } from '../errors.ts';

/** Seconds a client is told to wait: postgres.js reconnects on the next query once the server is back. */
const RETRY_AFTER_S = 5;

/** What Node's sockets and postgres.js report when the server cannot be reached or went away. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * SQLSTATEs of a server that is shutting down, starting, crashed or full, and 57014: a statement
 * cancelled by statement_timeout (a database too slow to answer is, to a client, one that is down).
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '57P05', '53300', '57014']);

const codeOf = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const isUnavailableCode = (code: string): boolean =>
  CONNECTION_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code);

/** The error and its causes (and an AggregateError's members), nearest first, a few levels deep. */
function chain(e: unknown, depth = 0): unknown[] {
  if (!e || typeof e !== 'object' || depth > 5) return [];
  const members = e instanceof AggregateError ? e.errors.flatMap((m) => chain(m, depth + 1)) : [];
  return [e, ...members, ...chain((e as { cause?: unknown }).cause, depth + 1)];
}

export function isDatabaseUnavailable(e: unknown): boolean {
  return chain(e).some((link) => {
    const code = codeOf(link);
    return code !== undefined && isUnavailableCode(code);
  });
}

/**
 * What to log about an outage: the driver's code and message only. Drizzle's own message quotes the
 * query and its parameters (ids, amounts, voucher texts), so it is never the one logged.
 */
export function databaseFailure(e: unknown): { code?: string; message?: string } {
  const link = chain(e).find((l) => codeOf(l) !== undefined) as { code: string; message?: unknown };
  if (!link) return {};
  return { code: link.code, ...(typeof link.message === 'string' ? { message: link.message } : {}) };
}

export const databaseUnavailable = () =>
  new AppError('service_unavailable', { details: { retryAfter: RETRY_AFTER_S } });
