import { describe, expect, it } from 'vitest';
import { allowedHttpsUrl, hostAllowed, SnsRefusedError, stringToSign } from './verify.ts';

const base = {
  MessageId: 'm-1',
  TopicArn: 'arn:aws:sns:eu-west-1:123456789012:deploys',
  Message: 'line one\nline two',
  Timestamp: '2026-11-26T12:00:00.000Z',
};

describe('SNS signature rules', () => {
  it('signs a Notification over Message, MessageId, Subject, Timestamp, TopicArn, Type', () => {
    expect(stringToSign({ ...base, Type: 'Notification', Subject: 'hello' })).toBe(
      'Message\nline one\nline two\nMessageId\nm-1\nSubject\nhello\nTimestamp\n2026-11-26T12:00:00.000Z\n' +
        'TopicArn\narn:aws:sns:eu-west-1:123456789012:deploys\nType\nNotification\n',
    );
  });

  it('leaves Subject out when the Notification has none', () => {
    expect(stringToSign({ ...base, Type: 'Notification' })).not.toContain('Subject');
  });

  it('signs a SubscriptionConfirmation over SubscribeURL and Token too, and refuses one without them', () => {
    const text = stringToSign({
      ...base,
      Type: 'SubscriptionConfirmation',
      SubscribeURL: 'https://x/',
      Token: 't',
    });
    expect(text).toBe(
      'Message\nline one\nline two\nMessageId\nm-1\nSubscribeURL\nhttps://x/\nTimestamp\n2026-11-26T12:00:00.000Z\n' +
        'Token\nt\nTopicArn\narn:aws:sns:eu-west-1:123456789012:deploys\nType\nSubscriptionConfirmation\n',
    );
    expect(() => stringToSign({ ...base, Type: 'UnsubscribeConfirmation' })).toThrow(SnsRefusedError);
  });

  it('allows certificate hosts by pattern, one label per *', () => {
    const patterns = ['sns.*.amazonaws.com'];
    expect(hostAllowed('sns.eu-west-1.amazonaws.com', patterns)).toBe(true);
    expect(hostAllowed('SNS.us-east-1.AMAZONAWS.com', patterns)).toBe(true);
    expect(hostAllowed('sns.evil.example.amazonaws.com', patterns)).toBe(false);
    expect(hostAllowed('sns.eu-west-1.amazonaws.com.evil.org', patterns)).toBe(false);
    expect(hostAllowed('evil.org', patterns)).toBe(false);
  });

  it('takes only HTTPS URLs on allowed hosts', () => {
    const patterns = ['sns.*.amazonaws.com'];
    expect(
      allowedHttpsUrl('https://sns.eu-west-1.amazonaws.com/cert.pem', patterns, 'SigningCertURL').hostname,
    ).toBe('sns.eu-west-1.amazonaws.com');
    expect(() =>
      allowedHttpsUrl('http://sns.eu-west-1.amazonaws.com/c.pem', patterns, 'SigningCertURL'),
    ).toThrow(/not HTTPS/);
    expect(() => allowedHttpsUrl('https://evil.org/c.pem', patterns, 'SigningCertURL')).toThrow(
      /evil\.org is not in/,
    );
    expect(() => allowedHttpsUrl(undefined, patterns, 'SigningCertURL')).toThrow(/not a URL/);
  });
});
