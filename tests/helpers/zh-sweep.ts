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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** What a person sees of a page: its text, and the words in placeholders, titles, labels and buttons. */
export function visibleText(html: string): string {
  const body = html
    .replace(/<head[\s\S]*?<\/head>/i, '')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<input[^>]*type="hidden"[^>]*>/gi, ' ');
  const attributes = [...body.matchAll(/\b(placeholder|title|aria-label|alt)="([^"]*)"/g)].map((m) => m[2]);
  const buttons = [...body.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g)].map(
    (m) => m[1],
  );
  // A web address (printed on slips for phones that cannot scan) is not a word.
  const text = body.replace(/<[^>]+>/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  return [text, ...attributes, ...buttons]
    .join(' ')
    .replace(/&(#?\w+);/g, (all, name) => ENTITIES[name] ?? all);
}
