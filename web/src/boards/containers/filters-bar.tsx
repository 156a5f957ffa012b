import type { FormEvent } from 'react';
import type { ReasonClass } from '@lookout/server/types';
import { Swatch } from './badges.tsx';
import { REASON_ORDER, reasonStyle } from './reason-classes.ts';
import {
  CLEAR_FILTERS,
  FILTER_FIELDS,
  toggleValue,
  type ContainersFiltersState,
  type FilterField,
} from './use-containers-filters.ts';

const LABELS: Record<FilterField, string> = { service: 'Service', cluster: 'Cluster', reason: 'Reason' };

export function FiltersBar({ filters }: { filters: ContainersFiltersState }) {
  const chips = FILTER_FIELDS.flatMap((field) =>
    (filters[field] as readonly string[]).map((value) => ({ field, value })),
  );
  const chipText = (field: FilterField, value: string) =>
    field === 'reason' ? reasonStyle(value as ReasonClass).label : value;

  return (
    <section className="containers-filters" aria-label="Filters">
      <div className="containers-filter-inputs">
        <FilterInput field="service" placeholder="checkout-api" filters={filters} />
        <FilterInput field="cluster" placeholder="prod-eu" filters={filters} />
        <fieldset className="containers-field containers-reasons">
          <legend>{LABELS.reason}</legend>
          {REASON_ORDER.map((reason) => (
            <label key={reason} title={reasonStyle(reason).description}>
              <input
                type="checkbox"
                checked={filters.reason.includes(reason)}
                onChange={() => filters.update(toggleValue(filters, 'reason', reason))}
              />
              <Swatch color={reasonStyle(reason).color} />
              {reasonStyle(reason).label}
            </label>
          ))}
        </fieldset>
      </div>
      {filters.ignoredReasons.length > 0 && (
        <p className="containers-hint" role="status">
          Ignored unknown reason {filters.ignoredReasons.map((r) => `“${r}”`).join(', ')} from the link.
        </p>
      )}
      {chips.length > 0 ? (
        <div className="containers-chips">
          <ul aria-label="Active filters">
            {chips.map(({ field, value }) => (
              <li key={`${field}=${value}`} className="containers-chip">
                <span>
                  {LABELS[field]}: <strong>{chipText(field, value)}</strong>
                </span>
                <button
                  type="button"
                  onClick={() => filters.update(toggleValue(filters, field, value))}
                  aria-label={`Remove ${LABELS[field]} ${chipText(field, value)}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => filters.update(CLEAR_FILTERS)}>
            Clear all
          </button>
        </div>
      ) : (
        <p className="containers-hint">
          Type a service or cluster and press Enter to add it; several values of one field match any of them.
          Every filter narrows every panel.
        </p>
      )}
    </section>
  );
}

function FilterInput({
  field,
  placeholder,
  filters,
}: {
  field: 'service' | 'cluster';
  placeholder: string;
  filters: ContainersFiltersState;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('value') as HTMLInputElement;
    const value = input.value.trim();
    if (!value) return;
    if (!filters[field].includes(value)) filters.update({ [field]: [...filters[field], value] });
    input.value = '';
  };
  return (
    <form className="containers-field" onSubmit={submit}>
      <label>
        <span>{LABELS[field]}</span>
        <input name="value" type="text" placeholder={placeholder} autoComplete="off" spellCheck={false} />
      </label>
    </form>
  );
}
