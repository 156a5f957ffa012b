import { useId, useState } from 'react';
import type { images } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { formatCount } from '../../lib/format-number.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import type { SearchQuery } from './queries.ts';
import { bucketChecked, bucketLabel, toggleBucket } from './size-ranges.ts';
import { toggled } from '../../lib/use-board-filters.ts';
import type { ImagesViewState, PixelRange } from './use-images-view.ts';

const SCORE_CHOICES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface FacetItem {
  value: string;
  label: string;
  /** undefined: just chosen, the new counts are on their way. */
  count: number | undefined;
  checked: boolean;
  title?: string;
}

/**
 * One multi-select facet: a checkbox per value with its count. The counts follow the other
 * facets' selections but not this one's, so checking a value never hides the alternatives.
 */
export function FacetList({
  legend,
  hint,
  items,
  onToggle,
  visible = 10,
}: {
  legend: string;
  hint?: string;
  items: FacetItem[];
  onToggle(value: string): void;
  visible?: number;
}) {
  const [expanded, setExpanded] = useState(false);
  const hintId = useId();
  // Checked values always show, whatever their rank.
  const shown = expanded ? items : items.filter((item, index) => index < visible || item.checked);
  return (
    <fieldset className="images-facet" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {items.length === 0 ? (
        <p className="hint">None in this selection.</p>
      ) : (
        <ul className="images-facet-list">
          {shown.map((item) => (
            <li key={item.value}>
              <label title={item.title}>
                <input type="checkbox" checked={item.checked} onChange={() => onToggle(item.value)} />
                <span className="images-facet-label">{item.label}</span>{' '}
                <span className="images-count">
                  {item.count === undefined ? '…' : formatCount(item.count)}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {items.length > shown.length && (
        <button type="button" className="images-link-button" onClick={() => setExpanded(true)}>
          Show all {items.length}
        </button>
      )}
      {expanded && items.length > visible && (
        <button type="button" className="images-link-button" onClick={() => setExpanded(false)}>
          Show fewer
        </button>
      )}
    </fieldset>
  );
}

/** Facet entries from the API, plus selected values it has not counted yet (just chosen). */
function withSelected(items: FacetItem[], selected: readonly string[]): FacetItem[] {
  const listed = new Set(items.map((item) => item.value));
  const missing = selected
    .filter((value) => !listed.has(value))
    .map((value) => ({ value, label: value, count: undefined, checked: true }));
  return [...missing, ...items];
}

export function FacetsPanel({
  view,
  query,
  tz,
}: {
  view: ImagesViewState;
  query: SearchQuery;
  tz: TimeZoneOption;
}) {
  return (
    <Panel
      title="Filters"
      tz={tz}
      query={{ ...query, isFetching: query.isFetching && !query.isFetchingNextPage }}
    >
      {(data) => {
        const first = data.pages[0];
        return first ? <Facets view={view} response={first} /> : null;
      }}
    </Panel>
  );
}

export function Facets({ view, response }: { view: ImagesViewState; response: images.ImageSearchResponse }) {
  const { facets } = response;
  const { update } = view;
  const selectedTags = new Set(view.tags);
  const sizeFacet = (legend: string, dimension: 'width' | 'height', range: PixelRange) => {
    const buckets = facets[dimension];
    return (
      <FacetList
        legend={legend}
        items={buckets.map((bucket) => ({
          value: String(bucket.from),
          label: bucketLabel(bucket),
          count: bucket.count,
          checked: bucketChecked(range, bucket),
        }))}
        onToggle={(value) => {
          const bucket = buckets.find((b) => String(b.from) === value);
          if (bucket) update({ [dimension]: toggleBucket(range, bucket, buckets) });
        }}
      />
    );
  };

  return (
    <div className="images-facets">
      <TagModeSwitch view={view} />
      <FacetList
        legend="Tags"
        hint={
          view.tagMode === 'all'
            ? 'Images left if you add the tag to those selected.'
            : 'Images with the tag, given the other filters.'
        }
        items={withSelected(
          facets.tags.map((t) => ({
            value: t.tag,
            label: t.tag,
            count: t.count,
            checked: selectedTags.has(t.tag),
          })),
          view.tags,
        )}
        onToggle={(tag) => update({ tags: toggled(view.tags, tag) })}
      />
      <MinScoreSelect view={view} effective={response.minScore} />
      <FacetList
        legend="Labels"
        items={withSelected(
          facets.labels.map((l) => ({
            value: l.label,
            label: l.label,
            count: l.count,
            checked: view.labels.includes(l.label),
          })),
          view.labels,
        )}
        onToggle={(label) => update({ labels: toggled(view.labels, label) })}
      />
      <FacetList
        legend="Orientation"
        items={facets.orientation.map((o) => ({
          value: o.orientation,
          label: o.orientation,
          count: o.count,
          checked: view.orientations.includes(o.orientation),
        }))}
        onToggle={(value) =>
          update({
            orientation: toggled(view.orientations, value as images.Orientation),
          })
        }
      />
      {sizeFacet('Width', 'width', view.width)}
      {sizeFacet('Height', 'height', view.height)}
      <FacetList
        legend="Hotels"
        visible={8}
        items={withSelected(
          facets.hotels.map((h) => ({
            value: h.hotelId,
            label: h.hotelName ?? h.hotelId,
            title: h.hotelId,
            count: h.count,
            checked: view.hotels.includes(h.hotelId),
          })),
          view.hotels,
        )}
        onToggle={(hotelId) => update({ hotel: toggled(view.hotels, hotelId) })}
      />
    </div>
  );
}

function TagModeSwitch({ view }: { view: ImagesViewState }) {
  return (
    <fieldset className="images-facet images-tag-mode">
      <legend>Images with</legend>
      <label>
        <input
          type="radio"
          name="tagMode"
          checked={view.tagMode === 'any'}
          onChange={() => view.update({ tagMode: 'any' })}
        />
        any selected tag
      </label>
      <label>
        <input
          type="radio"
          name="tagMode"
          checked={view.tagMode === 'all'}
          onChange={() => view.update({ tagMode: 'all' })}
        />
        all selected tags
      </label>
    </fieldset>
  );
}

/** `effective`: the threshold the last answer used (the server's default while none is chosen). */
function MinScoreSelect({ view, effective }: { view: ImagesViewState; effective: number }) {
  const hintId = useId();
  const selectId = useId();
  const current = view.minScore;
  const choices = [...new Set([...SCORE_CHOICES, ...(current === undefined ? [] : [current])])].sort(
    (a, b) => a - b,
  );
  return (
    <div className="images-field images-min-score">
      <label htmlFor={selectId}>Minimum tag score</label>
      <select
        id={selectId}
        aria-describedby={hintId}
        value={current === undefined ? '' : String(current)}
        onChange={(event) =>
          view.update({ minScore: event.target.value ? Number(event.target.value) : null })
        }
      >
        <option value="">{current === undefined ? `Default (${effective.toFixed(2)})` : 'Default'}</option>
        {choices.map((score) => (
          <option key={score} value={String(score)}>
            {score.toFixed(2)}
          </option>
        ))}
      </select>
      <span id={hintId} className="hint">
        Vision tags scored lower do not count, here or in the grid.
      </span>
    </div>
  );
}
