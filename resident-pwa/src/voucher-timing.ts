/**
 * When the code screen fetches a fresh code, and what the countdown shows, by the server's
 * clock as this phone estimates it (a phone's own clock is often minutes off).
 */

/** Fetch the next code this long before the current one expires. */
export const RENEW_BEFORE_MS = 30_000;
/**
 * Server clock minus device clock. The server stamped `serverTime` somewhere between sending
 * and receiving, so assume the middle.
 */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  return Date.parse(serverTime) - (sentAt + receivedAt) / 2;
}

/** Milliseconds from `serverNow` until the next code should be fetched. */
export function renewDelay(expiresAtMs: number, issuedAtMs: number, serverNow: number): number {
  const lifetime = expiresAtMs - issuedAtMs;
  // A short code renews at its midpoint rather than never showing a stable code.
  const lead = Math.min(RENEW_BEFORE_MS, lifetime / 2);
  return Math.max(expiresAtMs - lead - serverNow, 0);
}

/** "2:41": whole seconds left, never negative. */
export function countdown(expiresAtMs: number, serverNow: number): string {
  const seconds = Math.max(0, Math.ceil((expiresAtMs - serverNow) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The quick choices of cap beside the default: round amounts below what is available, then all
 * of it. The default itself comes first.
 */
export function capChoices(defaultCap: number, available: number): number[] {
  const choices = [defaultCap, ...[20, 50, 100, 200, 500].filter((n) => n < available), available];
  return [...new Set(choices.filter((n) => n >= 1 && n <= available))].sort((a, b) => a - b);
}
