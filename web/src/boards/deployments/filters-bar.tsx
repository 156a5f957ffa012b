import { AddValueField, FilterChips } from '../../components/filter-chips.tsx';
import {
  FILTER_FIELDS,
  PLATFORMS,
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
    <section className="filters" aria-label="Filters">
      <div className="filter-inputs">
        <AddValueField
          label={LABELS.environment}
          placeholder="production"
          values={filters.environment}
          onAdd={(value) => filters.update({ environment: [...filters.environment, value] })}
        />
        <AddValueField
          label={LABELS.service}
          placeholder="checkout-api"
          values={filters.service}
          onAdd={(value) => filters.update({ service: [...filters.service, value] })}
        />
        <fieldset className="field field-choices">
          <legend>{LABELS.platform}</legend>
          {PLATFORMS.map((platform) => (
            <label key={platform}>
              <input
                type="checkbox"
                checked={filters.platform.includes(platform)}
                onChange={() => filters.toggle('platform', platform)}
              />
              {PLATFORM_LABELS[platform]}
            </label>
          ))}
        </fieldset>
      </div>
      {chips.length > 0 ? (
        <FilterChips
          chips={chips.map(({ field, value }) => ({
            key: `${field}=${value}`,
            label: LABELS[field],
            value,
            remove: () => filters.toggle(field, value),
          }))}
          onClearAll={filters.clear}
        />
      ) : (
        <p className="hint">
          Type a value and press Enter to add it; several values of one field match any of them. Environment,
          service and platform narrow every panel; a stage, chosen under Failing stages, narrows the failures
          list.
        </p>
      )}
    </section>
  );
}
