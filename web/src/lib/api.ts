import type { ApiErrorBody } from '@lookout/server/types';

/**
 * A failed call to the BFF. `message` is ready to show: the server's own words plus the status,
 * e.g. "Elasticsearch is unreachable (503)". `status` is 0 when the server did not answer at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly body: ApiErrorBody | undefined;

  constructor(status: number, message: string, body?: ApiErrorBody) {
    super(message);
    this.status = status;
    this.body = body;
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** An array value repeats the parameter (`?account=a&account=b`), as the BFF's filters expect. */
export type QueryParams = Record<string, string | number | boolean | undefined | readonly string[]>;

export function apiUrl(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else if (value !== undefined) search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Token mode: the token the person entered, kept for this tab only (sessionStorage). */
export const ACCESS_TOKEN_KEY = 'lookout.accessToken';
/** Dispatched on `window` when the BFF asks for a bearer token; the app shows its token screen. */
export const ACCESS_TOKEN_REQUIRED_EVENT = 'lookout:access-token-required';

export function requestHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(ACCESS_TOKEN_KEY);
  return token
    ? { accept: 'application/json', authorization: `Bearer ${token}` }
    : { accept: 'application/json' };
}

export async function fetchJson<T>(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), { signal, headers: requestHeaders() });
  } catch (error) {
    // An abort is react-query cancelling a query that nobody needs any more, not a failure.
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'Lookout server is not responding');
  }
  if (response.status === 401 && /^Bearer\b/i.test(response.headers.get('www-authenticate') ?? '')) {
    window.dispatchEvent(new Event(ACCESS_TOKEN_REQUIRED_EVENT));
  }
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as T;
}

export async function errorFrom(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => undefined);
  if (isApiErrorBody(body))
    return new ApiError(response.status, `${body.message} (${response.status})`, body);
  // No JSON body: a proxy in between answered, typically because the BFF is down.
  const text = response.statusText || 'Request failed';
  return new ApiError(response.status, `${text} (${response.status})`);
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).message === 'string' &&
    typeof (value as ApiErrorBody).statusCode === 'number'
  );
}
