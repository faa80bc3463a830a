// Drives the sandbox's control endpoints over HTTP, as a test in another process would. They are
// served on the Route 53 port for every service; `service` picks route53 (default), iam or sts.
import type { SandboxService } from '@/sandbox/throttle/service-controls';

/** The sandbox's Route 53 endpoint, where the control endpoints live. */
export interface ControlTarget {
  endpoint: string;
}

export async function control(target: ControlTarget, method: string, path: string, body?: unknown) {
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

export const readStats = async (target: ControlTarget, service: SandboxService = 'route53') =>
  (await control(target, 'GET', `stats?service=${service}`)) as unknown as StatsSnapshot;
