// Profiling on the benchmark's pages: a timed function is measured as user timing under its name,
// and is the function itself (no wrapper, no measure) on every other page.
import { describe, expect, it } from 'vitest';
import { timed } from '@/lib/tracker/profile';

describe('timed', () => {
  it('measures each call under its name, and passes arguments and results through', () => {
    performance.clearMeasures();
    const double = timed('test:double', (n: number) => n * 2);
    expect(double(4)).toBe(8);
    expect(performance.getEntriesByName('test:double')).toHaveLength(1);
  });

  it('is the function itself when not profiling', () => {
    const fn = (n: number) => n;
    expect(timed(null, fn)).toBe(fn);
  });
});
