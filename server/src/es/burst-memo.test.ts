import { describe, expect, it } from 'vitest';
import { createBurstMemo } from './burst-memo.ts';

describe('burst memo', () => {
  it('identical concurrent and near-simultaneous calls reach the engine once; after the window, again', async () => {
    let clock = 0;
    let calls = 0;
    const memo = createBurstMemo(3_000, () => clock);
    const load = async () => ++calls;
    expect(await Promise.all([memo('health', load), memo('health', load)])).toEqual([1, 1]);
    clock = 2_999;
    expect(await memo('health', load)).toBe(1);
    expect(await memo('indices', load)).toBe(2);
    clock = 3_000;
    expect(await memo('health', load)).toBe(3);
  });

  it('does not keep a failure: the next caller asks again', async () => {
    const memo = createBurstMemo(3_000, () => 0);
    await expect(memo('health', async () => Promise.reject(new Error('engine down')))).rejects.toThrow(
      'engine down',
    );
    await Promise.resolve();
    expect(await memo('health', async () => 'green')).toBe('green');
  });
});
