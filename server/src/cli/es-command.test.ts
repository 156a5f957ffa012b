import { describe, expect, it } from 'vitest';
import { esCommand } from './es-command.ts';
import { UsageError } from './usage-error.ts';

// Only the argument handling: each case is refused before any engine is looked at.
describe('es command arguments', () => {
  it('refuses more than one instance name, naming the extra words', async () => {
    await expect(esCommand(['start', 'test', 'now'], {})).rejects.toThrow(
      new UsageError('es start: unexpected "test now"'),
    );
    await expect(esCommand(['stop', 'test'], { instance: 'dev' })).rejects.toThrow(
      new UsageError('es stop: unexpected "test"'),
    );
  });

  it('checks a positional instance name like --instance', async () => {
    await expect(esCommand(['status', 'Test!'], {})).rejects.toThrow(/--instance: expected a name/);
  });

  it('names an unknown action', async () => {
    await expect(esCommand(['restart'], {})).rejects.toThrow(
      'es: expected start, stop or status, got "restart"',
    );
  });
});
