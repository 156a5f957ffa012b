import { useId, type FormEvent } from 'react';
import { AddValueField, FilterChips, type FilterChip } from '../../components/filter-chips.tsx';
import type { cloudtrail } from '@lookout/server/types';
import { formatCount } from '../../lib/format-number.ts';
import {
  FILTER_FIELDS,
  FILTER_LABELS,
  type CloudtrailFiltersState,
  type FilterField,
  type Outcome,
} from './use-cloudtrail-filters.ts';

const PLACEHOLDERS: Record<FilterField, string> = {
  account: '111122223333',
  region: 'eu-west-1',
  eventSource: 'ec2.amazonaws.com',
  principal: 'user/alice',
  sourceIp: '203.0.113.7 or /24',
};

export interface FiltersBarProps {
  filters: CloudtrailFiltersState;
  /** Accounts seen in the range, offered in the account select; undefined until loaded. */
  accounts: cloudtrail.SummaryResponse['accounts'] | undefined;
}

export function FiltersBar({ filters, accounts }: FiltersBarProps) {
  const { update } = filters;
  const hasAny =
    FILTER_FIELDS.some((field) => filters.filters[field].length > 0) ||
    filters.outcome !== undefined ||
    filters.eventName.length > 0 ||
    filters.q !== undefined;

  return (
    <section className="filters" aria-label="Filters">
      <div className="filter-inputs">
        {accounts && accounts.length > 0 ? (
          <AccountSelect filters={filters} accounts={accounts} />
        ) : (
          <FilterInput field="account" filters={filters} />
        )}
        {FILTER_FIELDS.filter((field) => field !== 'account').map((field) => (
          <FilterInput key={field} field={field} filters={filters} />
        ))}
        <label className="field">
          <span>Outcome</span>
          <select
            value={filters.outcome ?? ''}
            onChange={(event) => update({ outcome: (event.target.value || null) as Outcome | null })}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </label>
        <SearchBox filters={filters} />
      </div>
      {hasAny ? (
        <ActiveFilters filters={filters} />
      ) : (
        <p className="hint">
          Type a value and press Enter to add it; several values of one field match any of them.
        </p>
      )}
    </section>
  );
}

function FilterInput({ field, filters }: { field: FilterField; filters: CloudtrailFiltersState }) {
  return (
    <AddValueField
      label={FILTER_LABELS[field]}
      placeholder={PLACEHOLDERS[field]}
      onAdd={(value) => filters.update({ [field]: [...filters.filters[field], value] })}
    />
  );
}

function AccountSelect({
  filters,
  accounts,
}: {
  filters: CloudtrailFiltersState;
  accounts: cloudtrail.SummaryResponse['accounts'];
}) {
  const chosen = new Set(filters.filters.account);
  return (
    <label className="field">
      <span>Account</span>
      <select
        value=""
        onChange={(event) => {
          if (event.target.value)
            filters.update({ account: [...filters.filters.account, event.target.value] });
        }}
      >
        <option value="">Add an account…</option>
        {accounts
          .filter((a) => !chosen.has(a.account))
          .map((a) => (
            <option key={a.account} value={a.account}>
              {a.account} ({formatCount(a.count)})
            </option>
          ))}
      </select>
    </label>
  );
}

function SearchBox({ filters }: { filters: CloudtrailFiltersState }) {
  const hintId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    filters.update({ q: value || null, event: null });
  };
  return (
    // Keyed on the URL value, so Back or a pivot shows the search that is actually applied.
    <form className="field cloudtrail-search" role="search" onSubmit={submit} key={filters.q ?? ''}>
      <label>
        <span>Search events</span>
        <input
          name="q"
          type="search"
          defaultValue={filters.q ?? ''}
          placeholder="API name, principal, IP, vol-…, i-…, ARN"
          aria-describedby={hintId}
          maxLength={256}
          spellCheck={false}
        />
      </label>
      <span id={hintId} className="visually-hidden">
        Press Enter to search. Narrows the events list only.
      </span>
    </form>
  );
}

function ActiveFilters({ filters }: { filters: CloudtrailFiltersState }) {
  const { update } = filters;
  const chips: (FilterChip & { eventsOnly?: boolean })[] = [];
  for (const field of FILTER_FIELDS) {
    for (const value of filters.filters[field]) {
      chips.push({
        key: `${field}=${value}`,
        label: FILTER_LABELS[field],
        value,
        remove: () => filters.toggle(field, value),
      });
    }
  }
  if (filters.outcome) {
    chips.push({
      key: 'outcome',
      label: 'Outcome',
      value: filters.outcome,
      remove: () => update({ outcome: null }),
    });
  }
  for (const value of filters.eventName) {
    chips.push({
      key: `eventName=${value}`,
      label: 'Event name',
      value,
      eventsOnly: true,
      remove: () => filters.toggle('eventName', value),
    });
  }
  if (filters.q) {
    chips.push({
      key: 'q',
      label: 'Search',
      value: filters.q,
      eventsOnly: true,
      remove: () => update({ q: null }),
    });
  }

  return (
    <FilterChips
      chips={chips.map((chip) =>
        chip.eventsOnly
          ? { ...chip, className: 'cloudtrail-chip-events', title: 'Narrows the events list only' }
          : chip,
      )}
      onClearAll={filters.clear}
    >
      {chips.some((chip) => chip.eventsOnly) && (
        <span className="hint">Dashed: narrows the events list only, not the chart or panels.</span>
      )}
    </FilterChips>
  );
}
