import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCredentialChain, createSigV4Signer, signableRequest } from './aws-sigv4.ts';

/**
 * The standard chain, resolved through a shared profile whose `credential_process` counts its
 * runs: temporary credentials (with a session token and an expiry) as an ECS task role or an EC2
 * instance role hands them out, without a network.
 */
describe('AWS credentials from the standard chain', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-aws-'));
  const runs = path.join(dir, 'runs.log');
  const saved = { ...process.env };

  beforeAll(() => {
    const script = path.join(dir, 'credentials.mjs');
    writeFileSync(
      script,
      [
        "import { appendFileSync } from 'node:fs';",
        `appendFileSync(${JSON.stringify(runs)}, 'run\\n');`,
        'const expiration = new Date(Date.now() + Number(process.env.LOOKOUT_TEST_EXPIRES_IN_S) * 1000);',
        "console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROCESS', SecretAccessKey: 'secret',",
        "  SessionToken: 'session-' + Date.now(), Expiration: expiration.toISOString() }));",
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'config'),
      `[profile lookout-test]\ncredential_process = ${process.execPath} ${script}\n`,
    );
    writeFileSync(path.join(dir, 'credentials'), '');
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
    ]) {
      delete process.env[name];
    }
    Object.assign(process.env, {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_PROFILE: 'lookout-test',
    });
  });

  afterAll(() => {
    process.env = saved;
  });

  const runCount = () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;

  const url = new URL('https://search-logs.eu-west-1.es.amazonaws.com');
  const request = () => signableRequest(url, {}, { method: 'GET', path: '/_cluster/health' }, undefined);
  const signer = () =>
    createSigV4Signer({ region: 'eu-west-1', service: 'es', credentials: fromNodeProviderChain() });

  it('resolves temporary credentials once for many requests while they are fresh', async () => {
    writeFileSync(runs, '');
    process.env.LOOKOUT_TEST_EXPIRES_IN_S = '3600';
    const sign = signer();
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const headers = await sign(request());
      expect(headers.authorization).toContain('Credential=AKIDPROCESS/');
      tokens.add(headers['x-amz-security-token']!);
    }
    expect(runCount()).toBe(1);
    expect(tokens.size).toBe(1);
  });

  it('refreshes them before they expire (within five minutes of the expiry), without holding requests', async () => {
    writeFileSync(runs, '');
    process.env.LOOKOUT_TEST_EXPIRES_IN_S = '240';
    const sign = signer();
    const first = (await sign(request()))['x-amz-security-token'];
    // Still valid: this request is signed with them at once, and a refresh starts beside it.
    expect((await sign(request()))['x-amz-security-token']).toBe(first);
    await expect
      .poll(async () => (await sign(request()))['x-amz-security-token'], { timeout: 5000 })
      .not.toBe(first);
    expect(runCount()).toBeGreaterThanOrEqual(2);
  });

  it('is one chain per process, shared by the reader and the writer client', () => {
    expect(awsCredentialChain()).toBe(awsCredentialChain());
  });
});
