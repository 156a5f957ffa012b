import { useEffect, useId, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { images } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { useCloseOnEscape } from '../../lib/use-keymap.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { imagesQueries } from './queries.ts';
import { formatSize } from './results-grid.tsx';
import type { ImagesViewState } from './use-images-view.ts';

export interface ImageDrawerProps {
  imageId: string;
  view: ImagesViewState;
  tz: TimeZoneOption;
}

/** The image in `?image=`, with every Vision tag and score; a reload opens it again. */
export function ImageDrawer({ imageId, view, tz }: ImageDrawerProps) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const query = useQuery(imagesQueries.image(imageId));
  const { update } = view;

  const close = () => {
    update({ image: null });
    // Back to the card that opened the drawer, so the keyboard user keeps their place.
    const cards = document.querySelectorAll<HTMLElement>('a[data-image-id]');
    [...cards].find((card) => card.dataset.imageId === imageId)?.focus();
  };

  useEffect(() => {
    closeRef.current?.focus();
  }, [imageId]);

  useCloseOnEscape(close);

  const image = query.data;
  return (
    <aside className="drawer images-drawer" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header className="drawer-header">
        <div>
          <h2 id={titleId}>{image?.hotelName ?? image?.hotelId ?? 'Image'}</h2>
          <p className="drawer-id">
            imageId <code>{imageId}</code>
            {image?.hotelId && (
              <>
                {' '}
                · hotel <code>{image.hotelId}</code>
              </>
            )}
          </p>
        </div>
        <button ref={closeRef} type="button" onClick={close} aria-label="Close image" title="Close (Esc)">
          ×
        </button>
      </header>
      <Panel title="Image details" query={query} tz={tz}>
        {(data) => <ImageDetails image={data} view={view} tz={tz} />}
      </Panel>
    </aside>
  );
}

function ImageDetails({
  image,
  view,
  tz,
}: {
  image: images.ImageDetailResponse;
  view: ImagesViewState;
  tz: TimeZoneOption;
}) {
  const hotelId = image.hotelId;
  // The view's own threshold when it sets one, else the server's (what the facets count).
  const threshold = view.minScore ?? image.minScore;
  const topicality = new Map(image.vision.labels.map((label) => [label.description.toLowerCase(), label]));
  return (
    <div className="images-details">
      {image.url && <img className="images-drawer-image" src={image.url} alt={`Image ${image.imageId}`} />}
      {image.vision.error && (
        <p className="images-vision-error" role="alert">
          Vision could not label this image: {image.vision.error.message} (code {image.vision.error.code})
        </p>
      )}
      <dl className="images-facts">
        <dt>Hotel</dt>
        <dd>
          {image.hotelName ?? '—'} {hotelId && <code>{hotelId}</code>}{' '}
          {hotelId && !(view.hotels.length === 1 && view.hotels[0] === hotelId) && (
            <button type="button" onClick={() => view.update({ hotel: [hotelId] })}>
              Only this hotel
            </button>
          )}
        </dd>
        <dt>Size</dt>
        <dd>
          {formatSize(image.width, image.height)}
          {image.orientation && ` · ${image.orientation}`}
        </dd>
        <dt>Location</dt>
        <dd>
          {image.location
            ? `${image.location.lat.toFixed(5)}, ${image.location.lon.toFixed(5)} (lat, lon)`
            : 'none'}
        </dd>
        <dt>Labels</dt>
        <dd>{image.labels.length > 0 ? image.labels.join(', ') : 'none'}</dd>
        {image.vision.landmarks.length > 0 && (
          <>
            <dt>Landmarks</dt>
            <dd>{image.vision.landmarks.map((landmark) => landmark.description).join(', ')}</dd>
          </>
        )}
        <dt>Ingested</dt>
        <dd>{image.ingestedAt ? formatTimestamp(new Date(image.ingestedAt), tz) : 'unknown'}</dd>
        {image.url && (
          <>
            <dt>URL</dt>
            <dd>
              <a href={image.url} target="_blank" rel="noreferrer">
                {image.url}
              </a>
            </dd>
          </>
        )}
      </dl>
      <table className="images-scores">
        <caption>
          Vision tags, best first. Scored under {threshold.toFixed(2)}: not counted
          {view.minScore === undefined
            ? ''
            : ` (this view’s minimum; the default is ${image.minScore.toFixed(2)})`}
          .
        </caption>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Score</th>
            <th scope="col" className="images-num">
              Topicality
            </th>
          </tr>
        </thead>
        <tbody>
          {image.tags.length === 0 && (
            <tr>
              <td colSpan={3} className="images-muted">
                No tags.
              </td>
            </tr>
          )}
          {image.tags.map((tag) => {
            const label = topicality.get(tag.tag);
            const counted = tag.score >= threshold;
            return (
              <tr key={tag.tag} className={counted ? undefined : 'images-not-counted'}>
                <td>
                  {tag.tag}
                  {!counted && <span className="images-muted"> (not counted)</span>}
                  {label?.mid && <span className="images-mid"> {label.mid}</span>}
                </td>
                <td>
                  <span className="images-score">
                    <span className="images-score-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round(tag.score * 100)}%` }} />
                    </span>
                    {tag.score.toFixed(2)}
                  </span>
                </td>
                <td className="images-num">
                  {typeof label?.topicality === 'number' ? label.topicality.toFixed(2) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
