import type { containers } from '@lookout/server/types';
import { AddValueField, FilterChips } from '../../components/filter-chips.tsx';
import { Swatch } from '../../components/swatch.tsx';
import { REASON_ORDER, reasonStyle } from './reason-classes.ts';
import { FILTER_FIELDS, type ContainersFiltersState, type FilterField } from './use-containers-filters.ts';

const LABELS: Record<FilterField, string> = { service: 'Service', cluster: 'Cluster', reason: 'Reason' };

export function FiltersBar({ filters }: { filters: ContainersFiltersState }) {
  const chips = FILTER_FIELDS.flatMap((field) =>
    (filters[field] as readonly string[]).map((value) => ({ field, value })),
  );
  const chipText = (field: FilterField, value: string) =>
    field === 'reason' ? reasonStyle(value as containers.ReasonClass).label : value;

  return (
    <section className="filters" aria-label="Filters">
      <div className="filter-inputs">
        <AddValueField
          label={LABELS.service}
          placeholder="checkout-api"
          values={filters.service}
          onAdd={(value) => filters.update({ service: [...filters.service, value] })}
        />
        <AddValueField
          label={LABELS.cluster}
          placeholder="prod-eu"
          values={filters.cluster}
          onAdd={(value) => filters.update({ cluster: [...filters.cluster, value] })}
        />
        <fieldset className="field field-choices">
          <legend>{LABELS.reason}</legend>
          {REASON_ORDER.map((reason) => (
            <label key={reason} title={reasonStyle(reason).description}>
              <input
                type="checkbox"
                checked={filters.reason.includes(reason)}
                onChange={() => filters.toggle('reason', reason)}
              />
              <Swatch color={reasonStyle(reason).color} />
              {reasonStyle(reason).label}
            </label>
          ))}
        </fieldset>
      </div>
      {filters.ignoredReasons.length > 0 && (
        <p className="hint" role="status">
          Ignored unknown reason {filters.ignoredReasons.map((r) => `“${r}”`).join(', ')} from the link.
        </p>
      )}
      {chips.length > 0 ? (
        <FilterChips
          chips={chips.map(({ field, value }) => ({
            key: `${field}=${value}`,
            label: LABELS[field],
            value: chipText(field, value),
            remove: () => filters.toggle(field, value),
          }))}
          onClearAll={filters.clear}
        />
      ) : (
        <p className="hint">
          Type a service or cluster and press Enter to add it; several values of one field match any of them.
          Every filter narrows every panel.
        </p>
      )}
    </section>
  );
}
