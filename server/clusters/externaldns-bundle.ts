// The ExternalDNS bundle of one cluster as typed Kubernetes objects (docs/design.md, "ExternalDNS
// in each cluster"): its namespace, identity, the read-only RBAC it needs, the Deployment of the
// pinned image scoped to the org's one zone, and the Secret with the org's key as an AWS
// shared-credentials file. A pure function: the same inputs always make the same objects, so
// applying them again is a no-op and a new key version is exactly one changed annotation.
import type {
  KubernetesObject,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1Deployment,
  V1Namespace,
  V1PolicyRule,
  V1Secret,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import type { ExternalDnsPolicy } from '@/db/schema/enums';

export const EXTERNAL_DNS_IMAGE = 'registry.k8s.io/external-dns/external-dns:v0.22.0';
export const EXTERNAL_DNS_NAMESPACE = 'external-dns';
export const EXTERNAL_DNS_NAME = 'external-dns';
export const AWS_SECRET_NAME = 'external-dns-aws';
/** The pod-template annotation whose change rolls the pods onto a new key. */
export const KEY_VERSION_ANNOTATION = 'zonekeeper.io/aws-key-vault-version';

const LABELS = {
  'app.kubernetes.io/name': EXTERNAL_DNS_NAME,
  'app.kubernetes.io/managed-by': 'zonekeeper',
};

/** Exactly what ExternalDNS reads with --source=service --source=ingress; nothing it could write. */
export const EXTERNAL_DNS_RULES: V1PolicyRule[] = [
  { apiGroups: [''], resources: ['services', 'pods'], verbs: ['get', 'watch', 'list'] },
  {
    apiGroups: ['discovery.k8s.io'],
    resources: ['endpointslices'],
    verbs: ['get', 'watch', 'list'],
  },
  { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'watch', 'list'] },
];

export interface ExternalDnsBundleInput {
  /** The cluster's UID: ExternalDNS's --txt-owner-id. */
  clusterUid: string;
  policy: ExternalDnsPolicy;
  txtPrefix: string;
  txtSuffix: string;
  /** The org's zone, e.g. "acme.zonekeeper.test" (--domain-filter). */
  zoneName: string;
  /** Its Route 53 id without the /hostedzone/ prefix (--zone-id-filter). */
  zoneId: string;
  /** The Vault version of the org's key the Secret holds (the pod-template annotation). */
  keyVersion: number;
}

/** The org's key as read from Vault (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION). */
export interface OrgAwsKey {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export function externalDnsArgs(input: ExternalDnsBundleInput): string[] {
  return [
    '--source=service',
    '--source=ingress',
    '--provider=aws',
    '--registry=txt',
    `--txt-owner-id=${input.clusterUid}`,
    `--domain-filter=${input.zoneName}`,
    `--zone-id-filter=${input.zoneId}`,
    '--aws-zone-type=public',
    // A load balancer's hostname becomes a CNAME rather than an A/AAAA alias: the registry record
    // is then `cname-…` as for any CNAME, and the sandbox ExternalDNS publishes exactly that
    // (docs/design.md "ExternalDNS in each cluster").
    '--aws-prefer-cname',
    `--policy=${input.policy}`,
    ...(input.txtPrefix ? [`--txt-prefix=${input.txtPrefix}`] : []),
    ...(input.txtSuffix ? [`--txt-suffix=${input.txtSuffix}`] : []),
  ];
}

/** An AWS shared-credentials file with the org's key as its default profile. */
export function sharedCredentialsFile(key: OrgAwsKey): string {
  return [
    '[default]',
    `aws_access_key_id = ${key.accessKeyId}`,
    `aws_secret_access_key = ${key.secretAccessKey}`,
    `region = ${key.region}`,
    '',
  ].join('\n');
}

export function awsCredentialsSecret(key: OrgAwsKey): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: AWS_SECRET_NAME, namespace: EXTERNAL_DNS_NAMESPACE, labels: LABELS },
    type: 'Opaque',
    data: { credentials: Buffer.from(sharedCredentialsFile(key), 'utf8').toString('base64') },
  };
}

/** Everything but the Secret, in the order they must be applied (namespace first). */
export function externalDnsObjects(input: ExternalDnsBundleInput): KubernetesObject[] {
  const namespace: V1Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: EXTERNAL_DNS_NAMESPACE, labels: LABELS },
  };
  const serviceAccount: V1ServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: EXTERNAL_DNS_NAME, namespace: EXTERNAL_DNS_NAMESPACE, labels: LABELS },
  };
  const clusterRole: V1ClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: EXTERNAL_DNS_NAME, labels: LABELS },
    rules: EXTERNAL_DNS_RULES,
  };
  const binding: V1ClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: EXTERNAL_DNS_NAME, labels: LABELS },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: EXTERNAL_DNS_NAME,
    },
    subjects: [
      { kind: 'ServiceAccount', name: EXTERNAL_DNS_NAME, namespace: EXTERNAL_DNS_NAMESPACE },
    ],
  };
  return [namespace, serviceAccount, clusterRole, binding, deployment(input)];
}

function deployment(input: ExternalDnsBundleInput): V1Deployment {
  const selector = { 'app.kubernetes.io/name': EXTERNAL_DNS_NAME };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: EXTERNAL_DNS_NAME, namespace: EXTERNAL_DNS_NAMESPACE, labels: LABELS },
    spec: {
      replicas: 1,
      // Two instances with one owner id would race each other's changes: replace, never overlap.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: { ...LABELS, ...selector },
          annotations: { [KEY_VERSION_ANNOTATION]: String(input.keyVersion) },
        },
        spec: {
          serviceAccountName: EXTERNAL_DNS_NAME,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65534,
            runAsGroup: 65534,
            fsGroup: 65534,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: EXTERNAL_DNS_NAME,
              image: EXTERNAL_DNS_IMAGE,
              args: externalDnsArgs(input),
              env: [{ name: 'AWS_SHARED_CREDENTIALS_FILE', value: '/.aws/credentials' }],
              resources: {
                requests: { cpu: '50m', memory: '64Mi' },
                limits: { cpu: '200m', memory: '128Mi' },
              },
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'aws-credentials', mountPath: '/.aws', readOnly: true }],
            },
          ],
          volumes: [
            {
              name: 'aws-credentials',
              // Readable by the pod's group only (fsGroup), not by the world.
              secret: { secretName: AWS_SECRET_NAME, defaultMode: 0o440 },
            },
          ],
        },
      },
    },
  };
}
