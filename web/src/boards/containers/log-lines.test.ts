import { describe, expect, it } from 'vitest';
import {
  firstErrorIndex,
  highlightSegments,
  lineMatches,
  logAsText,
  shortContainerName,
  type LogLine,
} from './log-lines.ts';
import { connectionRefusedDetail } from './test-fixtures.ts';

const line = (source: LogLine['source'], text: string, container = 'app'): LogLine => ({
  timestamp: '2026-11-26T10:04:11.000Z',
  source,
  container,
  line: text,
});

describe('startup log lines', () => {
  it('finds the first error line among the stderr lines', () => {
    expect(firstErrorIndex(connectionRefusedDetail.logs, 'Error: connect ECONNREFUSED 10.0.3.17:5432')).toBe(
      3,
    );
  });

  it('prefers the stderr copy when stdout printed the same text first', () => {
    const logs = [line('stdout', 'FATAL: config missing'), line('stderr', 'FATAL: config missing')];
    expect(firstErrorIndex(logs, 'FATAL: config missing')).toBe(1);
  });

  it('has no position without a first error line or when the log does not hold it', () => {
    expect(firstErrorIndex(connectionRefusedDetail.logs, null)).toBeNull();
    expect(firstErrorIndex(connectionRefusedDetail.logs, 'panic: nil map')).toBeNull();
  });

  it('matches case-insensitively and treats a blank search as everything', () => {
    expect(lineMatches('Error: connect ECONNREFUSED', 'econnrefused')).toBe(true);
    expect(lineMatches('Starting orders-api', 'refused')).toBe(false);
    expect(lineMatches('anything', '  ')).toBe(true);
  });

  it('cuts a line into plain and matching pieces, every occurrence, keeping the original case', () => {
    expect(highlightSegments('Error: error ERROR', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': ', match: false },
      { text: 'error', match: true },
      { text: ' ', match: false },
      { text: 'ERROR', match: true },
    ]);
    expect(highlightSegments('no match here', 'xyz')).toEqual([{ text: 'no match here', match: false }]);
  });

  it('copies as one line per entry with UTC time and source, naming containers only when several', () => {
    expect(logAsText([line('stdout', 'a'), line('stderr', 'b')])).toBe(
      '2026-11-26T10:04:11.000Z stdout a\n2026-11-26T10:04:11.000Z stderr b',
    );
    expect(logAsText([line('stdout', 'a'), line('stderr', 'b', 'envoy')])).toBe(
      '2026-11-26T10:04:11.000Z stdout app a\n2026-11-26T10:04:11.000Z stderr envoy b',
    );
  });

  it("names a line's container by its ECS name rather than Docker's", () => {
    const names = ['booking-engine', 'envoy', 'engine'];
    expect(shortContainerName('ecs-booking-engine-257-booking-engine-818206f7c742967660aa', names)).toBe(
      'booking-engine',
    );
    expect(shortContainerName('ecs-booking-engine-257-envoy-a2c4e6f8b0d1f3a5c7e9', names)).toBe('envoy');
    expect(shortContainerName('my-own-container', names)).toBe('my-own-container');
  });
});
