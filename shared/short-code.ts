/**
 * The 码号: eight digits a resident can read out when the shop's scanner will not read the QR
 * (a cracked or dim screen). Derived from the voucher id, shown by the resident app, typed by the
 * shopkeeper; the merchant app asks the API for the voucher it stands for (online only).
 */
const DIGITS = 8;

/** The short code of a voucher id (24 hex): its last 48 bits, modulo 10⁸, as 8 digits. */
export function shortCodeOf(voucherId: string): string {
  return (BigInt(`0x${voucherId.slice(-12)}`) % 10n ** BigInt(DIGITS)).toString().padStart(DIGITS, '0');
}

/** "12345678" as "1234 5678", easier to read aloud. */
export const formatShortCode = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`;

/** The digits of a typed short code (spaces and dashes dropped), or undefined when it is not one. */
export function parseShortCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) ? digits : undefined;
}
