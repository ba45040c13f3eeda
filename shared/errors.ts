/**
 * The voucher protocol's one way to fail: a `VoucherError` whose `code` is one of the spec's
 * verifying outcomes (docs/voucher-spec.md, "Verifying"). Codecs throw it; verifiers return the code
 * in a result instead, so a sync batch never pays for an exception per bad voucher.
 */

export const VOUCHER_ERROR_CODES = [
  'malformed',
  'unsupported_version',
  'unknown_key',
  'bad_signature',
  'not_yet_valid',
  'expired',
] as const;

export type VoucherErrorCode = (typeof VOUCHER_ERROR_CODES)[number];

export class VoucherError extends Error {
  readonly code: VoucherErrorCode;

  constructor(code: VoucherErrorCode, message?: string) {
    super(message ?? code);
    this.name = 'VoucherError';
    this.code = code;
  }
}

export const isVoucherError = (e: unknown): e is VoucherError => e instanceof VoucherError;
