import { Link } from 'react-router';
import type { images } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { countOf, formatCount } from '../../lib/format-number.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import type { SearchQuery } from './queries.ts';
import type { ImagesViewState } from './use-images-view.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { useListNavigation, type RowProps } from '../../lib/use-list-navigation.ts';
import { ExportMenu } from '../../components/export-menu.tsx';

/** Tags shown on a card; the drawer has them all. */
const CARD_TAGS = 4;

export function formatSize(width: number | null, height: number | null): string {
  if (width === null || height === null) return 'size unknown';
  return `${formatCount(width)} × ${formatCount(height)} px`;
}

export function ResultsPanel({
  view,
  query,
  tz,
}: {
  view: ImagesViewState;
  query: SearchQuery;
  tz: TimeZoneOption;
}) {
  const first = query.data?.pages[0];
  const hits = query.data?.pages.flatMap((page) => page.hits) ?? [];
  return (
    <Panel
      title="Images"
      tz={tz}
      query={{ ...query, isFetching: query.isFetching && !query.isFetchingNextPage }}
      isEmpty={(data) => data.pages[0]?.total === 0}
      emptyMessage="No image matches this selection. Remove a filter or clear the area."
      actions={
        <>
          {first && (
            <span className="images-total" data-testid="images-total">
              {countOf(first.total, 'image')}
            </span>
          )}
          <ExportMenu path="/api/images/search" params={view.params} />
        </>
      }
    >
      {() => (
        <>
          <ImagesGrid hits={hits} view={view} />
          <LoadMore
            query={query}
            summary={
              <>
                Showing {formatCount(hits.length)} of {first ? countOf(first.total, 'image') : '…'}
              </>
            }
          />
        </>
      )}
    </Panel>
  );
}

/** j/k move from card to card; Enter opens the card's drawer (the card is a link). */
function ImagesGrid({ hits, view }: { hits: images.ImageHit[]; view: ImagesViewState }) {
  const navigation = useListNavigation(
    hits.map((hit) => hit.imageId),
    { selected: view.image, primary: true },
  );
  return (
    <ul className="images-grid" aria-label="Images" {...navigation.listProps}>
      {hits.map((hit) => (
        <ImageCard
          key={hit.imageId}
          hit={hit}
          selected={hit.imageId === view.image}
          search={view.searchFor({ image: hit.imageId })}
          rowProps={navigation.rowProps(hit.imageId, { selectable: false })}
        />
      ))}
    </ul>
  );
}

export function ImageCard({
  hit,
  selected,
  search,
  rowProps,
}: {
  hit: images.ImageHit;
  selected: boolean;
  search: string;
  rowProps?: RowProps;
}) {
  const name = hit.hotelName ?? hit.hotelId ?? 'Unknown hotel';
  const topTags = hit.tags.slice(0, CARD_TAGS);
  return (
    <li className={selected ? 'images-card images-card-selected' : 'images-card'}>
      <Link
        to={{ search }}
        className="images-card-link"
        data-image-id={hit.imageId}
        aria-current={selected ? 'true' : undefined}
        {...rowProps}
        aria-label={`${name}, ${formatSize(hit.width, hit.height)}${topTags.length ? `: ${topTags.map((t) => t.tag).join(', ')}` : ''}`}
      >
        <span className="images-thumb">
          {hit.url ? (
            <img src={hit.url} alt="" loading="lazy" decoding="async" />
          ) : (
            <span className="images-thumb-missing">No URL</span>
          )}
        </span>
        <span className="images-card-body">
          <span className="images-card-hotel" title={hit.hotelId ?? undefined}>
            {name}
          </span>
          <span className="images-card-size">
            {formatSize(hit.width, hit.height)}
            {hit.orientation && ` · ${hit.orientation}`}
          </span>
          {hit.visionError ? (
            <span className="images-card-error">Vision error {hit.visionError.code}</span>
          ) : (
            <span className="images-card-tags">
              {topTags.length === 0 && <span className="images-muted">no tags at this score</span>}
              {topTags.map((t) => (
                <span key={t.tag} className="images-tag" title={`score ${t.score.toFixed(2)}`}>
                  {t.tag}
                </span>
              ))}
              {hit.tags.length > CARD_TAGS && (
                <span className="images-muted">+{hit.tags.length - CARD_TAGS}</span>
              )}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
