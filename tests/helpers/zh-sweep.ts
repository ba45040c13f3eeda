/**
 * The zh-CN sweep: every word a Chinese-speaking user reads must be Chinese. A test renders a
 * screen or a printout in zh-CN, hands its visible text here, and fails on any Latin word that
 * is not in the short list of words Chinese users read as they are (POS, CSV, QR…). Numbers,
 * amounts (¥12.50), times and punctuation pass.
 */

/** Latin words a zh-CN reader meets as they are. "English" is the language switch's own label. */
export const ALLOWED_LATIN = new Set(['POS', 'CSV', 'PDF', 'QR', 'PIN', 'A4', 'English', 'Wi-Fi', 'WiFi']);

/** Latin words (two letters or more, or a lone letter beside digits like "v2") not on the list. */
export function latinWords(text: string, allowed: ReadonlySet<string> = ALLOWED_LATIN): string[] {
  const found = text.match(/[A-Za-z][A-Za-z_-]*[A-Za-z]|[A-Za-z]/g) ?? [];
  return [...new Set(found.filter((word) => !allowed.has(word)))];
}
