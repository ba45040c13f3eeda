/**
 * The one text rule (shared/text.ts) applied to every request before any route sees it: the
 * path and query must be valid percent-encoded UTF-8, and no string anywhere in them or in a JSON
 * or form body may hold a NUL, a lone surrogate or a control character. The schemas say the same
 * field by field; this guard covers the field nobody thought of, so PostgreSQL never sees 0x00.
 * Device record batches are exempt: each record there is answered on its own (`bad_record`).
 */
import type { MiddlewareHandler } from 'hono';
import { firstBadChar } from '../../shared/text.ts';
import { AppError } from '../errors.ts';

const PER_RECORD_BODIES = new Set(['/v1/redemptions/sync']);

function refuse(where: string, field: string): never {
  const message = 'must not contain control characters or broken Unicode';
  throw new AppError('invalid_request', {
    detail: `Check the request: ${field}: ${message}`,
    details: { errors: [{ in: where, field, message }] },
  });
}

function checkUrl(url: string): void {
  const [pathAndQuery] = url.split('#');
  const start = pathAndQuery!.indexOf('/', pathAndQuery!.indexOf('//') + 2);
  const rest = pathAndQuery!.slice(start);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest.replace(/\+/g, ' '));
  } catch {
    refuse('url', 'address');
  }
  if (firstBadChar(decoded) >= 0) refuse('url', 'address');
}

function checkValue(value: unknown, where: string, path: string): void {
  if (typeof value === 'string') {
    if (firstBadChar(value) >= 0) refuse(where, path || where);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkValue(v, where, `${path}.${i}`);
  } else if (value && typeof value === 'object' && !(value instanceof Blob)) {
    for (const [k, v] of Object.entries(value)) {
      if (firstBadChar(k) >= 0) refuse(where, path || where);
      checkValue(v, where, path ? `${path}.${k}` : k);
    }
  }
}

export const cleanInput: MiddlewareHandler = async (c, next) => {
  checkUrl(c.req.url);
  const type = c.req.header('content-type') ?? '';
  if (!PER_RECORD_BODIES.has(c.req.path) && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    if (/^application\/([\w.-]+\+)?json/i.test(type)) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return next(); // the route's validator answers malformed_json
      }
      checkValue(body, 'json', '');
    } else if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
      checkValue(await c.req.parseBody({ all: true }), 'form', '');
    }
  }
  await next();
};
