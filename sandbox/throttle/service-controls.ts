// One service's fault injector and call counters. Each AWS stand-in gets its own pair, so a
// service's totals count only its calls and a '*' fault reaches only its operations.
import { CallStats } from './call-stats';
import { FaultInjector, type OperationFaults } from './fault-injection';

export const SANDBOX_SERVICES = ['route53', 'iam', 'sts'] as const;
export type SandboxService = (typeof SANDBOX_SERVICES)[number];

export interface ServiceControls {
  faults: FaultInjector;
  stats: CallStats;
}

export function createServiceControls(
  faults: Record<string, OperationFaults> = {},
  random?: () => number,
): ServiceControls {
  const injector = new FaultInjector(random);
  for (const [operation, operationFaults] of Object.entries(faults)) {
    injector.set(operation, operationFaults);
  }
  return { faults: injector, stats: new CallStats() };
}
