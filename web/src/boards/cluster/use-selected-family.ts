import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { readSingle } from '../../lib/url-params.ts';

/** The family whose daily volume the chart shows, in the URL (`?family=container-logs`). */
export function useSelectedFamily(): [string | undefined, (family: string) => void] {
  const [params, setParams] = useSearchParams();
  const select = useCallback(
    (family: string) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        next.set('family', family);
        return next;
      }),
    [setParams],
  );
  return [readSingle(params, 'family'), select];
}
