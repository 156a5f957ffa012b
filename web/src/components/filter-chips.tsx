import type { FormEvent, ReactNode } from 'react';

/** One active filter value, shown as `Label: value` with its own remove button. */
export interface FilterChip {
  key: string;
  label: string;
  value: string;
  remove(): void;
  /** A board's class for a chip that means something different (e.g. narrows one panel only). */
  className?: string;
  title?: string;
}

/**
 * The active filters as removable chips and a "Clear all" button, so the whole view reads at a
 * glance and each value can be undone on its own.
 */
export function FilterChips({
  chips,
  onClearAll,
  label = 'Active filters',
  className,
  children,
}: {
  chips: readonly FilterChip[];
  onClearAll(): void;
  /** The list's accessible name. */
  label?: string;
  className?: string;
  /** Said after the buttons (a note on what some chips mean). */
  children?: ReactNode;
}) {
  return (
    <div className={className ? `chips ${className}` : 'chips'}>
      <ul aria-label={label}>
        {chips.map((chip) => (
          <li
            key={chip.key}
            className={chip.className ? `chip ${chip.className}` : 'chip'}
            title={chip.title}
          >
            <span>
              {chip.label}: <strong>{chip.value}</strong>
            </span>
            <button type="button" onClick={chip.remove} aria-label={`Remove ${chip.label} ${chip.value}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="chips-clear" onClick={onClearAll}>
        Clear all
      </button>
      {children}
    </div>
  );
}

/** A text field that adds its trimmed value to a filter on Enter, then empties itself. */
export function AddValueField({
  label,
  placeholder,
  values = [],
  onAdd,
}: {
  label: string;
  placeholder: string;
  /** The filter's values: entering one of them again changes nothing (no new history entry). */
  values?: readonly string[];
  onAdd(value: string): void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem('value') as HTMLInputElement;
    const value = input.value.trim();
    if (!value) return;
    if (!values.includes(value)) onAdd(value);
    input.value = '';
  };
  return (
    <form className="field" onSubmit={submit}>
      <label>
        <span>{label}</span>
        <input name="value" type="text" placeholder={placeholder} autoComplete="off" spellCheck={false} />
      </label>
    </form>
  );
}
