/**
 * How a voucher becomes a QR code, for every renderer (the resident PWA, the CLI): one numeric
 * segment at error correction M, which fits the 236 digits in version 6 (docs/voucher-spec.md, "Why
 * digits"). Plain data, so this module needs no QR library of its own.
 */

export const VOUCHER_QR_ERROR_CORRECTION = 'M' as const;
/** The symbol version a v1 voucher yields at level M. */
export const VOUCHER_QR_VERSION = 6;

/** The segment list for the `qrcode` package; throws unless the text is digits only. */
export function voucherQrSegments(text: string): { mode: 'numeric'; data: string }[] {
  const digits = text.trim();
  if (!/^[0-9]+$/.test(digits)) throw new TypeError('a voucher text is digits only');
  return [{ mode: 'numeric', data: digits }];
}
