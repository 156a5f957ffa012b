import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * A set of secrets checked in constant time: both sides are hashed first, so neither the length
 * nor the first differing byte of a guess shows in the timing, and every secret is compared
 * (no early exit) so the timing does not tell which one was close.
 */
export class SecretSet {
  private readonly digests: Buffer[];

  constructor(secrets: readonly string[]) {
    this.digests = secrets.map(digest);
  }

  /** The index of the matching secret, or -1. */
  indexOf(candidate: string): number {
    const given = digest(candidate);
    let found = -1;
    this.digests.forEach((expected, index) => {
      if (timingSafeEqual(given, expected) && found === -1) found = index;
    });
    return found;
  }
}

/**
 * A name for a token that is safe to log and to key the rate limit with: the first 8 hex digits
 * of its SHA-256, stable across restarts and unrelated to its position in the configuration.
 */
export function tokenFingerprint(token: string): string {
  return digest(token).toString('hex').slice(0, 8);
}

/** Matches client addresses against CIDRs; an IPv4-mapped IPv6 address counts as IPv4. */
export function addressMatcher(cidrs: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix = ''] = cidr.split('/');
    list.addSubnet(network, Number(prefix), isIPv4(network) ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return list.check(mapped, 'ipv4');
    return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  };
}
