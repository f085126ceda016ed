/** User timing for the benchmark's pages (`data-spendmeter-profile`); nothing on other pages. */

/** `fn`, timed as the user-timing measure `name` on each call; `fn` itself when `name` is null. */
export function timed<A extends unknown[], R>(name: string | null, fn: (...args: A) => R): (...args: A) => R {
  if (name === null) return fn;
  return (...args) => {
    const start = performance.now();
    try {
      return fn(...args);
    } finally {
      performance.measure(name, { start, end: performance.now() });
    }
  };
}

/** Like `timed`, but only calls that give a result (not null) leave a measure. */
export function timedResult<A extends unknown[], R>(name: string | null, fn: (...args: A) => R | null): (...args: A) => R | null {
  if (name === null) return fn;
  return (...args) => {
    const start = performance.now();
    const result = fn(...args);
    if (result !== null) performance.measure(name, { start, end: performance.now() });
    return result;
  };
}
