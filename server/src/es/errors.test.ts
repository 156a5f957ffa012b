import { describe, expect, it } from 'vitest';
import { errors } from '@elastic/elasticsearch';
import { classifyEsError } from './errors.ts';

function responseError(statusCode: number, body: unknown): errors.ResponseError {
  return new errors.ResponseError({
    body,
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}

describe('what the BFF answers for an Elasticsearch failure', () => {
  it('maps a refused connection to 503', () => {
    expect(classifyEsError(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({
      status: 503,
      kind: 'unreachable',
    });
  });

  it('maps a client timeout to 504', () => {
    expect(classifyEsError(new errors.TimeoutError('Request timed out'))).toMatchObject({
      status: 504,
      kind: 'timeout',
    });
  });

  it('maps a rejected query to 502 and keeps the root cause for the log', () => {
    const failure = classifyEsError(
      responseError(400, {
        error: {
          root_cause: [{ type: 'parsing_exception', reason: 'Unknown aggregation type [multi_terms]' }],
          type: 'parsing_exception',
        },
        status: 400,
      }),
    );
    expect(failure).toMatchObject({ status: 502, kind: 'rejected' });
    expect(failure?.rootCause).toBe('parsing_exception: Unknown aggregation type [multi_terms]');
  });

  it('treats 429 (too many requests) as temporarily unavailable', () => {
    expect(
      classifyEsError(
        responseError(429, { error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }),
      )?.status,
    ).toBe(503);
  });

  it('treats shards that are still starting as temporarily unavailable, not a bad query', () => {
    const failure = classifyEsError(
      responseError(503, {
        error: {
          root_cause: [{ type: 'no_shard_available_action_exception', reason: null }],
          type: 'search_phase_execution_exception',
        },
      }),
    );
    expect(failure).toMatchObject({ status: 503, kind: 'unreachable' });
    expect(failure?.message).toMatch(/not available yet/);
  });

  it('leaves other errors to the generic handler', () => {
    expect(classifyEsError(new Error('boom'))).toBeUndefined();
  });
});
