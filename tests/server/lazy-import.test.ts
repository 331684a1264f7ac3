import { describe, expect, it } from 'vitest';
import { lazyImport } from '../../server/src/lib/lazy-require';

describe('a module loaded on first use (lazyImport)', () => {
  it('is not loaded until asked for, then loaded once for every caller', async () => {
    let loads = 0;
    const load = lazyImport(async () => {
      loads++;
      return { value: 42 };
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(loads).toBe(1);
  });

  it('tries a failed load again on the next use instead of remembering the failure', async () => {
    let loads = 0;
    const load = lazyImport(async () => {
      loads++;
      if (loads === 1) throw new Error('not there yet');
      return 'loaded';
    });
    await expect(load()).rejects.toThrow('not there yet');
    expect(await load()).toBe('loaded');
    expect(loads).toBe(2);
  });
});
