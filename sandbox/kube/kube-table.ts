// Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` asks for, with the columns
// the real API server prints per kind (READY/UP-TO-DATE/AVAILABLE, TYPE/CLUSTER-IP/EXTERNAL-IP...).
import { isJsonObject, type JsonObject } from './field-paths';

type Cell = string | number;
interface Column {
  name: string;
  type: 'string' | 'integer';
  cell(object: JsonObject, now: number): Cell;
}

const at = (object: JsonObject, path: string): unknown => {
  let current: unknown = object;
  for (const segment of path.split('.'))
    current = isJsonObject(current) ? current[segment] : undefined;
  return current;
};
const text = (value: unknown, fallback = '<none>'): string =>
  value === undefined || value === null || value === '' ? fallback : String(value);

/** kubectl's duration.HumanDuration, as the AGE column shows it. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0
      ? `${Math.floor(hours / 24)}d`
      : `${Math.floor(hours / 24)}d${hours % 24}h`;
  const days = Math.floor(hours / 24);
  if (days < 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  return days % 365 === 0 || years >= 8 ? `${years}y` : `${years}y${days % 365}d`;
}

const name: Column = {
  name: 'Name',
  type: 'string',
  cell: (object) => text(at(object, 'metadata.name'), ''),
};
const age: Column = {
  name: 'Age',
  type: 'string',
  cell: (object, now) =>
    humanDuration(now - Date.parse(String(at(object, 'metadata.creationTimestamp')))),
};
const column = (
  columnName: string,
  cell: Column['cell'],
  type: Column['type'] = 'string',
): Column => ({
  name: columnName,
  type,
  cell,
});
const integer = (columnName: string, cell: Column['cell']) => column(columnName, cell, 'integer');

function servicePorts(object: JsonObject): string {
  const ports = at(object, 'spec.ports');
  if (!Array.isArray(ports) || ports.length === 0) return '<none>';
  return ports
    .map(
      (port: JsonObject) =>
        `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`,
    )
    .join(',');
}

function externalIp(object: JsonObject): string {
  const type = at(object, 'spec.type');
  if (type === 'ExternalName') return text(at(object, 'spec.externalName'));
  const ingress = at(object, 'status.loadBalancer.ingress');
  if (Array.isArray(ingress) && ingress.length > 0)
    return ingress.map((entry: JsonObject) => entry.hostname ?? entry.ip).join(',');
  return type === 'LoadBalancer' ? '<pending>' : '<none>';
}

const COLUMNS: Record<string, Column[]> = {
  Namespace: [name, column('Status', (o) => text(at(o, 'status.phase'), '')), age],
  Deployment: [
    name,
    column(
      'Ready',
      (o) => `${Number(at(o, 'status.readyReplicas') ?? 0)}/${Number(at(o, 'spec.replicas') ?? 0)}`,
    ),
    integer('Up-to-date', (o) => Number(at(o, 'status.updatedReplicas') ?? 0)),
    integer('Available', (o) => Number(at(o, 'status.availableReplicas') ?? 0)),
    age,
  ],
  Secret: [
    name,
    column('Type', (o) => text(o.type, '')),
    integer('Data', (o) => Object.keys(isJsonObject(o.data) ? o.data : {}).length),
    age,
  ],
  Service: [
    name,
    column('Type', (o) => text(at(o, 'spec.type'), '')),
    column('Cluster-IP', (o) => text(at(o, 'spec.clusterIP'))),
    column('External-IP', externalIp),
    column('Port(s)', servicePorts),
    age,
  ],
  ServiceAccount: [
    name,
    integer('Secrets', (o) => (Array.isArray(o.secrets) ? o.secrets.length : 0)),
    age,
  ],
  Node: [
    name,
    column('Status', () => 'Ready'),
    column('Roles', (o) => {
      const labels = at(o, 'metadata.labels');
      const roles = Object.keys(isJsonObject(labels) ? labels : {})
        .filter((key) => key.startsWith('node-role.kubernetes.io/'))
        .map((key) => key.slice('node-role.kubernetes.io/'.length));
      return roles.length > 0 ? roles.join(',') : '<none>';
    }),
    age,
    column('Version', (o) => text(at(o, 'status.nodeInfo.kubeletVersion'), '')),
  ],
  Pod: [
    name,
    column('Ready', () => '0/0'),
    column('Status', (o) => text(at(o, 'status.phase'), 'Unknown')),
    integer('Restarts', () => 0),
    age,
  ],
  ClusterRole: [name, column('Created At', (o) => text(at(o, 'metadata.creationTimestamp'), ''))],
  ClusterRoleBinding: [
    name,
    column('Role', (o) => `${text(at(o, 'roleRef.kind'), '')}/${text(at(o, 'roleRef.name'), '')}`),
    age,
  ],
  Ingress: [
    name,
    column('Class', (o) => text(at(o, 'spec.ingressClassName'))),
    column('Hosts', (o) => {
      const rules = at(o, 'spec.rules');
      const hosts = Array.isArray(rules) ? rules.map((rule: JsonObject) => rule.host ?? '*') : [];
      return hosts.length > 0 ? hosts.join(',') : '*';
    }),
    column('Address', (o) => {
      const ingress = at(o, 'status.loadBalancer.ingress');
      return Array.isArray(ingress) && ingress.length > 0
        ? ingress.map((entry: JsonObject) => entry.hostname ?? entry.ip).join(',')
        : '';
    }),
    column('Ports', (o) => (Array.isArray(at(o, 'spec.tls')) ? '80, 443' : '80')),
    age,
  ],
  EndpointSlice: [
    name,
    column('AddressType', (o) => text(o.addressType, '')),
    column('Ports', (o) =>
      Array.isArray(o.ports) ? o.ports.map((p: JsonObject) => p.port).join(',') : '<unset>',
    ),
    column('Endpoints', (o) => (Array.isArray(o.endpoints) ? o.endpoints.length : '<unset>')),
    age,
  ],
};

const DESCRIPTIONS: Record<string, string> = {
  Name: 'Name must be unique within a namespace.',
  Age: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function toTable(
  kind: string,
  objects: JsonObject[],
  resourceVersion: string,
  includeObject: IncludeObject,
  now: number,
) {
  const columns = COLUMNS[kind] ?? [name, age];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map((definition) => ({
      name: definition.name,
      type: definition.type,
      format: definition === name ? 'name' : '',
      description: DESCRIPTIONS[definition.name] ?? '',
      priority: 0,
    })),
    rows: objects.map((object) => ({
      cells: columns.map((definition) => definition.cell(object, now)),
      ...(includeObject === 'None'
        ? {}
        : {
            object:
              includeObject === 'Object'
                ? object
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: object.metadata,
                  },
          }),
    })),
  };
}
