import { useState, type FormEvent } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { AddValueField, FilterChips, type FilterChip } from '../../components/filter-chips.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { ExportMenu } from '../../components/export-menu.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { Panel } from '../../components/panel.tsx';
import { countOf, formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { rowOpenProps, useListNavigation, type RowProps } from '../../lib/use-list-navigation.ts';
import { tracesQueries, type TraceHit } from './queries.ts';
import { formatDurationUs } from './span-text.ts';
import { isAttributeFilter, type TraceSort, type useTracesFilters } from './use-traces-filters.ts';
import { isoToEpochUs } from './trace-tree.ts';

type Filters = ReturnType<typeof useTracesFilters>;

/** Trace search: every filter is applied by the engine before the page limit, so no error trace goes missing. */
export function TraceSearchPanel({ filters, tz }: { filters: Filters; tz: TimeZoneOption }) {
  const refetchInterval = useRefreshInterval();
  const query = useInfiniteQuery({
    ...tracesQueries.search(filters.searchQuery),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const hits = query.data?.pages.flatMap((page) => page.traces) ?? [];
  const navigation = useListNavigation(
    hits.map((hit) => hit.traceId),
    { primary: true },
  );

  return (
    <Panel
      title="Traces"
      tz={tz}
      query={{ ...query, isFetching: query.isFetching && !query.isFetchingNextPage }}
      isEmpty={() => hits.length === 0}
      emptyMessage="No trace in this time range matches these filters."
      actions={
        <>
          <SortSelect filters={filters} />
          <ExportMenu path="/api/traces/search" params={filters.searchQuery} />
        </>
      }
    >
      {() => (
        <>
          <DataTable
            caption="Traces matching the filters"
            className="traces-results"
            navigation={navigation}
            columns={[
              'Start',
              'Root',
              { label: 'Duration', numeric: true },
              { label: 'Spans', numeric: true },
              { label: 'Errors', numeric: true },
              'Services',
            ]}
          >
            {hits.map((hit) => (
              <TraceRow key={hit.traceId} hit={hit} tz={tz} row={navigation.rowProps(hit.traceId)} />
            ))}
          </DataTable>
          <LoadMore query={query} summary={`Showing ${countOf(hits.length, 'trace')}`} />
        </>
      )}
    </Panel>
  );
}

function TraceRow({ hit, tz, row }: { hit: TraceHit; tz: TimeZoneOption; row: RowProps }) {
  return (
    <tr className={hit.errorCount > 0 ? 'traces-result-error' : undefined} {...row}>
      <td>{formatTimestamp(new Date(isoToEpochUs(hit.start) / 1000), tz)}</td>
      <td>
        <Link to={`/traces/${hit.traceId}`} {...rowOpenProps}>
          {hit.rootService}: {hit.rootName}
        </Link>
      </td>
      <td className="num">{formatDurationUs(hit.durationUs)}</td>
      <td className="num">{formatCount(hit.spanCount)}</td>
      <td className="num">{formatCount(hit.errorCount)}</td>
      <td className="traces-result-services">{hit.services.join(', ')}</td>
    </tr>
  );
}

function SortSelect({ filters }: { filters: Filters }) {
  return (
    <label className="field traces-sort">
      <span>Sort</span>
      <select
        value={filters.values.sort ?? 'newest'}
        onChange={(event) =>
          filters.update({ sort: event.target.value === 'newest' ? null : (event.target.value as TraceSort) })
        }
      >
        <option value="newest">Newest first</option>
        <option value="slowest">Slowest first</option>
      </select>
    </label>
  );
}

/** The search's filters; each change is a navigation, so Back undoes it. */
export function TraceFilters({ filters, services }: { filters: Filters; services: readonly string[] }) {
  const { values, update } = filters;
  const chip = (key: string, label: string, value: string, remove: () => void): FilterChip => ({
    key,
    label,
    value,
    remove,
  });
  const chips: FilterChip[] = [
    ...(values.service ? [chip('service', 'Service', values.service, () => update({ service: null }))] : []),
    ...(values.operation
      ? [chip('operation', 'Operation', values.operation, () => update({ operation: null }))]
      : []),
    ...(values.minDurationMs
      ? [chip('min', 'At least', `${values.minDurationMs} ms`, () => update({ minDurationMs: null }))]
      : []),
    ...(values.maxDurationMs
      ? [chip('max', 'At most', `${values.maxDurationMs} ms`, () => update({ maxDurationMs: null }))]
      : []),
    ...values.attribute.map((attribute) =>
      chip(`attribute-${attribute}`, 'Attribute', attribute, () =>
        update({ attribute: values.attribute.filter((a) => a !== attribute) }),
      ),
    ),
    ...(values.durationOf
      ? [chip('durationOf', 'Durations of', 'the matching span', () => update({ durationOf: null }))]
      : []),
    ...(values.status ? [chip('status', 'Status', 'errors only', () => update({ status: null }))] : []),
  ];

  return (
    <section className="filters traces-filters" aria-label="Trace filters">
      <div className="filter-inputs">
        <label className="field">
          <span>Service</span>
          <select
            value={values.service ?? ''}
            onChange={(event) => update({ service: event.target.value || null })}
          >
            <option value="">Any</option>
            {[...new Set([...services, ...(values.service ? [values.service] : [])])]
              .sort()
              .map((service) => (
                <option key={service} value={service}>
                  {service}
                </option>
              ))}
          </select>
        </label>
        <AddValueField
          label="Operation"
          placeholder="GET /api/orders"
          onAdd={(operation) => update({ operation })}
        />
        <DurationField
          key={`min-${values.minDurationMs ?? ''}`}
          label="Min duration (ms)"
          value={values.minDurationMs}
          onChange={(minDurationMs) => update({ minDurationMs })}
        />
        <DurationField
          key={`max-${values.maxDurationMs ?? ''}`}
          label="Max duration (ms)"
          value={values.maxDurationMs}
          onChange={(maxDurationMs) => update({ maxDurationMs })}
        />
        <AddValueField
          label="Attribute"
          placeholder="http.response.status_code:500"
          onAdd={(attribute) => {
            if (isAttributeFilter(attribute)) update({ attribute: [...values.attribute, attribute] });
          }}
        />
        <label className="field traces-errors-only">
          <input
            type="checkbox"
            checked={values.status === 'error'}
            onChange={(event) => update({ status: event.target.checked ? 'error' : null })}
          />
          <span>Errors only</span>
        </label>
      </div>
      {chips.length > 0 ? (
        <FilterChips chips={chips} onClearAll={filters.clear} />
      ) : (
        <p className="hint">Attributes are written key:value and must all match.</p>
      )}
    </section>
  );
}

function DurationField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | null) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    onChange(trimmed && Number.isFinite(Number(trimmed)) && Number(trimmed) >= 0 ? trimmed : null);
  };
  return (
    <form className="field" onSubmit={submit}>
      <label>
        <span>{label}</span>
        <input
          type="number"
          min={0}
          step="any"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onBlur={submit}
        />
      </label>
    </form>
  );
}
