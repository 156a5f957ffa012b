import { errors } from '@elastic/elasticsearch';

export type EsFailureKind = 'unreachable' | 'timeout' | 'rejected';

export interface EsFailure {
  kind: EsFailureKind;
  /** HTTP status the BFF answers with: 503 unreachable, 504 too slow, 502 rejected. */
  status: 503 | 504 | 502;
  /** Short text for the user; never contains credentials. */
  message: string;
  /** For `rejected`: Elasticsearch's own root-cause reason, for the log. */
  rootCause?: string;
}

interface RootCauseBody {
  error?: { root_cause?: Array<{ type?: string; reason?: string }>; type?: string; reason?: string };
  /** Amazon OpenSearch Service's own refusals (IAM, signature) say why in `Message`. */
  Message?: unknown;
  message?: unknown;
}

function rootCauseOf(error: errors.ResponseError): string {
  const body = error.meta.body as RootCauseBody | string | undefined;
  if (typeof body === 'object' && body?.error) {
    const cause = body.error.root_cause?.[0] ?? body.error;
    return `${cause.type ?? 'error'}: ${cause.reason ?? 'no reason given'}`;
  }
  const awsMessage = typeof body === 'object' ? (body?.Message ?? body?.message) : undefined;
  if (typeof awsMessage === 'string') return `${error.statusCode ?? 'error'}: ${awsMessage}`;
  return typeof body === 'string' && body !== '' ? body.slice(0, 500) : error.message;
}

/** Maps a client error to what the BFF says about it; `undefined` when it is not an engine error. */
export function classifyEsError(error: unknown): EsFailure | undefined {
  if (error instanceof errors.TimeoutError) {
    return { kind: 'timeout', status: 504, message: 'Elasticsearch did not answer in time' };
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    return { kind: 'unreachable', status: 503, message: 'Elasticsearch is unreachable' };
  }
  if (error instanceof errors.ResponseError) {
    const rootCause = rootCauseOf(error);
    if (error.statusCode === 429) {
      return {
        kind: 'unreachable',
        status: 503,
        message: 'Elasticsearch is overloaded (429), retry shortly',
        rootCause,
      };
    }
    // An index whose shards are still starting (just created, or the engine just restarted)
    // answers 503 no_shard_available: not a bad query, a moment to wait.
    if (error.statusCode === 503 || rootCause.startsWith('no_shard_available_action_exception')) {
      return {
        kind: 'unreachable',
        status: 503,
        message: 'Elasticsearch shards are not available yet (starting), retry shortly',
        rootCause,
      };
    }
    return { kind: 'rejected', status: 502, message: 'Elasticsearch rejected the query', rootCause };
  }
  return undefined;
}

interface ItemError {
  type?: string;
  reason?: string | null;
  caused_by?: { type?: string; reason?: string | null };
}

/**
 * What an ingest caller is told when the engine refuses one of its documents: a short reason and
 * the field when the engine names one — never the engine's exception text (Jackson limits, parser
 * offsets, class names), which goes to the log instead.
 */
export function cleanRejectionReason(error: ItemError | undefined, status: number): string {
  const text = `${error?.reason ?? ''} ${error?.caused_by?.reason ?? ''}`;
  const field = /field \[([^\]]{1,200})\]/.exec(text)?.[1];
  const type = error?.type ?? '';
  if (type === 'strict_dynamic_mapping_exception') {
    return field ? `field ${field} is not allowed in this index` : 'a field is not allowed in this index';
  }
  if (type.endsWith('parsing_exception') || type === 'illegal_argument_exception') {
    if (/total fields|Limit of .* fields/i.test(text))
      return 'the event has more distinct fields than the index allows';
    if (/nesting depth|depth/i.test(text)) return 'the event is nested deeper than the engine accepts';
    return field
      ? `field ${field} has a value its mapping does not accept`
      : 'the event does not fit the index mapping';
  }
  if (type === 'action_request_validation_exception')
    return 'the document id or body is not accepted (too long?)';
  return `the engine refused the event (status ${status})`;
}
