import { describe, expect, it } from 'vitest';
import { recogniseShapes } from './value-shapes.ts';

describe('recognising what a pasted value looks like', () => {
  it.each([
    ['203.0.113.9', ['ipv4', 'text']],
    ['2001:db8::1', ['ipv6', 'text']],
    ['10.0.0.0/8', ['cidr', 'text']],
    ['2001:db8:aaaa::/48', ['cidr', 'text']],
    ['arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef', ['arn', 'text']],
    ['arn:aws:iam::123456789012:user/alice', ['arn', 'text']],
    ['vol-0abc1234def567890', ['aws-resource-id', 'text']],
    ['i-0123abcd', ['aws-resource-id', 'text']],
    ['sg-0123456789abcdef0', ['aws-resource-id', 'text']],
    ['AKIAIOSFODNN7EXAMPLE', ['aws-access-key-id', 'text']],
    ['4bf92f3577b34da6a3ce929d0e0e4736', ['trace-id', 'text']],
    ['00f067aa0ba902b7', ['trace-id', 'text']],
    ['a'.repeat(64), ['container-id', 'text']],
    ['0f8fad5b-d9cb-469f-a165-70867728950e', ['uuid', 'text']],
    ['checkout-api', ['text']],
  ])('%s is %j', (value, shapes) => {
    expect(recogniseShapes(value)).toEqual(shapes);
  });

  it('does not take an out-of-range prefix length for a CIDR', () => {
    expect(recogniseShapes('10.0.0.0/33')).toEqual(['text']);
  });
});
