import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatCount } from '../../lib/format-number.ts';
import { imagesQueries, type TagSuggestion } from './queries.ts';
import type { ImagesViewState } from './use-images-view.ts';

/** Typing pauses this long before the server is asked: one request per word, not per key. */
export const SUGGEST_DELAY_MS = 200;

export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * The tag box: suggestions with the number of images carrying each tag (all images, whatever is
 * selected), as a combobox; choosing one adds it to the tag selection.
 */
export function TagSearch({ view }: { view: ImagesViewState }) {
  const listId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useDebouncedValue(text.trim().toLowerCase(), SUGGEST_DELAY_MS);
  const asking = open && typed !== '';

  const prefixQuery = useQuery({
    ...imagesQueries.tagSuggestions(typed, view.minScore),
    enabled: asking,
    placeholderData: keepPreviousData,
  });

  const settled = typed === text.trim().toLowerCase() && !prefixQuery.isPlaceholderData;
  const suggestions = asking && prefixQuery.data ? prefixQuery.data.tags : [];
  const showList = open && text.trim() !== '';

  const choose = (suggestion: TagSuggestion) => {
    if (!view.tags.includes(suggestion.tag)) view.update({ tags: [...view.tags, suggestion.tag] });
    setText('');
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (suggestions.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const needle = text.trim().toLowerCase();
      const chosen =
        suggestions[active] ??
        suggestions.find((s) => s.tag === needle) ??
        (settled ? suggestions[0] : undefined);
      if (chosen) choose(chosen);
    } else if (event.key === 'Escape' && showList) {
      // Closes the list only; the image drawer listens for Escape too.
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const activeId = active >= 0 && suggestions[active] ? `${listId}-${active}` : undefined;

  return (
    <div className="images-tag-search">
      <label className="images-field">
        <span>Search tags</span>
        <input
          type="text"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={hintId}
          value={text}
          placeholder="room with bed, pool, lobby…"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </label>
      <span id={hintId} className="visually-hidden">
        Counts are images with the tag among all images. Choose a tag to add it to the selection.
      </span>
      {showList && (
        <div className="images-suggestions">
          <ul id={listId} role="listbox" aria-label="Tag suggestions">
            {suggestions.map((suggestion, index) => {
              const selected = view.tags.includes(suggestion.tag);
              return (
                <li
                  key={suggestion.tag}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={
                    index === active ? 'images-suggestion images-suggestion-active' : 'images-suggestion'
                  }
                  // Chosen before the input's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(suggestion);
                  }}
                  onMouseEnter={() => setActive(index)}
                >
                  <span className="images-suggestion-tag">
                    {suggestion.tag}
                    {selected && <span className="images-muted"> (selected)</span>}
                  </span>{' '}
                  <span className="images-count">{formatCount(suggestion.count)} images</span>
                </li>
              );
            })}
          </ul>
          <SuggestionsState
            typed={text.trim()}
            settled={settled}
            empty={suggestions.length === 0}
            error={prefixQuery.error}
            retry={() => void prefixQuery.refetch()}
          />
        </div>
      )}
    </div>
  );
}

function SuggestionsState({
  typed,
  settled,
  empty,
  error,
  retry,
}: {
  typed: string;
  settled: boolean;
  empty: boolean;
  error: Error | null;
  retry(): void;
}) {
  if (error) {
    return (
      <p className="images-suggestions-state images-error" role="alert">
        Could not load suggestions: {error.message}{' '}
        <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={retry}>
          Retry
        </button>
      </p>
    );
  }
  if (!settled && empty) return <p className="images-suggestions-state">Looking for tags…</p>;
  if (empty) {
    return (
      <p className="images-suggestions-state" role="status">
        No tag matches “{typed}” at the current minimum score.
      </p>
    );
  }
  return <p className="images-suggestions-state">Counts are over all images, not only this selection.</p>;
}
