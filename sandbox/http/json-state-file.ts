// Persists a service's state as JSON: debounced writes after changes, atomic rename so a crash
// mid-write never leaves a truncated file behind.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface JsonStateFile<T> {
  load(): T | undefined;
  /** Schedules a write of `snapshot()` shortly; repeated calls within the delay coalesce. */
  scheduleSave(): void;
  /** Writes now if a save is pending. */
  flush(): void;
}

export function jsonStateFile<T>(
  filePath: string,
  snapshot: () => T,
  delayMs = 50,
  /** File mode; state holding credentials is written owner-readable only. */
  mode = 0o644,
): JsonStateFile<T> {
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    timer = undefined;
    mkdirSync(path.dirname(filePath), { recursive: true });
    const temporary = `${filePath}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot()), { mode });
    renameSync(temporary, filePath);
  };
  return {
    load: () =>
      existsSync(filePath) ? (JSON.parse(readFileSync(filePath, 'utf8')) as T) : undefined,
    scheduleSave: () => {
      timer ??= setTimeout(write, delayMs);
    },
    flush: () => {
      if (!timer) return;
      clearTimeout(timer);
      write();
    },
  };
}
