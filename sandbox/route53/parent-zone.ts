// The platform's parent zone (the base domain), created on first start and found by name after.
import { normalizeDnsName } from './dns-names';
import type { ZoneStore } from './zone-store';

export function ensureParentZone(
  store: ZoneStore,
  baseDomain: string,
): { id: string; name: string } {
  const name = normalizeDnsName(baseDomain);
  if (!name) throw new Error(`Base domain ${baseDomain} is not a valid DNS name`);
  const existing = [...store.zones.values()].find((zone) => zone.name === name);
  if (existing) return { id: existing.id, name: existing.name };
  // A fresh reference each time: a deleted parent zone's reference can never be reused.
  const { zone } = store.createZone(name, `zonekeeper-sandbox-parent:${name}:${Date.now()}`);
  return { id: zone.id, name: zone.name };
}
