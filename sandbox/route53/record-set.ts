// A resource record set as the sandbox stores it, and the identity Route 53 gives it (name, type, set id).

export interface AliasTarget {
  hostedZoneId: string;
  dnsName: string;
  evaluateTargetHealth: boolean;
}

export interface ResourceRecordSet {
  name: string;
  type: string;
  setIdentifier?: string;
  weight?: number;
  region?: string;
  failover?: string;
  multiValueAnswer?: boolean;
  healthCheckId?: string;
  ttl?: number;
  values: string[];
  aliasTarget?: AliasTarget;
}

export const RECORD_TYPES = new Set([
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'DS',
  'HTTPS',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'SVCB',
  'TLSA',
  'TXT',
]);

export function recordSetKey(
  name: string,
  type: string,
  setIdentifier: string | undefined,
): string {
  return `${name}|${type}|${setIdentifier ?? ''}`;
}

export function describeRecordSet(set: {
  name: string;
  type: string;
  setIdentifier?: string;
}): string {
  const id = set.setIdentifier === undefined ? '' : `, set-identifier='${set.setIdentifier}'`;
  return `[name='${set.name}', type='${set.type}'${id}]`;
}

/** Whether two sets hold the same data, as Route 53 requires for a DELETE (value order is irrelevant). */
export function sameRecordData(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  if (a.ttl !== b.ttl || a.weight !== b.weight || a.region !== b.region) return false;
  if (a.failover !== b.failover || a.multiValueAnswer !== b.multiValueAnswer) return false;
  if (a.healthCheckId !== b.healthCheckId) return false;
  if (Boolean(a.aliasTarget) !== Boolean(b.aliasTarget)) return false;
  if (a.aliasTarget && b.aliasTarget) {
    const [x, y] = [a.aliasTarget, b.aliasTarget];
    if (x.hostedZoneId !== y.hostedZoneId || x.dnsName !== y.dnsName) return false;
    if (x.evaluateTargetHealth !== y.evaluateTargetHealth) return false;
  }
  if (a.values.length !== b.values.length) return false;
  const sortedA = [...a.values].sort();
  const sortedB = [...b.values].sort();
  return sortedA.every((value, i) => value === sortedB[i]);
}
