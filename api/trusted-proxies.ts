/**
 * The reverse proxies the operator trusts (TRUST_PROXY: addresses or CIDRs): parsed once, at
 * start, by the configuration (so a bad entry stops the start by name) and used by the HTTP
 * layer to read X-Forwarded-For through them only.
 */
import { BlockList, isIP } from 'node:net';

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
export const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
