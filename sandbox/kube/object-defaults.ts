// The defaults and server-assigned fields the real API server and its controllers add on write:
// Namespace phase, Secret type, Service cluster IP, node ports and (as a cloud controller would)
// a load-balancer hostname, Deployment strategy and pod-template defaults.
import { createHash } from 'node:crypto';
import { isJsonObject, type JsonObject } from './field-paths';

export interface DefaultingContext {
  region: string;
  /** A cluster IP not yet taken, from the cluster's service range. */
  allocateClusterIp(): string;
  /** A node port (30000-32767) that no Service holds, nor `alsoTaken`. */
  allocateNodePort(alsoTaken: readonly unknown[]): number;
}

const objectAt = (parent: JsonObject, key: string): JsonObject => {
  if (!isJsonObject(parent[key])) parent[key] = {};
  return parent[key] as JsonObject;
};

/**
 * The hostname AWS would give the Service's classic load balancer, `<name>-<id>.<region>.elb.
 * amazonaws.com`, derived from the uid so it is stable across restarts and unique per Service.
 */
export function loadBalancerHostname(uid: string, region: string): string {
  const hash = createHash('sha256').update(uid).digest('hex');
  const id = (parseInt(hash.slice(32, 44), 16) % 10_000_000_000).toString().padStart(10, '0');
  return `a${hash.slice(0, 31)}-${id}.${region}.elb.amazonaws.com`;
}

function defaultNamespace(object: JsonObject): void {
  const metadata = objectAt(object, 'metadata');
  objectAt(metadata, 'labels')['kubernetes.io/metadata.name'] = metadata.name;
  objectAt(object, 'spec').finalizers ??= ['kubernetes'];
  object.status = { phase: metadata.deletionTimestamp ? 'Terminating' : 'Active' };
}

function defaultSecret(object: JsonObject): void {
  object.type ??= 'Opaque';
  if (isJsonObject(object.stringData)) {
    const data = objectAt(object, 'data');
    for (const [key, value] of Object.entries(object.stringData))
      data[key] = Buffer.from(String(value), 'utf8').toString('base64');
    delete object.stringData;
  }
}

function defaultService(
  object: JsonObject,
  previous: JsonObject | undefined,
  context: DefaultingContext,
): void {
  const spec = objectAt(object, 'spec');
  const previousSpec = isJsonObject(previous?.spec) ? previous.spec : {};
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type === 'ExternalName') return;
  // The cluster IP is immutable: an update keeps the one first allocated.
  spec.clusterIP ??= previousSpec.clusterIP ?? context.allocateClusterIp();
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  const exposed = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (exposed) spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const previousPorts = Array.isArray(previousSpec.ports)
    ? (previousSpec.ports as JsonObject[])
    : [];
  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports as JsonObject[]) {
      if (!isJsonObject(port)) continue;
      port.protocol ??= 'TCP';
      port.targetPort ??= port.port;
      if (exposed && port.nodePort === undefined) {
        const kept = previousPorts.find((old) => old.port === port.port)?.nodePort;
        const inThisService = (spec.ports as JsonObject[]).map((other) => other.nodePort);
        port.nodePort = kept ?? context.allocateNodePort(inThisService);
      }
    }
  }
  const uid = String((object.metadata as JsonObject).uid);
  object.status = {
    loadBalancer:
      spec.type === 'LoadBalancer'
        ? { ingress: [{ hostname: loadBalancerHostname(uid, context.region) }] }
        : {},
  };
}

function imagePullPolicyOf(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  if (lastSegment.includes('@')) return 'IfNotPresent';
  return !lastSegment.includes(':') || lastSegment.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

function defaultDeployment(object: JsonObject): void {
  const spec = objectAt(object, 'spec');
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate' };
  const strategy = spec.strategy as JsonObject;
  if (strategy.type === 'RollingUpdate')
    strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
  const podSpec = objectAt(objectAt(spec, 'template'), 'spec');
  podSpec.restartPolicy ??= 'Always';
  podSpec.terminationGracePeriodSeconds ??= 30;
  podSpec.dnsPolicy ??= 'ClusterFirst';
  podSpec.schedulerName ??= 'default-scheduler';
  podSpec.securityContext ??= {};
  for (const container of Array.isArray(podSpec.containers) ? podSpec.containers : []) {
    if (!isJsonObject(container)) continue;
    container.imagePullPolicy ??= imagePullPolicyOf(container.image);
    container.terminationMessagePath ??= '/dev/termination-log';
    container.terminationMessagePolicy ??= 'File';
    container.resources ??= {};
  }
}

/** Fills in defaults on `object` in place; `previous` is the stored object on update. */
export function applyDefaults(
  kind: string,
  object: JsonObject,
  previous: JsonObject | undefined,
  context: DefaultingContext,
): void {
  if (kind === 'Namespace') defaultNamespace(object);
  if (kind === 'Secret') defaultSecret(object);
  if (kind === 'Service') defaultService(object, previous, context);
  if (kind === 'Deployment') defaultDeployment(object);
}
