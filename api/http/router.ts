/**
 * Every API area is an OpenAPIHono router made here, so all of them validate alike: a zod
 * failure becomes one problem+json `invalid_request` listing each bad field and what to fix.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { AppError } from '../errors.ts';
import { problem } from './problem.ts';

/** What every route has; the auth middleware adds the principal (and a device's row) by role. */
export type AppEnv = { Variables: { requestId: string } };

export function validationError(error: ZodError, target: string): AppError {
  const errors = error.issues.map((i) => ({
    in: target,
    field: i.path.join('.') || target,
    message: i.message,
  }));
  return new AppError('invalid_request', {
    message: `invalid ${target}`,
    detail: `Check the request: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    details: { errors },
  });
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return problem(c, validationError(result.error, result.target));
    },
  });
}
