/**
 * Who is calling, as far as the network can tell: the peer address, or — behind reverse proxies
 * the operator trusts (TRUST_PROXY) — the address those proxies saw. X-Forwarded-For is read from
 * the right, through trusted proxies only, so a client cannot choose its own address by sending
 * the header itself; with no trusted proxy the header is ignored.
 */
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { unmapped } from '../trusted-proxies.ts';

export type ClientAddress = (c: Context) => string;

function peerAddress(c: Context): string {
  try {
    return unmapped(getConnInfo(c).remote.address ?? 'local');
  } catch {
    return 'local'; // requests made in-process (tests) have no socket
  }
}

/** The client address function for these trusted proxies (none: the peer, always). */
export function clientAddress(isTrusted: (address: string) => boolean = () => false): ClientAddress {
  return (c) => {
    let address = peerAddress(c);
    if (!isTrusted(address)) return address;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => unmapped(a.trim()))
      .filter(Boolean);
    for (let i = forwarded.length - 1; i >= 0; i--) {
      const hop = forwarded[i]!;
      if (!isIP(hop)) return address; // garbage: stop at the last address a trusted proxy vouched for
      address = hop;
      if (!isTrusted(hop)) return hop;
    }
    return address;
  };
}
