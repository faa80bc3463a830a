// Discovery documents: /version, /api, /apis, /apis/<group> and the APIResourceList of each group
// version, generated from the served resource types so kubectl and client-node map kinds to URLs.
import {
  groupVersionOf,
  KUBE_RESOURCE_TYPES,
  servedGroups,
  type KubeResourceType,
} from './kube-resources';

export const SANDBOX_KUBERNETES_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-zonekeeper-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, version: string) {
  const groupVersion = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [groupVersion], preferredVersion: groupVersion };
}

export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups().map(({ group, version }) => apiGroup(group, version)),
  };
}

export function apiGroupDocument(group: string) {
  const served = servedGroups().find((candidate) => candidate.group === group);
  return served
    ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, served.version) }
    : undefined;
}

function apiResource(type: KubeResourceType) {
  return {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length > 0 ? { categories: type.categories } : {}),
  };
}

export function apiResourceList(group: string, version: string) {
  const types = KUBE_RESOURCE_TYPES.filter(
    (type) => type.group === group && type.version === version,
  );
  if (types.length === 0) return undefined;
  const resources = types.flatMap((type) => [
    apiResource(type),
    ...(type.kind === 'Deployment' || type.kind === 'Service' || type.kind === 'Namespace'
      ? [
          {
            name: `${type.plural}/status`,
            singularName: '',
            namespaced: type.namespaced,
            kind: type.kind,
            verbs: ['get'],
          },
        ]
      : []),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf(types[0]!),
    resources,
  };
}

const pathOf = (group: string, version: string) =>
  group === '' ? `api/${version}` : `apis/${group}/${version}`;

/** The OpenAPI v3 index (`/openapi/v3`): one document per served group version. */
export function openApiV3Index() {
  const groupVersions = [{ group: '', version: 'v1' }, ...servedGroups()];
  return {
    paths: Object.fromEntries(
      groupVersions.map(({ group, version }) => [
        pathOf(group, version),
        { serverRelativeURL: `/openapi/v3/${pathOf(group, version)}?hash=sandbox-v1` },
      ]),
    ),
  };
}

/**
 * A group version's OpenAPI v3 document, reduced to what kubectl reads from it: each kind's
 * PATCH operation declaring the `fieldValidation` query parameter, which tells kubectl the server
 * validates fields itself (so it skips downloading schemas for client-side validation).
 * No schemas are served: `kubectl explain` has nothing to show.
 */
export function openApiV3Document(group: string, version: string) {
  const types = KUBE_RESOURCE_TYPES.filter(
    (type) => type.group === group && type.version === version,
  );
  if (types.length === 0) return undefined;
  const paths = Object.fromEntries(
    types.map((type) => {
      const scope = type.namespaced ? 'namespaces/{namespace}/' : '';
      return [
        `/${pathOf(group, version)}/${scope}${type.plural}/{name}`,
        {
          patch: {
            operationId: `patch${type.kind}`,
            'x-kubernetes-group-version-kind': { group, version, kind: type.kind },
            parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
              name,
              in: 'query',
              schema: { type: name === 'force' ? 'boolean' : 'string' },
            })),
            responses: { '200': { description: 'OK' } },
          },
        },
      ];
    }),
  );
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: SANDBOX_KUBERNETES_VERSION.gitVersion },
    paths,
    components: { schemas: {} },
  };
}
