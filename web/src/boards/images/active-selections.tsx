import type { images } from '@lookout/server/types';
import { FilterChips } from '../../components/filter-chips.tsx';
import { describeBbox } from './map-geometry.ts';
import { rangeLabel } from './size-ranges.ts';
import { hasSelections, type ImagesChange, type ImagesViewState } from './use-images-view.ts';

interface Chip {
  key: string;
  label: string;
  value: string;
  remove: ImagesChange;
}

/** Every selection as a chip with its own ×, so the whole view reads at a glance. */
export function ActiveSelections({
  view,
  response,
}: {
  view: ImagesViewState;
  /** For hotel names; the chips show ids until the first answer. */
  response: images.ImageSearchResponse | undefined;
}) {
  if (!hasSelections(view)) {
    return (
      <p className="hint">
        Nothing selected: every image counts. Pick tags above, tick filters, or drag a box on the map.
      </p>
    );
  }
  const hotelNames = new Map(response?.facets.hotels.map((h) => [h.hotelId, h.hotelName]) ?? []);
  const tagLabel = view.tags.length > 1 ? `Tag (${view.tagMode === 'all' ? 'all of' : 'any of'})` : 'Tag';
  const chips: Chip[] = [
    ...view.tags.map((tag) => ({
      key: `tag=${tag}`,
      label: tagLabel,
      value: tag,
      remove: { tags: view.tags.filter((t) => t !== tag) },
    })),
    ...view.labels.map((label) => ({
      key: `label=${label}`,
      label: 'Label',
      value: label,
      remove: { labels: view.labels.filter((l) => l !== label) },
    })),
    ...view.hotels.map((hotel) => ({
      key: `hotel=${hotel}`,
      label: 'Hotel',
      value: hotelNames.get(hotel) ?? hotel,
      remove: { hotel: view.hotels.filter((h) => h !== hotel) },
    })),
    ...view.orientations.map((orientation) => ({
      key: `orientation=${orientation}`,
      label: 'Orientation',
      value: orientation,
      remove: { orientation: view.orientations.filter((o) => o !== orientation) },
    })),
  ];
  if (view.width.min !== undefined || view.width.max !== undefined) {
    chips.push({ key: 'width', label: 'Width', value: rangeLabel(view.width), remove: { width: {} } });
  }
  if (view.height.min !== undefined || view.height.max !== undefined) {
    chips.push({ key: 'height', label: 'Height', value: rangeLabel(view.height), remove: { height: {} } });
  }
  if (view.minScore !== undefined) {
    chips.push({
      key: 'minScore',
      label: 'Min. score',
      value: view.minScore.toFixed(2),
      remove: { minScore: null },
    });
  }
  if (view.bbox) {
    chips.push({ key: 'bbox', label: 'Area', value: describeBbox(view.bbox), remove: { bbox: null } });
  }

  return (
    <FilterChips
      label="Active selections"
      className="images-chips"
      chips={chips.map((chip) => ({ ...chip, remove: () => view.update(chip.remove) }))}
      onClearAll={view.clear}
    />
  );
}
