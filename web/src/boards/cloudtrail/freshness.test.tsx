import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Freshness } from './freshness.tsx';

const now = new Date('2026-11-26T10:43:00.000Z');

describe('Freshness', () => {
  it('says how old the newest event is, in the selected zone, without a warning when recent', () => {
    render(<Freshness newestEventTime="2026-11-26T10:40:00.000Z" now={now} tz="utc" />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Newest event 3 min ago (2026-11-26 10:40:00 UTC)');
    expect(status.dataset.stale).toBe('false');
  });

  it('flags data older than an hour as stale', () => {
    render(<Freshness newestEventTime="2026-11-26T08:38:00.000Z" now={now} tz="utc" />);
    const status = screen.getByRole('status');
    expect(status.textContent).toMatch(/^Newest event 2 h 5 min ago \(2026-11-26 08:38:00 UTC\) — stale/);
    expect(status.dataset.stale).toBe('true');
    expect(status.className).toContain('cloudtrail-freshness-stale');
  });

  it('is not stale at exactly one hour', () => {
    render(<Freshness newestEventTime="2026-11-26T09:43:00.000Z" now={now} tz="utc" />);
    expect(screen.getByRole('status').dataset.stale).toBe('false');
  });

  it('shows local time with its offset when the zone is local', () => {
    // Tests run in Europe/Berlin (vite.config.ts): GMT+1 in November.
    render(<Freshness newestEventTime="2026-11-26T10:40:00.000Z" now={now} tz="local" />);
    expect(screen.getByRole('status').textContent).toBe('Newest event 3 min ago (2026-11-26 11:40:00 GMT+1)');
  });

  it('tells how to load data when there is none', () => {
    render(<Freshness newestEventTime={null} now={now} tz="utc" />);
    expect(screen.getByRole('status').textContent).toBe(
      'No CloudTrail data yet — run npm run lookout -- ingest cloudtrail <dir>',
    );
  });
});
