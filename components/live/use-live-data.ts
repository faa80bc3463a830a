'use client';

// Live data for pages that follow what the reconciler does: the server renders the first value,
// the browser reads it again at an interval that the data itself decides, and an action can ask
// for a read at once. A few lines instead of a query library, so that live pages stay within
// their first-load JavaScript budget (BENCHMARKS.md).
import { useCallback, useEffect, useRef, useState } from 'react';

type Reader = () => Promise<void>;
const readers = new Map<string, Set<Reader>>();

/** Reads `key` again now wherever it is shown; resolves once every reader has its answer. */
export async function refreshLiveData(key: string): Promise<void> {
  await Promise.all([...(readers.get(key) ?? [])].map((read) => read()));
}

export interface LiveData<T> {
  data: T;
  /** The last read failed: `data` is the last good value. */
  error: Error | null;
}

/**
 * `every(data)`: milliseconds until the next read, or false to stop until someone calls
 * refreshLiveData(key).
 */
export function useLiveData<T>({
  key,
  initial,
  read,
  every,
}: {
  key: string;
  initial: T;
  read: () => Promise<T>;
  every: (data: T) => number | false;
}): LiveData<T> {
  const [state, setState] = useState<LiveData<T> & { reads: number }>({
    data: initial,
    error: null,
    reads: 0,
  });
  const latest = useRef({ read, every });
  useEffect(() => {
    latest.current = { read, every };
  });
  // Answers can cross: only the newest request's answer is kept.
  const requested = useRef(0);
  const load = useCallback(async () => {
    const request = ++requested.current;
    try {
      const data = await latest.current.read();
      if (request === requested.current) {
        setState((s) => ({ data, error: null, reads: s.reads + 1 }));
      }
    } catch (error) {
      if (request === requested.current) {
        const failure = error instanceof Error ? error : new Error(String(error));
        setState((s) => ({ ...s, error: failure, reads: s.reads + 1 }));
      }
    }
  }, []);

  useEffect(() => {
    const set = readers.get(key) ?? new Set<Reader>();
    set.add(load);
    readers.set(key, set);
    return () => {
      set.delete(load);
    };
  }, [key, load]);

  // After every read, the data decides when the next one is.
  const { data, reads } = state;
  useEffect(() => {
    const wait = latest.current.every(data);
    if (wait === false) return;
    const timer = setTimeout(() => void load(), wait);
    return () => clearTimeout(timer);
  }, [data, reads, load]);

  return { data: state.data, error: state.error };
}

/** GET a JSON route; a failure says what the route answered. */
export async function readJson<T>(url: string, what: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw await readFailure(response, what);
  return (await response.json()) as T;
}

/** The error a route answered with, in its own words when it gave some. */
export async function readFailure(response: Response, what: string): Promise<Error> {
  const body = (await response.json().catch(() => null)) as {
    error?: { message?: string };
  } | null;
  return new Error(body?.error?.message ?? `${what} could not be read (HTTP ${response.status}).`);
}
