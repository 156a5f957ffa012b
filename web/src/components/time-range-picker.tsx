import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  describeTimeRange,
  parseDateTimeLocalValue,
  toDateTimeLocalValue,
  zoneLabel,
} from '../lib/format-time.ts';
import { QUICK_RANGES } from '../lib/time-range.ts';
import { useResolvedTimeRange, useTimeRange } from '../lib/use-time-range.ts';

export function TimeRangePicker() {
  const { range, tz, setRange } = useTimeRange();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const label = describeTimeRange(range, tz);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  // A click anywhere else closes the panel, like any other popover.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      className="picker"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          // Closes the picker only, not a drawer under it too.
          event.preventDefault();
          close(true);
        }
      }}
    >
      {/* The name keeps the visible text, so "click Last 7 days" works for voice control too. */}
      <button
        ref={buttonRef}
        type="button"
        className="picker-button"
        aria-label={`Time range: ${label}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open && (
        <div id={panelId} className="picker-panel" role="dialog" aria-label="Choose time range">
          <div className="picker-quick">
            <h3>Quick ranges</h3>
            <ul>
              {QUICK_RANGES.map((quick) => {
                const current = range.from.text === quick.from && range.to.text === 'now';
                return (
                  <li key={quick.from}>
                    <button
                      type="button"
                      aria-pressed={current}
                      onClick={() => {
                        setRange(quick.from, 'now');
                        close(true);
                      }}
                    >
                      {quick.label}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
          <AbsoluteRangeForm
            onApply={(from, to) => {
              setRange(from.toISOString(), to.toISOString());
              close(true);
            }}
          />
        </div>
      )}
    </div>
  );
}

function AbsoluteRangeForm({ onApply }: { onApply: (from: Date, to: Date) => void }) {
  const { tz } = useTimeRange();
  const resolved = useResolvedTimeRange();
  const [error, setError] = useState<string | null>(null);
  const zone = zoneLabel(resolved.to, tz);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = parseDateTimeLocalValue(String(form.get('from') ?? ''), tz);
    const to = parseDateTimeLocalValue(String(form.get('to') ?? ''), tz);
    if (!from || !to) {
      setError('Enter both times.');
    } else if (from >= to) {
      setError('"From" must be before "To".');
    } else {
      setError(null);
      onApply(from, to);
    }
  };

  return (
    <form className="picker-absolute" onSubmit={submit} noValidate>
      <h3>Absolute range ({zone})</h3>
      <label>
        From
        <input
          type="datetime-local"
          name="from"
          defaultValue={toDateTimeLocalValue(resolved.from, tz)}
          required
        />
      </label>
      <label>
        To
        <input
          type="datetime-local"
          name="to"
          defaultValue={toDateTimeLocalValue(resolved.to, tz)}
          required
        />
      </label>
      {error && (
        <p className="picker-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Apply
      </button>
    </form>
  );
}
