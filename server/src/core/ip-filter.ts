import { isIP } from 'node:net';
import { BadParameterError } from './time-range.ts';

/**
 * An address (`203.0.113.7`, `2001:db8::1`) or a network (`203.0.113.0/24`) as an `ip` field's
 * terms query takes it; anything else is a 400 naming the parameter, before any search — the
 * engine would otherwise fail the shard and answer "0 events, partial".
 */
export function checkIpOrCidr(parameter: string, values: readonly string[] | undefined): void {
  for (const value of values ?? []) {
    const [address = '', prefix, extra] = value.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new BadParameterError(
        parameter,
        `must be an IP address or CIDR such as 203.0.113.7 or 203.0.113.0/24, got "${value.slice(0, 64)}"`,
      );
    }
  }
}
