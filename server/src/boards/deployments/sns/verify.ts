import { createVerify, X509Certificate } from 'node:crypto';
import { get } from 'node:https';
import type { SnsMessage } from '../schema.ts';

/**
 * Amazon SNS message signatures, as documented ("Verifying the signatures of Amazon SNS
 * messages"): the string to sign is "Key\nValue\n" for a fixed list of keys in byte order —
 * Notification: Message, MessageId, Subject (only if present), Timestamp, TopicArn, Type;
 * (Un)SubscriptionConfirmation: Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn,
 * Type. SignatureVersion 1 signs it with SHA1withRSA, 2 with SHA256withRSA, using the key of the
 * certificate at SigningCertURL — fetched only over HTTPS from an allowed host.
 */

/** Why a message is refused (the route answers 403 and logs the reason). */
export class SnsRefusedError extends Error {
  readonly statusCode = 403;
  constructor(message: string) {
    super(message);
    this.name = 'SnsRefusedError';
  }
}

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_KEYS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

export function stringToSign(message: SnsMessage): string {
  const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  let text = '';
  for (const key of keys) {
    const value = message[key];
    if (value === undefined) {
      if (key === 'Subject') continue;
      throw new SnsRefusedError(`${message.Type} without ${key} cannot be verified`);
    }
    text += `${key}\n${value}\n`;
  }
  return text;
}

const ALGORITHM: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

/** True when `pattern` (labels, `*` = exactly one label) matches the host name. */
export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const labels = hostname.toLowerCase().split('.');
  return patterns.some((pattern) => {
    const parts = pattern.split('.');
    return parts.length === labels.length && parts.every((part, i) => part === '*' || part === labels[i]);
  });
}

/** An `https:` URL on an allowed host, or a refusal naming what is wrong. */
export function allowedHttpsUrl(raw: string | undefined, patterns: readonly string[], what: string): URL {
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    throw new SnsRefusedError(`${what} is not a URL`);
  }
  if (url.protocol !== 'https:') throw new SnsRefusedError(`${what} is not HTTPS: ${url.origin}`);
  if (!hostAllowed(url.hostname, patterns)) {
    throw new SnsRefusedError(`${what} host ${url.hostname} is not in SNS_CERT_HOSTS`);
  }
  return url;
}

/** The path of every SNS signing certificate: `SimpleNotificationService-<hex>.pem`. */
const SIGNING_CERT_PATH = /^\/SimpleNotificationService-[0-9a-f]{1,64}\.pem$/;

/**
 * `SigningCertURL` in the shape AWS uses — `https://sns.<region>.amazonaws.com/
 * SimpleNotificationService-<hex>.pem` on an SNS_CERT_HOSTS host, no query string, fragment or
 * user — checked before anything is fetched, so made-up URLs cost no fetch and no cache entry.
 */
export function signingCertUrl(raw: string | undefined, patterns: readonly string[]): URL {
  const url = allowedHttpsUrl(raw, patterns, 'SigningCertURL');
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new SnsRefusedError(
      'SigningCertURL has a query string, fragment or user; AWS certificate URLs have none',
    );
  }
  if (!SIGNING_CERT_PATH.test(url.pathname)) {
    throw new SnsRefusedError('SigningCertURL path is not /SimpleNotificationService-<hex>.pem');
  }
  return url;
}

/** Certificates kept: AWS rotates a handful; more distinct URLs than this are someone probing. */
export const MAX_CACHED_CERTIFICATES = 32;

export interface HttpsGetOptions {
  /** Extra trusted CA certificates (PEM); production uses the system's. Tests pass their own. */
  ca?: string | string[];
  timeoutMs?: number;
  maxBytes?: number;
}

/** GET over HTTPS (certificate-checked), the body as text; non-2xx is an error. */
export function httpsGetText(url: URL, options: HttpsGetOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { ...(options.ca ? { ca: options.ca } : {}), timeout: options.timeoutMs ?? 5_000 },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.resume();
          reject(new Error(`GET ${url.origin}${url.pathname} answered ${status}`));
          return;
        }
        let size = 0;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(new Error(`GET ${url.origin}${url.pathname}: more than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`GET ${url.origin}${url.pathname} timed out`)));
    request.on('error', reject);
  });
}

export interface SnsVerifierOptions {
  topicArns: readonly string[];
  certHosts: readonly string[];
  /** Trust for the certificate host's TLS (tests' own CA); absent = the system's CAs. */
  tls?: HttpsGetOptions;
}

/**
 * Verifies SNS messages: allowed topic, certificate URL in AWS's shape, valid signature.
 * Certificates are cached per URL, the least recently used dropped beyond
 * MAX_CACHED_CERTIFICATES (a failed fetch is not cached, so the next retry tries again).
 */
export function createSnsVerifier(options: SnsVerifierOptions) {
  const certificates = new Map<string, Promise<X509Certificate>>();

  function certificate(url: URL): Promise<X509Certificate> {
    const key = url.toString();
    let pending = certificates.get(key);
    if (pending) {
      // A Map iterates in insertion order: re-inserting makes this the most recently used.
      certificates.delete(key);
    } else {
      pending = httpsGetText(url, options.tls).then((pem) => new X509Certificate(pem));
      pending.catch(() => certificates.delete(key));
    }
    certificates.set(key, pending);
    while (certificates.size > MAX_CACHED_CERTIFICATES) {
      certificates.delete(certificates.keys().next().value!);
    }
    return pending;
  }

  return {
    /** Certificates held now (tests of the bound). */
    get cachedCertificates(): number {
      return certificates.size;
    },

    checkTopic(message: SnsMessage): void {
      if (!options.topicArns.includes(message.TopicArn)) {
        throw new SnsRefusedError(`TopicArn ${message.TopicArn} is not in SNS_TOPIC_ARNS`);
      }
    },

    async verifySignature(message: SnsMessage): Promise<void> {
      const algorithm = ALGORITHM[message.SignatureVersion ?? ''];
      if (!algorithm)
        throw new SnsRefusedError(`unsupported SignatureVersion ${String(message.SignatureVersion)}`);
      if (!message.Signature) throw new SnsRefusedError('no Signature');
      const url = signingCertUrl(message.SigningCertURL, options.certHosts);
      let cert: X509Certificate;
      try {
        cert = await certificate(url);
      } catch (error) {
        throw new SnsRefusedError(`signing certificate unavailable: ${(error as Error).message}`);
      }
      const verifier = createVerify(algorithm);
      verifier.update(stringToSign(message), 'utf8');
      if (!verifier.verify(cert.publicKey, message.Signature, 'base64')) {
        throw new SnsRefusedError(`signature of ${message.Type} ${message.MessageId} does not verify`);
      }
    },
  };
}

export type SnsVerifier = ReturnType<typeof createSnsVerifier>;
