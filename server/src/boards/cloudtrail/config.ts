import { Type } from 'typebox';
import { configSlice } from '../../core/config.ts';
import { variable } from '../../core/env.ts';

export interface CloudTrailConfig {
  /** Daily indices are `<prefix>YYYY.MM.DD`; existing clusters commonly use `ct-`. */
  indexPrefix: string;
  /** Source networks that are not "unknown" on the CloudTrail board. */
  knownCidrs: string[];
}

declare module '../../core/config.ts' {
  interface BoardConfigs {
    cloudtrail: CloudTrailConfig;
  }
}

/** Private and loopback networks: what is "known" when KNOWN_CIDRS is not set. */
export const DEFAULT_KNOWN_CIDRS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  'fc00::/7',
  '::1/128',
];

const variables = Type.Object({
  CLOUDTRAIL_INDEX_PREFIX: variable.string({
    description: "CloudTrail daily indices are `<prefix>YYYY.MM.DD` (the event's UTC day)",
    default: 'ct-',
  }),
  KNOWN_CIDRS: variable.list({
    description: 'networks whose calls are not "unknown IPs" (IPv4 and IPv6, comma-separated)',
    default: DEFAULT_KNOWN_CIDRS,
  }),
});

export const cloudtrailConfig = configSlice(variables, (read): CloudTrailConfig => {
  return {
    indexPrefix: read.indexPrefix('CLOUDTRAIL_INDEX_PREFIX'),
    knownCidrs: read.cidrs('KNOWN_CIDRS'),
  };
});
