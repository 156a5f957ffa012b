import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The tests' own stand-in for SNS's certificate host: a key and self-signed certificate to sign
 * messages with, a TLS certificate for 127.0.0.1, and an HTTPS server on 127.0.0.1 that serves
 * the signing certificate and records SubscribeURL visits.
 */
export interface FakeSnsHost {
  origin: string;
  /** The CA the app must trust to fetch from this host (its self-signed TLS certificate). */
  tlsCa: string;
  certUrl: string;
  subscribeVisits: string[];
  /** How often the signing certificate was fetched (the app should cache it). */
  certFetches(): number;
  sign(fields: Record<string, string>, version: '1' | '2'): string;
  close(): Promise<void>;
}

function selfSigned(dir: string, name: string, subject: string, extra: string[] = []): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      path.join(dir, `${name}.key`),
      '-out',
      path.join(dir, `${name}.pem`),
      '-subj',
      subject,
      ...extra,
    ],
    { stdio: 'ignore' },
  );
}

/** The documented string to sign, written out independently of the production code. */
export function documentedStringToSign(fields: Record<string, string>): string {
  const keys =
    fields.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys
    .filter((key) => fields[key] !== undefined)
    .map((key) => `${key}\n${fields[key]}\n`)
    .join('');
}

export async function startFakeSnsHost(): Promise<FakeSnsHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-sns-'));
  selfSigned(dir, 'tls', '/CN=127.0.0.1', ['-addext', 'subjectAltName=IP:127.0.0.1']);
  selfSigned(dir, 'signing', '/CN=sns.test.amazonaws.com');
  const [tlsKey, tlsCert, signingKey, signingCert] = await Promise.all(
    ['tls.key', 'tls.pem', 'signing.key', 'signing.pem'].map((file) =>
      readFile(path.join(dir, file), 'utf8'),
    ),
  );
  const subscribeVisits: string[] = [];
  let certFetches = 0;
  const server: Server = createServer({ key: tlsKey, cert: tlsCert }, (request, response) => {
    // Any certificate name in AWS's shape, so tests can make many distinct certificate URLs.
    if (/^\/SimpleNotificationService-[0-9a-f]+\.pem$/.test(request.url ?? '')) {
      certFetches += 1;
      response.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(signingCert);
    } else if (request.url?.startsWith('/confirm')) {
      subscribeVisits.push(request.url);
      response.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tlsCa: tlsCert!,
    certUrl: `${origin}/SimpleNotificationService-7e5f1c0a9b3d.pem`,
    subscribeVisits,
    certFetches: () => certFetches,
    sign(fields, version) {
      const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
      signer.update(documentedStringToSign(fields), 'utf8');
      return signer.sign(signingKey!, 'base64');
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
