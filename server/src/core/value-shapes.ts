import { isIP } from 'node:net';

/**
 * What a pasted value looks like. Finders say which shapes they can match, so a value only reaches
 * the fields that can hold it: an `ip` field given "vol-0abc" is a 400 from the engine, and a
 * 64-hex container id is pointless against an eventID.
 */
export type ValueShape =
  | 'ipv4'
  | 'ipv6'
  | 'cidr'
  | 'arn'
  | 'aws-resource-id'
  | 'aws-access-key-id'
  | 'trace-id'
  | 'container-id'
  | 'uuid'
  /** Any value at all: a service name, a principal, a hotel id. */
  | 'text';

export const SHAPE_LABELS: Record<ValueShape, string> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  cidr: 'CIDR block',
  arn: 'AWS ARN',
  'aws-resource-id': 'AWS resource id',
  'aws-access-key-id': 'AWS access key id',
  'trace-id': 'trace id',
  'container-id': 'container id',
  uuid: 'UUID',
  text: 'text',
};

/** The address-like shapes: what an `ip` field accepts. */
export const IP_SHAPES: readonly ValueShape[] = ['ipv4', 'ipv6', 'cidr'];

function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const address = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const family = isIP(address);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Every specific shape the value has, most specific first; `text` always comes last. */
export function recogniseShapes(value: string): ValueShape[] {
  const shapes: ValueShape[] = [];
  const family = isIP(value);
  if (family === 4) shapes.push('ipv4');
  if (family === 6) shapes.push('ipv6');
  if (isCidr(value)) shapes.push('cidr');
  if (/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:\S+$/.test(value)) shapes.push('arn');
  // EC2-style ids: vol-, i-, sg-, subnet-, vpc-, eni-, ami-, snap- (8 or 17 hex digits).
  if (/^(vol|i|sg|subnet|vpc|eni|ami|snap)-[0-9a-f]{8}([0-9a-f]{9})?$/.test(value))
    shapes.push('aws-resource-id');
  if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(value)) shapes.push('aws-access-key-id');
  if (/^([0-9a-f]{16}|[0-9a-f]{32})$/i.test(value)) shapes.push('trace-id');
  if (/^[0-9a-f]{64}$/i.test(value)) shapes.push('container-id');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) shapes.push('uuid');
  shapes.push('text');
  return shapes;
}
