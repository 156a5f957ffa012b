import { vi } from 'vitest';

// Test-only: a fake BFF behind `fetch`, for the boards' component tests.

/** Stubs fetch with a function of the request URL; returns the mock to inspect the calls. */
export function stubApi(answer: (url: URL) => unknown) {
  const fetchMock = vi.fn(async (input: string) => {
    const url = new URL(input, 'http://lookout.test');
    const body = await answer(url);
    return body instanceof Response ? body : Response.json(body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The request URLs fetch was called with, as URL objects. */
export function requestedUrls(fetchMock: ReturnType<typeof stubApi>): URL[] {
  return fetchMock.mock.calls.map(([input]) => new URL(input, 'http://lookout.test'));
}
