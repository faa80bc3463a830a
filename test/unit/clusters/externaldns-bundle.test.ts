// The ExternalDNS bundle's objects and their YAML: the args, the RBAC rules exactly, the
// security context, the key-version annotation, the credentials file, and the download that
// leaves the Secret out.
import type { V1ClusterRole, V1Deployment, V1Secret } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  awsCredentialsSecret,
  externalDnsArgs,
  externalDnsObjects,
  KEY_VERSION_ANNOTATION,
  type ExternalDnsBundleInput,
} from '@/server/clusters/externaldns-bundle';
import { manifestYaml, secretLeftOutNotice } from '@/server/clusters/externaldns-manifest-yaml';

const INPUT: ExternalDnsBundleInput = {
  clusterUid: 'zkc-0123456789abcdef01234567',
  policy: 'sync',
  txtPrefix: '',
  txtSuffix: '',
  zoneName: 'acme.zonekeeper.test',
  zoneId: 'Z0123ACME',
  keyVersion: 3,
};
const KEY = { accessKeyId: 'AKIAACME', secretAccessKey: 'sekrit/acme+key', region: 'eu-west-1' };

const deploymentOf = (input: ExternalDnsBundleInput) =>
  externalDnsObjects(input).find((o) => o.kind === 'Deployment') as V1Deployment;

describe('the ExternalDNS bundle', () => {
  it('lists the objects in apply order', () => {
    expect(externalDnsObjects(INPUT).map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/external-dns',
      'ServiceAccount/external-dns',
      'ClusterRole/external-dns',
      'ClusterRoleBinding/external-dns',
      'Deployment/external-dns',
    ]);
  });

  it('passes exactly the args of the design, scoped to the org zone and owned by the cluster UID', () => {
    expect(externalDnsArgs(INPUT)).toEqual([
      '--source=service',
      '--source=ingress',
      '--provider=aws',
      '--registry=txt',
      '--txt-owner-id=zkc-0123456789abcdef01234567',
      '--domain-filter=acme.zonekeeper.test',
      '--zone-id-filter=Z0123ACME',
      '--aws-zone-type=public',
      '--aws-prefer-cname',
      '--policy=sync',
    ]);
    expect(
      externalDnsArgs({ ...INPUT, policy: 'upsert-only', txtPrefix: 'txt.' }).slice(-2),
    ).toEqual(['--policy=upsert-only', '--txt-prefix=txt.']);
    expect(externalDnsArgs({ ...INPUT, txtSuffix: '-txt' }).at(-1)).toBe('--txt-suffix=-txt');
  });

  it('grants exactly the read rules ExternalDNS needs', () => {
    const role = externalDnsObjects(INPUT).find((o) => o.kind === 'ClusterRole') as V1ClusterRole;
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['services', 'pods'], verbs: ['get', 'watch', 'list'] },
      {
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
        verbs: ['get', 'watch', 'list'],
      },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['ingresses'],
        verbs: ['get', 'watch', 'list'],
      },
    ]);
  });

  it('runs the pinned image non-root, read-only, without capabilities, within limits', () => {
    const pod = deploymentOf(INPUT).spec!.template.spec!;
    const [container] = pod.containers;
    expect(container!.image).toBe('registry.k8s.io/external-dns/external-dns:v0.22.0');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
    expect(container!.securityContext).toEqual({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container!.resources?.requests).toEqual({ cpu: '50m', memory: '64Mi' });
    expect(container!.resources?.limits).toEqual({ cpu: '200m', memory: '128Mi' });
    expect(container!.env).toEqual([
      { name: 'AWS_SHARED_CREDENTIALS_FILE', value: '/.aws/credentials' },
    ]);
    expect(container!.volumeMounts).toEqual([
      { name: 'aws-credentials', mountPath: '/.aws', readOnly: true },
    ]);
    expect(pod.volumes?.[0]?.secret?.secretName).toBe('external-dns-aws');
  });

  it('carries the key version in the pod template, so a new key rolls the pods and nothing else changes', () => {
    const v3 = deploymentOf(INPUT);
    const v4 = deploymentOf({ ...INPUT, keyVersion: 4 });
    expect(v3.spec!.template.metadata!.annotations).toEqual({ [KEY_VERSION_ANNOTATION]: '3' });
    expect(v4.spec!.template.metadata!.annotations).toEqual({ [KEY_VERSION_ANNOTATION]: '4' });
    v4.spec!.template.metadata!.annotations = v3.spec!.template.metadata!.annotations;
    expect(v4).toEqual(v3);
  });

  it('puts the key into the Secret as an AWS shared-credentials file', () => {
    const secret = awsCredentialsSecret(KEY);
    expect(secret.metadata).toMatchObject({ name: 'external-dns-aws', namespace: 'external-dns' });
    expect(Buffer.from(secret.data!.credentials!, 'base64').toString('utf8')).toBe(
      '[default]\naws_access_key_id = AKIAACME\naws_secret_access_key = sekrit/acme+key\nregion = eu-west-1\n',
    );
  });

  it('serializes to multi-document YAML that reads back as the same objects', () => {
    const objects = [...externalDnsObjects(INPUT), awsCredentialsSecret(KEY)];
    const documents = parseAllDocuments(manifestYaml(objects));
    expect(documents.map((d) => d.toJS())).toEqual(objects);
    expect((documents.at(-1)!.toJS() as V1Secret).data!.credentials).toBe(
      awsCredentialsSecret(KEY).data!.credentials,
    );
  });

  it('leaves the Secret out of the download and says how an operator creates it', () => {
    const text = manifestYaml(externalDnsObjects(INPUT), secretLeftOutNotice('acme', 'prod'));
    expect(text.startsWith('# The Secret external-dns/external-dns-aws')).toBe(true);
    expect(text).toContain('zk externaldns manifest --org acme --cluster prod --with-secret');
    const kinds = parseAllDocuments(text).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).not.toContain('Secret');
    expect(text).not.toContain('aws_secret_access_key');
  });
});
