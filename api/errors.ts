/**
 * One way to fail. A domain error carries a stable code (the problem+json `type` the PWAs and
 * POS systems switch on), an internal message for logs, and words a person can act on.
 */
export interface AppErrorOptions {
  /** For logs and developers; may name ids and internals. */
  message?: string;
  /** Shown to the person who made the request; says what to do. */
  userMessage: string;
  /** HTTP status when the error reaches a route. */
  status?: number;
  /** Extra members of the problem document (e.g. the field that was wrong). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, options: AppErrorOptions) {
    super(options.message ?? options.userMessage);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage;
    this.status = options.status ?? 400;
    this.details = options.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
