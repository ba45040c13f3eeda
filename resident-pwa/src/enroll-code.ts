/**
 * The enrollment code as the community staff hand it out: 12 digits printed as 1234-5678-9012,
 * typed with or without dashes and spaces, or scanned from the slip's QR, whose text is the
 * digits or a link to this app ending in #enroll=123456789012.
 */

/** The 12 digits in `text`, or undefined when it holds no enrollment code. */
export function enrollmentCodeFrom(text: string): string | undefined {
  const trimmed = text.trim();
  const link = /[#?&]enroll=([\d\s-]+)/.exec(trimmed);
  const candidate = (link ? link[1]! : trimmed).replace(/[\s-]/g, '');
  return /^\d{12}$/.test(candidate) ? candidate : undefined;
}

/** 123456789012 → 1234-5678-9012, as printed on the slip. */
export const formatEnrollmentCode = (digits: string): string =>
  digits.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1-');
