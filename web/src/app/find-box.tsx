import { useId, useState, type KeyboardEvent } from 'react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { FindResponse } from '@lookout/server/types';
import { fetchJson } from '../lib/api.ts';
import { formatCount } from '../lib/format-number.ts';
import { formatRange, formatTimestamp } from '../lib/format-time.ts';
import { useTimeRange } from '../lib/use-time-range.ts';

/** Where a value occurs across the boards, in the selected range (ids at any age). */
export const findQuery = (q: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['find', { q, from, to }] as const,
    queryFn: ({ signal }) => fetchJson<FindResponse>('/api/find', { q, from, to }, signal),
    staleTime: 30_000,
  });

/**
 * The header's find box: paste anything (an IP, an ARN, vol-…, an eventID, a task or container
 * id) and Enter opens the first result, or the one chosen with the arrow keys. `/` focuses it
 * (`data-shortcut="find"`, handled with the other keys).
 */
export function FindBox() {
  const { range, tz } = useTimeRange();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState(0);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const listId = useId();
  const q = text.trim();
  const options = findQuery(q, range.from.text, range.to.text);
  const query = useQuery({ ...options, enabled: open && q.length > 0 });
  const results = query.data?.results ?? [];

  function go(link: string) {
    setOpen(false);
    setText('');
    void navigate(link);
  }

  async function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      setOpen(false);
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((current) => Math.min(Math.max(current + step, 0), Math.max(results.length - 1, 0)));
      return;
    }
    if (event.key !== 'Enter' || q.length === 0) return;
    event.preventDefault();
    setOpen(true);
    // One Enter right after pasting: wait for the answer, then open the chosen result.
    const answer = await queryClient.fetchQuery(options).catch(() => undefined);
    const target = answer?.results[Math.min(selected, (answer?.results.length ?? 1) - 1)];
    if (target) go(target.link);
  }

  return (
    <div className="find-box">
      <input
        type="search"
        data-shortcut="find"
        aria-label="Find a value across the boards"
        placeholder="Find an IP, ARN, eventID, task… ( / )"
        role="combobox"
        aria-expanded={open && q.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[selected] ? `${listId}-${selected}` : undefined}
        value={text}
        maxLength={512}
        onChange={(event) => {
          setText(event.target.value);
          setSelected(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(text.trim().length > 0)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => void onKeyDown(event)}
      />
      {open && q.length > 0 && (
        <div className="find-popup" id={listId}>
          {query.status === 'pending' && <p className="find-state">Searching…</p>}
          {query.status === 'error' && (
            <p className="find-state" role="alert">
              Could not search: {query.error.message}
            </p>
          )}
          {query.data && query.data.recognised.length > 0 && (
            <p className="find-recognised">
              Looks like {query.data.recognised.map((shape) => shape.label).join(', ')}
            </p>
          )}
          {query.data && results.length === 0 && (
            <p className="find-state" role="status">
              Not found in {query.data.searched.boards.join(', ')} between{' '}
              {formatRange(
                new Date(query.data.searched.from),
                new Date(query.data.searched.to),
                tz,
                'minute',
              )}
            </p>
          )}
          {results.length > 0 && (
            <ul role="listbox" aria-label="Where it occurs">
              {results.map((result, position) => (
                <li
                  key={`${result.board}-${result.what}`}
                  id={`${listId}-${position}`}
                  role="option"
                  aria-selected={position === selected}
                  className={position === selected ? 'find-result selected' : 'find-result'}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    go(result.link);
                  }}
                >
                  <strong>{result.board}</strong> · {result.what} · {formatCount(result.count)}{' '}
                  {result.count === 1 ? 'match' : 'matches'}
                  {result.newest && <> · newest {formatTimestamp(new Date(result.newest), tz)}</>}
                  {result.anyAge && <> · any age</>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
