// Drives the sandbox's control endpoints over HTTP, as a test in another process would.
import type { ConformanceTarget } from '../sandbox-target';

export async function control(
  target: ConformanceTarget,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${target.endpoint}/_sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} /_sandbox/${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export interface StatsSnapshot {
  operations: Record<
    string,
    { calls: number; throttled: number; priorRequestNotComplete: number; injectedFaults: number }
  >;
}

export const readStats = async (target: ConformanceTarget) =>
  (await control(target, 'GET', 'stats')) as unknown as StatsSnapshot;
