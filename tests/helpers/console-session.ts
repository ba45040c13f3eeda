/**
 * A browser-like session for console tests: cookies kept between requests, form posts with the
 * same-origin Origin header (the console's CSRF check), multipart when given FormData.
 */
export const CONSOLE_ORIGIN = 'http://localhost';

type Requester = { request(input: string, init?: RequestInit): Response | Promise<Response> };

export function consoleSession(app: () => Requester) {
  let cookies = '';
  return {
    async request(method: string, path: string, body?: Record<string, string> | FormData): Promise<Response> {
      const form = body instanceof FormData ? body : body ? new URLSearchParams(body).toString() : undefined;
      const res = await app().request(`${CONSOLE_ORIGIN}${path}`, {
        method,
        headers: {
          cookie: cookies,
          ...(body ? { origin: CONSOLE_ORIGIN } : {}),
          ...(body && !(body instanceof FormData)
            ? { 'content-type': 'application/x-www-form-urlencoded' }
            : {}),
        },
        ...(form ? { body: form } : {}),
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [name] = pair!.split('=');
        cookies = [...cookies.split('; ').filter((x) => x && !x.startsWith(`${name}=`)), pair].join('; ');
      }
      return res;
    },
    /** Forgets every cookie, as a new browser would. */
    clear() {
      cookies = '';
    },
  };
}
