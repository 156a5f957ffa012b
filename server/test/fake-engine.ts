import type { Client, estypes } from '@elastic/elasticsearch';

/** A stand-in for the client's `search`: records requests, answers when the test says so. */
export function fakeEngine(answer: Partial<estypes.SearchResponse> = {}) {
  const requests: estypes.SearchRequest[] = [];
  const pending: Array<() => void> = [];
  const client = {
    search: (request: estypes.SearchRequest) => {
      requests.push(request);
      return new Promise((resolve) =>
        pending.push(() =>
          resolve({
            took: 1,
            timed_out: false,
            _shards: { total: 1, successful: 1, failed: 0 },
            hits: { hits: [] },
            ...answer,
          }),
        ),
      );
    },
  } as unknown as Client;
  const answerAll = () => {
    for (const resolve of pending.splice(0)) resolve();
  };
  return { client, requests, answerAll };
}
