/**
 * RFC 9457 problem documents. Every error the API answers is one of these, with the stable
 * code as `type` (a relative URI the clients switch on) and words a person can act on.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extra: string]: unknown;
}

export function problem(c: Context, error: AppError): Response {
  const body: Problem = {
    type: error.code,
    title: error.userMessage,
    status: error.status,
    ...(error.details ?? {}),
  };
  const requestId = c.get('requestId' as never) as string | undefined;
  if (requestId) body.instance = `urn:request:${requestId}`;
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

export const notFoundError = (path: string) =>
  new AppError('not_found', {
    status: 404,
    message: `no route for ${path}`,
    userMessage: `Nothing is here: ${path}. Check the address.`,
  });

export const internalError = () =>
  new AppError('internal_error', {
    status: 500,
    userMessage:
      'Something went wrong on the server. Try again; if it keeps happening, tell the alliance coordinator.',
  });
