/**
 * One way to fail. An AppError carries a registered code (shared/problems.ts: its status and its
 * words in both languages), an internal message for logs, and an optional English `detail` that
 * names what exactly was wrong (a field, an amount) for developers and POS vendors.
 */
import { type ProblemCode, problemStatus } from '../shared/problems.ts';

export interface AppErrorOptions {
  /** For logs and developers; may name ids and internals. Never sent. */
  message?: string;
  /** Sent as the problem's `detail`: what exactly was wrong, in English. */
  detail?: string;
  /** Extra members of the problem document (e.g. the fields that were wrong, `retryAfter`). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ProblemCode, options: AppErrorOptions = {}) {
    super(options.message ?? options.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.status = problemStatus(code);
    this.detail = options.detail;
    this.details = options.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
