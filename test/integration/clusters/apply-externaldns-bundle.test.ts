// The ExternalDNS bundle applied server-side (field manager zonekeeper) to a sandbox cluster
// through the kube adapter (@kubernetes/client-node), then read with the real kubectl.
import { readFileSync } from 'node:fs';
import type { V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToCluster, type KubeCluster } from '@/server/cloud/kube';
import {
  awsCredentialsSecret,
  externalDnsObjects,
  KEY_VERSION_ANNOTATION,
  type ExternalDnsBundleInput,
} from '@/server/clusters/externaldns-bundle';
import { kubectl, startKubeTarget, type KubeTarget } from '../conformance/kube/kube-target';

const INPUT: ExternalDnsBundleInput = {
  clusterUid: 'zkc-00000000000000000000abcd',
  policy: 'upsert-only',
  txtPrefix: 'txt.',
  txtSuffix: '',
  zoneName: 'acme.zonekeeper.test',
  zoneId: 'Z0ACME',
  keyVersion: 1,
};
const KEY = { accessKeyId: 'AKIAACMEKEY1', secretAccessKey: 'acme-secret-1', region: 'us-east-1' };

const bundle = (keyVersion: number, key = KEY) => {
  const [namespace, ...rest] = externalDnsObjects({ ...INPUT, keyVersion });
  return [namespace!, awsCredentialsSecret(key), ...rest];
};

describe('applying the ExternalDNS bundle to a sandbox cluster', () => {
  let target: KubeTarget;
  let kubeconfigPath: string;
  let cluster: KubeCluster;
  beforeAll(async () => {
    target = await startKubeTarget(['acme-prod']);
    kubeconfigPath = target.clusters['acme-prod']!.kubeconfigPath;
    cluster = connectToCluster(readFileSync(kubeconfigPath, 'utf8'), { timeoutMs: 5000 });
  });
  afterAll(async () => {
    await target?.close();
  });

  it('applies every object under the zonekeeper field manager, and kubectl sees them', async () => {
    const applied = await cluster.apply(bundle(1));
    expect(applied.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/external-dns',
      'Secret/external-dns-aws',
      'ServiceAccount/external-dns',
      'ClusterRole/external-dns',
      'ClusterRoleBinding/external-dns',
      'Deployment/external-dns',
    ]);
    for (const object of applied) {
      expect(object.metadata?.managedFields?.map((f) => `${f.manager}:${f.operation}`)).toEqual([
        'zonekeeper:Apply',
      ]);
    }

    const listed = await kubectl(target, kubeconfigPath, [
      '-n',
      'external-dns',
      'get',
      'deploy,secret',
      '-o',
      'name',
    ]);
    expect(listed.stderr).toBe('');
    expect(listed.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'deployment.apps/external-dns',
      'secret/external-dns-aws',
    ]);
    const credentials = await kubectl(target, kubeconfigPath, [
      '-n',
      'external-dns',
      'get',
      'secret',
      'external-dns-aws',
      '-o',
      'jsonpath={.data.credentials}',
    ]);
    expect(Buffer.from(credentials.stdout, 'base64').toString('utf8')).toContain(
      'aws_access_key_id = AKIAACMEKEY1',
    );
    const args = await kubectl(target, kubeconfigPath, [
      '-n',
      'external-dns',
      'get',
      'deploy',
      'external-dns',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].args}',
    ]);
    expect(JSON.parse(args.stdout)).toContain('--txt-owner-id=zkc-00000000000000000000abcd');
  });

  it('changes nothing when applied again, and only the annotation and Secret for a new key', async () => {
    const read = async () =>
      Object.fromEntries(
        (await cluster.apply(bundle(1))).map((o) => [o.kind, o.metadata?.resourceVersion]),
      );
    // The rollout controller moves the Deployment's status (and resourceVersion) until it is done.
    const rollout = await kubectl(target, kubeconfigPath, [
      '-n',
      'external-dns',
      'rollout',
      'status',
      'deploy/external-dns',
      '--timeout=60s',
    ]);
    expect(rollout.stdout).toContain('successfully rolled out');
    const first = await read();
    expect(await read()).toEqual(first);

    const rolled = await cluster.apply(
      bundle(2, { ...KEY, accessKeyId: 'AKIAACMEKEY2', secretAccessKey: 'acme-secret-2' }),
    );
    const changed = rolled
      .filter((o) => o.metadata?.resourceVersion !== first[o.kind ?? ''])
      .map((o) => o.kind)
      .sort();
    expect(changed).toEqual(['Deployment', 'Secret']);
    const deployment = rolled.find((o) => o.kind === 'Deployment') as V1Deployment;
    expect(deployment.spec?.template.metadata?.annotations?.[KEY_VERSION_ANNOTATION]).toBe('2');
  });
});
