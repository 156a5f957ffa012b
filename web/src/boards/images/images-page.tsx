import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Panel } from '../../components/panel.tsx';
import { formatAge } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import { useNow } from '../../lib/now.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval, useTimeRange } from '../../lib/use-time-range.ts';
import { ActiveSelections } from './active-selections.tsx';
import { FacetsPanel } from './facets-panel.tsx';
import { AreaSummary, ImageMap } from './image-map.tsx';
import { ImageDrawer } from './image-drawer.tsx';
import { imagesQueries, type SearchQuery } from './queries.ts';
import { ResultsPanel } from './results-grid.tsx';
import { TagSearch } from './tag-search.tsx';
import { useImagesView, type ImagesViewState } from './use-images-view.ts';
import './images.css';

export function ImagesPage() {
  const { tz } = useTimeRange();
  const refetchInterval = useRefreshInterval();
  const view = useImagesView();
  // One request feeds the facets, the map and the grid. While a new selection loads, the last
  // answer stays on screen (marked "Updating…") instead of blanking every panel.
  const search = useInfiniteQuery({
    ...imagesQueries.search(view.params),
    placeholderData: keepPreviousData,
    refetchInterval,
  });

  return (
    <div className="board-page images-page">
      <header className="board-header">
        <title>Image tags · Lookout</title>
        <h1>Image tags</h1>
        <p className="board-range">
          All stored images, whenever ingested: this board ignores the time range.
        </p>
      </header>
      <Freshness query={search} tz={tz} />
      <IgnoredParams view={view} />
      <section className="images-toolbar" aria-label="Selection">
        <TagSearch view={view} />
        <ActiveSelections view={view} response={search.data?.pages[0]} />
      </section>
      <div className="images-layout">
        <aside className="images-side">
          <FacetsPanel view={view} query={search} tz={tz} />
        </aside>
        <div className="images-main">
          <MapPanel view={view} query={search} tz={tz} />
          <ResultsPanel view={view} query={search} tz={tz} />
        </div>
      </div>
      {view.image && <ImageDrawer key={view.image} imageId={view.image} view={view} tz={tz} />}
    </div>
  );
}

function MapPanel({ view, query, tz }: { view: ImagesViewState; query: SearchQuery; tz: TimeZoneOption }) {
  return (
    <Panel
      title="Image locations"
      tz={tz}
      query={{ ...query, isFetching: query.isFetching && !query.isFetchingNextPage }}
      isEmpty={(data) => (data.pages[0]?.facets.geo.length ?? 0) === 0}
      emptyMessage="No image in this selection has a location."
      actions={<AreaSummary bbox={view.bbox} onClear={() => view.update({ bbox: null })} />}
    >
      {(data) => (
        <ImageMap
          geo={data.pages[0]?.facets.geo ?? []}
          bbox={view.bbox}
          onSelectArea={(bbox) => view.update({ bbox })}
        />
      )}
    </Panel>
  );
}

/** Images arrive in batches, not as a stream: the age of the newest is shown, not judged. */
function Freshness({ query, tz }: { query: SearchQuery; tz: TimeZoneOption }) {
  const now = useNow();
  const first = query.data?.pages[0];
  if (!first) {
    return (
      <p className="images-freshness">
        {query.status === 'pending' ? 'Checking how fresh the data is…' : 'Freshness unknown (see Images).'}
      </p>
    );
  }
  if (first.newestIngestedAt === null) {
    return (
      <p className="images-freshness images-freshness-empty" role="status">
        No images yet — run <code>npm run lookout -- ingest images &lt;file.ndjson&gt;</code>
      </p>
    );
  }
  const newest = new Date(first.newestIngestedAt);
  const age = now.getTime() - newest.getTime();
  return (
    <p className="images-freshness" role="status">
      Newest image ingested {age < 0 ? 'just now' : `${formatAge(age)} ago`} ({formatTimestamp(newest, tz)})
    </p>
  );
}

function IgnoredParams({ view }: { view: ImagesViewState }) {
  if (view.ignored.length === 0) return null;
  return (
    <p className="images-ignored" role="status">
      Ignored from the link:{' '}
      {view.ignored.map(({ param, value, reason }) => `${param}=${value} (${reason})`).join('; ')}.
    </p>
  );
}
