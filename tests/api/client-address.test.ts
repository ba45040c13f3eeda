/**
 * The caller's address behind reverse proxies: X-Forwarded-For is believed only through proxies
 * the operator trusts, read from the right, so a client cannot pick its own address.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../api/http/client-ip.ts';
import { trustedProxies } from '../../api/trusted-proxies.ts';

function addressSeen(peer: string, forwardedFor: string | undefined, trust: string[]) {
  const app = new Hono();
  const ip = clientAddress(trustedProxies(trust));
  app.get('/', (c) => c.text(ip(c)));
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return Promise.resolve(
    app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } }),
  ).then((r) => r.text());
}

describe('the client address', () => {
  it('with no trusted proxy is the peer, whatever X-Forwarded-For says', async () => {
    expect(await addressSeen('203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
  });

  it('through a trusted proxy is the address the proxy saw', async () => {
    expect(await addressSeen('127.0.0.1', '198.51.100.7', ['127.0.0.1'])).toBe('198.51.100.7');
    expect(await addressSeen('::ffff:10.1.2.3', '198.51.100.7', ['10.0.0.0/8'])).toBe('198.51.100.7');
  });

  it('a forged X-Forwarded-For before the proxy is ignored: the rightmost untrusted hop counts', async () => {
    expect(await addressSeen('127.0.0.1', '1.2.3.4, 198.51.100.7', ['127.0.0.1'])).toBe('198.51.100.7');
    expect(
      await addressSeen('127.0.0.1', '1.2.3.4, 10.0.0.5, 198.51.100.7', ['127.0.0.1', '10.0.0.0/8']),
    ).toBe('198.51.100.7');
    expect(await addressSeen('127.0.0.1', '198.51.100.7, 10.0.0.5', ['127.0.0.1', '10.0.0.0/8'])).toBe(
      '198.51.100.7',
    );
  });

  it('garbage in the header stops the walk at the last address a trusted proxy vouched for', async () => {
    expect(await addressSeen('127.0.0.1', 'not-an-address', ['127.0.0.1'])).toBe('127.0.0.1');
    expect(await addressSeen('127.0.0.1', '', ['127.0.0.1'])).toBe('127.0.0.1');
  });

  it('a bad TRUST_PROXY entry is refused by name', () => {
    expect(() => trustedProxies(['10.0.0.0/40'])).toThrow(/10.0.0.0\/40/);
    expect(() => trustedProxies(['proxy.local'])).toThrow(/proxy.local/);
  });
});
