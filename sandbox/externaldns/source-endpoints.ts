// What ExternalDNS's `service` and `ingress` sources make of a cluster's objects: one endpoint per
// hostname and record type, targets from the load-balancer status (a hostname gives a CNAME, an
// IP an A record), the TTL annotation, and the `resource` label naming the object.
import type { JsonObject } from '../kube/field-paths';
import { findResourceType } from '../kube/kube-resources';
import { resourceKey, type KubeStore } from '../kube/kube-store';
import type { ExternalDnsSource } from './externaldns-args';

export interface SourceEndpoint {
  /** Lower-case, no trailing dot. */
  dnsName: string;
  recordType: 'A' | 'CNAME';
  targets: string[];
  /** Seconds; undefined when the object sets none (the provider's default applies). */
  ttl?: number;
  /** `service/<namespace>/<name>` or `ingress/<namespace>/<name>`. */
  resource: string;
}

export const HOSTNAME_ANNOTATION = 'external-dns.alpha.kubernetes.io/hostname';
export const TTL_ANNOTATION = 'external-dns.alpha.kubernetes.io/ttl';

const SERVICES = resourceKey(findResourceType('', 'v1', 'services')!);
const INGRESSES = resourceKey(findResourceType('networking.k8s.io', 'v1', 'ingresses')!);
/** Route 53 accepts TTLs up to 2^31 - 1 seconds. */
const MAX_TTL = 2_147_483_647;

interface ObjectMeta {
  name: string;
  namespace: string;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
}

const metaOf = (object: JsonObject) => object.metadata as unknown as ObjectMeta;

/** Integer seconds or a Go duration of whole seconds (`90`, `5m`, `1h30m`). */
export function parseTtlAnnotation(value: string): number | undefined {
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const parts = [...trimmed.matchAll(/(\d+)(h|m|s)/g)];
    if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) return undefined;
    const unit = { h: 3600, m: 60, s: 1 } as const;
    seconds = parts.reduce((sum, part) => sum + Number(part[1]) * unit[part[2] as 'h'], 0);
  }
  return seconds >= 1 && seconds <= MAX_TTL ? seconds : undefined;
}

const hostnamesOf = (annotation: string | undefined) =>
  (annotation ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase().replace(/\.$/, ''))
    .filter(Boolean);

function loadBalancerTargets(object: JsonObject): { hostnames: string[]; ips: string[] } {
  const status = (object.status ?? {}) as { loadBalancer?: { ingress?: JsonObject[] } };
  const hostnames: string[] = [];
  const ips: string[] = [];
  for (const entry of status.loadBalancer?.ingress ?? []) {
    if (typeof entry.hostname === 'string' && entry.hostname) hostnames.push(entry.hostname);
    else if (typeof entry.ip === 'string' && entry.ip) ips.push(entry.ip);
  }
  return { hostnames, ips };
}

function endpointsFor(
  dnsNames: string[],
  object: JsonObject,
  resource: string,
  warn: (message: string) => void,
): SourceEndpoint[] {
  const { hostnames, ips } = loadBalancerTargets(object);
  const ttlAnnotation = metaOf(object).annotations?.[TTL_ANNOTATION];
  const ttl = ttlAnnotation === undefined ? undefined : parseTtlAnnotation(ttlAnnotation);
  if (ttlAnnotation !== undefined && ttl === undefined)
    warn(`${resource}: ${TTL_ANNOTATION} "${ttlAnnotation}" is not a TTL; using the default`);
  const endpoints: SourceEndpoint[] = [];
  for (const dnsName of dnsNames) {
    if (ips.length > 0)
      endpoints.push({ dnsName, recordType: 'A', targets: [...ips].sort(), ttl, resource });
    if (hostnames.length > 0)
      endpoints.push({
        dnsName,
        recordType: 'CNAME',
        targets: [...hostnames].sort(),
        ttl,
        resource,
      });
  }
  return endpoints;
}

function serviceEndpoints(store: KubeStore, warn: (message: string) => void): SourceEndpoint[] {
  return store.list(SERVICES).flatMap((service) => {
    const meta = metaOf(service);
    const names = hostnamesOf(meta.annotations?.[HOSTNAME_ANNOTATION]);
    if (names.length === 0 || meta.deletionTimestamp) return [];
    const resource = `service/${meta.namespace}/${meta.name}`;
    // Only a load balancer has the external targets this source publishes by default.
    if ((service.spec as JsonObject | undefined)?.type !== 'LoadBalancer') return [];
    return endpointsFor(names, service, resource, warn);
  });
}

function ingressEndpoints(store: KubeStore, warn: (message: string) => void): SourceEndpoint[] {
  return store.list(INGRESSES).flatMap((ingress) => {
    const meta = metaOf(ingress);
    if (meta.deletionTimestamp) return [];
    const spec = (ingress.spec ?? {}) as {
      rules?: { host?: string }[];
      tls?: { hosts?: string[] }[];
    };
    const names = new Set([
      ...(spec.rules ?? []).flatMap((rule) => hostnamesOf(rule.host)),
      ...(spec.tls ?? []).flatMap((tls) => (tls.hosts ?? []).flatMap((host) => hostnamesOf(host))),
      ...hostnamesOf(meta.annotations?.[HOSTNAME_ANNOTATION]),
    ]);
    return endpointsFor([...names], ingress, `ingress/${meta.namespace}/${meta.name}`, warn);
  });
}

/**
 * Every endpoint the sources want. Two objects wanting one name and type: the first resource in
 * order wins, as ExternalDNS's per-resource conflict resolver picks one, and the other is reported.
 */
export function sourceEndpoints(
  store: KubeStore,
  sources: readonly ExternalDnsSource[],
  warn: (message: string) => void,
): SourceEndpoint[] {
  const all = [
    ...(sources.includes('service') ? serviceEndpoints(store, warn) : []),
    ...(sources.includes('ingress') ? ingressEndpoints(store, warn) : []),
  ].sort((a, b) => a.resource.localeCompare(b.resource));
  const chosen = new Map<string, SourceEndpoint>();
  for (const endpoint of all) {
    const key = `${endpoint.dnsName} ${endpoint.recordType}`;
    const taken = chosen.get(key);
    if (!taken) chosen.set(key, endpoint);
    else if (taken.resource !== endpoint.resource)
      warn(
        `${endpoint.resource} wants ${endpoint.dnsName} (${endpoint.recordType}), already published for ${taken.resource}; skipped`,
      );
  }
  return [...chosen.values()];
}
