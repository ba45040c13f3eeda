/** Shared pieces of the OpenAPI description: the problem document and the security scheme. */
import { z } from '@hono/zod-openapi';

export const ProblemDocument = z
  .object({
    type: z
      .string()
      .openapi({ description: 'Stable error code clients switch on', example: 'invalid_request' }),
    title: z.string().openapi({ description: 'What went wrong, in words a person can act on' }),
    status: z.number().int(),
    instance: z.string().optional(),
  })
  .passthrough()
  .openapi('Problem');

const WHY: Record<number, string> = {
  400: 'Invalid request (see `errors`)',
  401: 'Not signed in, or the token is invalid or expired',
  403: 'Signed in, but this role may not do this',
  404: 'No such resource (or not yours)',
  409: 'Conflicts with an earlier request',
  413: 'Body too large',
  429: 'Too many attempts; see retryAfter',
};

export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: WHY[s] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemDocument } },
      },
    ]),
  );
}

export const bearerSecurity = [{ bearer: [] as string[] }];

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

export const okJson = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { content: { 'application/json': { schema } }, description },
});

export const createdJson = <T extends z.ZodType>(schema: T, description: string) => ({
  201: { content: { 'application/json': { schema } }, description },
});
