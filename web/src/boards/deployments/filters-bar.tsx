import type { FormEvent } from 'react';
import {
  CLEAR_FILTERS,
  FILTER_FIELDS,
  PLATFORMS,
  toggleValue,
  type DeploymentsFiltersState,
  type FilterField,
} from './use-deployments-filters.ts';

const LABELS: Record<FilterField, string> = {
  environment: 'Environment',
  service: 'Service',
  platform: 'Platform component',
  stage: 'Stage',
};

const PLATFORM_LABELS: Record<string, string> = { ruby: 'Ruby', node: 'Node.js', codedeploy: 'CodeDeploy' };

export function FiltersBar({ filters }: { filters: DeploymentsFiltersState }) {
  const chips = FILTER_FIELDS.flatMap((field) => filters[field].map((value) => ({ field, value })));
  return (
    <section className="deployments-filters" aria-label="Filters">
      <div className="deployments-filter-inputs">
        <FilterInput field="environment" placeholder="production" filters={filters} />
        <FilterInput field="service" placeholder="checkout-api" filters={filters} />
        <fieldset className="deployments-field deployments-platforms">
          <legend>{LABELS.platform}</legend>
          {PLATFORMS.map((platform) => (
            <label key={platform}>
              <input
                type="checkbox"
                checked={filters.platform.includes(platform)}
                onChange={() => filters.update(toggleValue(filters, 'platform', platform))}
              />
              {PLATFORM_LABELS[platform]}
            </label>
          ))}
        </fieldset>
      </div>
      {chips.length > 0 ? (
        <div className="deployments-chips">
          <ul aria-label="Active filters">
            {chips.map(({ field, value }) => (
              <li key={`${field}=${value}`} className="deployments-chip">
                <span>
                  {LABELS[field]}: <strong>{value}</strong>
                </span>
                <button
                  type="button"
                  onClick={() => filters.update(toggleValue(filters, field, value))}
                  aria-label={`Remove ${LABELS[field]} ${value}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="deployments-clear" onClick={() => filters.update(CLEAR_FILTERS)}>
            Clear all
          </button>
        </div>
      ) : (
        <p className="deployments-hint">
          Type a value and press Enter to add it; several values of one field match any of them. Environment,
          service and platform narrow every panel; a stage, chosen under Failing stages, narrows the failures
          list.
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
  field: 'environment' | 'service';
  placeholder: string;
  filters: DeploymentsFiltersState;
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
    <form className="deployments-field" onSubmit={submit}>
      <label>
        <span>{LABELS[field]}</span>
        <input name="value" type="text" placeholder={placeholder} autoComplete="off" spellCheck={false} />
      </label>
    </form>
  );
}
