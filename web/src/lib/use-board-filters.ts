import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readList, readSingle, writeList } from './url-params.ts';

// A board's filters live in the query string next to from/to/refresh/tz, so a link or a reload
// restores the same view. A board declares its parameters once, as a field list; reading,
// writing, toggling and clearing are the same for every board and live here.

/** A repeated parameter (`?service=a&service=b`). */
export interface ListField<T extends string> {
  readonly kind: 'list';
  readonly only: readonly T[] | undefined;
}

/** A single parameter. `kept` ones (the open item, a drill-down's range) survive "Clear all". */
export interface SingleField<T extends string> {
  readonly kind: 'single' | 'kept';
  readonly only: readonly T[] | undefined;
}

/**
 * A filter that takes several values. With `only`, values outside it (a hand-edited link) are
 * dropped rather than sent, since the API refuses them, and the rest keep the order of `only`, so
 * the same choice always makes the same request.
 */
export function list<T extends string = string>(only?: readonly T[]): ListField<T> {
  return { kind: 'list', only };
}

/** A filter that takes one value; with `only`, any other value reads as unset. */
export function single<T extends string = string>(only?: readonly T[]): SingleField<T> {
  return { kind: 'single', only };
}

/** A parameter the board writes that is not a filter: "Clear all" leaves it as it is. */
export function kept(): SingleField<string> {
  return { kind: 'kept', only: undefined };
}

export type FilterFields = Readonly<Record<string, ListField<string> | SingleField<string>>>;

/** What the URL holds for each field: a list, or one value or undefined. */
export type FilterValues<F extends FilterFields> = {
  [K in keyof F]: F[K] extends ListField<infer T>
    ? T[]
    : F[K] extends SingleField<infer T>
      ? T | undefined
      : never;
};

/**
 * A change to the URL: a list replaces every value of its parameter (empty removes it); a single
 * value is set, or removed by null or ''. Parameters the change does not name are kept.
 */
export type FilterChange<F extends FilterFields> = {
  [K in keyof F]?: F[K] extends ListField<infer T>
    ? readonly T[]
    : F[K] extends SingleField<infer T>
      ? T | null
      : never;
};

/** A value of a list field. */
export type ListItem<F extends FilterFields, K extends keyof F> = F[K] extends ListField<infer T> ? T : never;

/** The fields that hold lists, the ones a value can be toggled in. */
export type ListFieldName<F extends FilterFields> = {
  [K in keyof F]: F[K] extends ListField<string> ? K : never;
}[keyof F] &
  string;

export function readFilters<F extends FilterFields>(fields: F, params: URLSearchParams): FilterValues<F> {
  const values: Record<string, string[] | string | undefined> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (field.kind === 'list') {
      const read = readList(params, name);
      values[name] = field.only ? field.only.filter((value) => read.includes(value)) : read;
    } else {
      const read = readSingle(params, name);
      values[name] = field.only && !field.only.includes(read ?? '') ? undefined : read;
    }
  }
  return values as FilterValues<F>;
}

/** A new URLSearchParams with `change` applied, in the order the fields are declared. */
export function applyFilterChange<F extends FilterFields>(
  fields: F,
  params: URLSearchParams,
  change: FilterChange<F>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, field] of Object.entries(fields)) {
    if (!(name in change)) continue;
    const value = change[name] as readonly string[] | string | null | undefined;
    if (field.kind === 'list') {
      if (value !== undefined) writeList(next, name, (value ?? []) as readonly string[]);
    } else if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value as string);
  }
  return next;
}

/** Every filter removed; `kept` parameters and those of other fields (range, zone) stay. */
export function clearFilters<F extends FilterFields>(fields: F): FilterChange<F> {
  const change: Record<string, readonly string[] | null> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (field.kind === 'list') change[name] = [];
    else if (field.kind === 'single') change[name] = null;
  }
  return change as FilterChange<F>;
}

/** Adds `value` to the list, or takes it out when it is already there. */
export function toggled<T extends string>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** The change that adds `value` to a list field, or takes it out when it is already there. */
export function toggleValue<F extends FilterFields, K extends ListFieldName<F>>(
  values: FilterValues<F>,
  field: K,
  value: ListItem<F, K>,
): FilterChange<F> {
  const lists = values as Readonly<Record<string, readonly string[] | undefined>>;
  const change: Record<string, readonly string[]> = { [field]: toggled(lists[field] ?? [], value) };
  return change as FilterChange<F>;
}

export interface BoardFilters<F extends FilterFields> {
  /** The fields as the URL holds them now. */
  values: FilterValues<F>;
  /** The whole query string, for what a board reads its own way. */
  searchParams: URLSearchParams;
  /** Filter changes are navigations: Back undoes them (unless `replace`). */
  update(change: FilterChange<F>, options?: { replace?: boolean }): void;
  /** `?…` for a link that applies `change`, so drill-downs are real links (new tab, keyboard). */
  searchFor(change: FilterChange<F>): string;
  /** Adds a value to a list filter, or removes it when it is already there. */
  toggle<K extends ListFieldName<F>>(field: K, value: ListItem<F, K>): void;
  /** "Clear all": every filter removed, the range and `kept` parameters stay. */
  clear(): void;
}

/** URL ⇄ filters for one board; `fields` is the board's module-level field list. */
export function useBoardFilters<F extends FilterFields>(fields: F): BoardFilters<F> {
  const [searchParams, setSearchParams] = useSearchParams();
  const values = useMemo(() => readFilters(fields, searchParams), [fields, searchParams]);

  const update = useCallback(
    (change: FilterChange<F>, options?: { replace?: boolean }) =>
      setSearchParams((previous) => applyFilterChange(fields, previous, change), {
        replace: options?.replace,
      }),
    [fields, setSearchParams],
  );
  const searchFor = useCallback(
    (change: FilterChange<F>) => `?${applyFilterChange(fields, searchParams, change).toString()}`,
    [fields, searchParams],
  );
  const toggle = useCallback(
    <K extends ListFieldName<F>>(field: K, value: ListItem<F, K>) =>
      update(toggleValue(values, field, value)),
    [update, values],
  );
  const clear = useCallback(() => update(clearFilters(fields)), [fields, update]);

  return { values, searchParams, update, searchFor, toggle, clear };
}
