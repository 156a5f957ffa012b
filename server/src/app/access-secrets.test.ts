import { describe, expect, it } from 'vitest';
import { addressMatcher, SecretSet, tokenFingerprint } from './access-secrets.ts';

describe('secrets compared in constant time', () => {
  const secrets = new SecretSet(['first-token-0123456789abcdef', 'second-token-0123456789abcdef']);

  it('finds which configured secret matches', () => {
    expect(secrets.indexOf('first-token-0123456789abcdef')).toBe(0);
    expect(secrets.indexOf('second-token-0123456789abcdef')).toBe(1);
  });

  it('refuses prefixes, extensions, other cases and the empty string', () => {
    for (const guess of [
      'first-token',
      'first-token-0123456789abcdefX',
      'FIRST-TOKEN-0123456789ABCDEF',
      '',
    ]) {
      expect(secrets.indexOf(guess), guess).toBe(-1);
    }
  });

  it('names a token by a short fingerprint that does not contain it', () => {
    const fingerprint = tokenFingerprint('first-token-0123456789abcdef');
    expect(fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprint).toBe(tokenFingerprint('first-token-0123456789abcdef'));
    expect(fingerprint).not.toBe(tokenFingerprint('second-token-0123456789abcdef'));
  });
});

describe('trusted proxy addresses', () => {
  const trusted = addressMatcher(['10.9.0.0/24', '2001:db8:9::/64']);

  it('matches IPv4, IPv6 and IPv4-mapped IPv6 peers inside the networks', () => {
    expect(trusted('10.9.0.200')).toBe(true);
    expect(trusted('::ffff:10.9.0.7')).toBe(true);
    expect(trusted('2001:db8:9::1')).toBe(true);
  });

  it('refuses everything else, including no address at all', () => {
    for (const address of [
      '10.9.1.1',
      '::ffff:10.9.1.1',
      '2001:db8:a::1',
      '127.0.0.1',
      'not-an-ip',
      undefined,
    ]) {
      expect(trusted(address), String(address)).toBe(false);
    }
  });
});
