/** The demo's accounts, regions and networks, shared by the scenarios and the file writer. */

/**
 * Networks the demo treats as "ours": offices and VPN, VPCs and CI runners, the IPv6 office range.
 * All lie inside the default KNOWN_CIDRS (private ranges), so `npm start` shows only the
 * demo's intended unknown callers.
 */
export const DEMO_KNOWN_CIDRS = ['10.0.0.0/8', '192.168.0.0/16', 'fd00:aaaa::/48'] as const;

export const DEMO_ACCOUNTS = [
  { id: '111122223333', name: 'prod' },
  { id: '444455556666', name: 'staging' },
  { id: '777788889999', name: 'security' },
] as const;

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'] as const;

/** Events per day, all accounts and regions together, at scale 1. */
export const DEMO_EVENTS_PER_DAY = 20_000;

/** The IAM user behind the AccessDenied burst, and where it calls from. */
export const DEMO_DENIED_USER = {
  account: '444455556666',
  userName: 'contractor-dev',
  sourceIp: '198.51.100.23',
};

export type AccountKind = (typeof DEMO_ACCOUNTS)[number]['name'];
export type Json = Record<string, unknown>;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
