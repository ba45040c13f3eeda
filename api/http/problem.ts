/**
 * RFC 9457 problem documents. Every error the API answers is one of these: the registered code
 * as `type` (a relative URI the clients switch on), the registry's words as `title` (zh-CN when
 * the caller's Accept-Language prefers Chinese, else English), the specific English `detail`
 * when there is one, and the request id as `instance`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ProblemLang, problemWords } from '../../shared/problems.ts';
import { AppError } from '../errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extra: string]: unknown;
}

/** zh when the first language the caller asks for is Chinese. */
export function preferredLang(acceptLanguage: string | undefined): ProblemLang {
  return /^\s*zh\b/i.test(acceptLanguage ?? '') ? 'zh' : 'en';
}

export function problemBody(error: AppError, lang: ProblemLang, requestId?: string): Problem {
  return {
    type: error.code,
    title: problemWords(error.code, lang),
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.details ?? {}),
    ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
  };
}

export function problem(c: Context, error: AppError): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  const body = problemBody(error, preferredLang(c.req.header('accept-language')), requestId);
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  // Every 429 and 503 says when to come back, in the header as well as the body.
  const retryAfter = error.details?.retryAfter;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, headers);
}

export const notFoundError = (path: string) =>
  new AppError('not_found', { message: `no route for ${path}`, detail: `Nothing is here: ${path}.` });
