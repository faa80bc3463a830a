// `zk gc plan`: the collector's plan for the zones in the store, as of a time. Read-only.
import type { Store } from '@/db/open-store';
import { loadGcInput } from './load-gc-input';
import { planCollection, type GcDecision } from './plan-collection';

export interface GcPlanLine {
  org: string;
  zoneId: string;
  action: GcDecision['action'];
  at: string | null;
  reason: string;
}

export async function planGc(store: Store, now: Date): Promise<GcDecision[]> {
  return planCollection(await loadGcInput(store, now));
}

export function toGcPlanLine(decision: GcDecision): GcPlanLine {
  const { org, zoneId, action, at, reason } = decision;
  return { org, zoneId, action, at: at?.toISOString() ?? null, reason };
}
