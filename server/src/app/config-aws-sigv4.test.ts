import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const domain = 'https://search-logs-abc123.eu-west-1.es.amazonaws.com';

describe('Amazon OpenSearch Service configuration (ES_AWS_SIGV4)', () => {
  it('is off unless asked for, and then signs for the managed service `es` in AWS_REGION', () => {
    expect(loadConfig({ ES_URL: domain }).es.awsSigV4).toBeUndefined();
    expect(loadConfig({ ES_URL: domain, ES_AWS_SIGV4: 'true', AWS_REGION: 'eu-west-1' }).es).toMatchObject({
      awsSigV4: { region: 'eu-west-1', service: 'es' },
      auth: {},
    });
  });

  it('signs for OpenSearch Serverless with ES_AWS_SERVICE=aoss and falls back to AWS_DEFAULT_REGION', () => {
    const config = loadConfig({
      ES_URL: 'https://abc.us-gov-west-1.aoss.amazonaws.com',
      ES_AWS_SIGV4: 'true',
      ES_AWS_SERVICE: 'aoss',
      AWS_DEFAULT_REGION: 'us-gov-west-1',
    });
    expect(config.es.awsSigV4).toEqual({ region: 'us-gov-west-1', service: 'aoss' });
  });

  it('keeps basic auth (fine-grained access control users) when SigV4 is off', () => {
    expect(loadConfig({ ES_URL: domain, ES_USERNAME: 'lookout', ES_PASSWORD: 'pw' }).es).toMatchObject({
      auth: { username: 'lookout', password: 'pw' },
    });
  });

  it.each([
    [{ ES_AWS_SIGV4: 'yes' }, 'ES_AWS_SIGV4', 'true or false'],
    [{ ES_AWS_SIGV4: 'true' }, 'AWS_REGION', 'required with ES_AWS_SIGV4=true'],
    [{ ES_AWS_SIGV4: 'true', AWS_REGION: 'Ireland' }, 'AWS_REGION', 'not an AWS region'],
    [
      { ES_AWS_SIGV4: 'true', AWS_REGION: 'eu-west-1', ES_AWS_SERVICE: 'opensearch' },
      'ES_AWS_SERVICE',
      'es, aoss',
    ],
    [{ ES_AWS_SERVICE: 'aoss' }, 'ES_AWS_SERVICE', 'only used with ES_AWS_SIGV4=true'],
    [{ ES_AWS_SIGV4: 'true', AWS_REGION: 'eu-west-1', ES_API_KEY: 'k' }, 'ES_API_KEY', 'cannot be combined'],
    [
      { ES_AWS_SIGV4: 'true', AWS_REGION: 'eu-west-1', ES_USERNAME: 'u', ES_PASSWORD: 'p' },
      'ES_USERNAME',
      'cannot be combined',
    ],
    [
      { ES_AWS_SIGV4: 'true', AWS_REGION: 'eu-west-1', ES_WRITE_API_KEY: 'k' },
      'ES_WRITE_API_KEY',
      'cannot be combined',
    ],
    [
      {
        ES_AWS_SIGV4: 'true',
        AWS_REGION: 'eu-west-1',
        ES_URL: 'https://u:p@search-x.eu-west-1.es.amazonaws.com',
      },
      'ES_URL',
      'cannot be combined',
    ],
  ])('rejects %o naming %s', (env, variable, problem) => {
    expect(() => loadConfig({ ES_URL: domain, ...env })).toThrowError(
      expect.objectContaining({ name: 'ConfigError', variable, message: expect.stringContaining(problem) }),
    );
  });
});
