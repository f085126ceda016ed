import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The value of a Dexie query, kept current as the ledger changes (undefined until first read).
 * `first`, a read of the same query started before the first render, is shown as soon as it
 * arrives; the live subscription starts after it, so the two never compete.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[] = [], first?: Promise<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let subscription: { unsubscribe(): void } | undefined;
    let active = true;
    void (first ?? Promise.resolve(undefined))
      .then((v) => active && v !== undefined && setValue((current) => current ?? v))
      .catch(() => undefined)
      .then(() => {
        if (active) subscription = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
      });
    return () => {
      active = false;
      subscription?.unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
