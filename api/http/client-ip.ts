/**
 * Who is calling, as far as the network can tell: the peer address, or — behind reverse proxies
 * the operator trusts (TRUST_PROXY) — the address those proxies saw. X-Forwarded-For is read from
 * the right, through trusted proxies only, so a client cannot choose its own address by sending
 * the header itself; with no trusted proxy the header is ignored.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export type ClientAddress = (c: Context) => string;

/** Parses "127.0.0.1, 10.0.0.0/8, ::1" into a matcher; throws naming the bad entry. */
export function trustedProxies(list: string[]): (address: string) => boolean {
  const trusted = new BlockList();
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`${entry} is not an IP address or CIDR`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address!, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
        throw new Error(`${entry} has a bad prefix length`);
      trusted.addSubnet(address!, prefix, type);
    }
  }
  return (address) => {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** "::ffff:127.0.0.1" is 127.0.0.1. */
const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

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
