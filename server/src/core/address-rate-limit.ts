import type { FastifyReply, FastifyRequest } from 'fastify';

export interface AddressRateLimitOptions {
  /** Requests per address per minute; 0 turns the limit off. */
  perMinute: number;
  /** The variable that sets it, named in the 429. */
  variable: string;
  /** Addresses tracked at once; past this the window starts over (memory stays bounded). */
  maxAddresses?: number;
}

/**
 * A fixed one-minute window per source address, for an endpoint without credentials (SNS): it
 * runs in `onRequest`, before the body is read or parsed, so a flood costs a map lookup each.
 */
export function addressRateLimit(options: AddressRateLimitOptions) {
  const maxAddresses = options.maxAddresses ?? 10_000;
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (options.perMinute === 0) return;
    const now = Date.now();
    if (now - windowStart >= 60_000 || counts.size >= maxAddresses) {
      windowStart = now;
      counts = new Map();
    }
    const count = (counts.get(request.ip) ?? 0) + 1;
    counts.set(request.ip, count);
    if (count > options.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
      reply.header('retry-after', String(retryAfter));
      throw Object.assign(
        new Error(
          `rate limit: more than ${options.perMinute} requests a minute from this address ` +
            `(${options.variable}); retry in ${retryAfter} s`,
        ),
        { statusCode: 429 },
      );
    }
  };
}
