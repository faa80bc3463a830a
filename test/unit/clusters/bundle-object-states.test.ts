// What the cluster page says of each bundle object, for every ExternalDNS state and both kinds of
// connection; and that it lists exactly the objects delivery applies.
import { describe, expect, it } from 'vitest';
import { EXTERNAL_DNS_STATES } from '@/db/schema/enums';
import { bundleObjectStates } from '@/server/clusters/bundle-object-states';
import { awsCredentialsSecret, externalDnsObjects } from '@/server/clusters/externaldns-bundle';

const BUNDLE = externalDnsObjects({
  clusterUid: 'zkc-000000000000000000000000',
  policy: 'sync',
  txtPrefix: '',
  txtSuffix: '',
  zoneName: 'acme.zonekeeper.test',
  zoneId: 'Z123',
  keyVersion: 3,
});
const SECRET = awsCredentialsSecret({ accessKeyId: 'AKIA', secretAccessKey: 's', region: 'r' });

describe('bundleObjectStates', () => {
  it('lists every object delivery applies, in its order (the Secret after the namespace)', () => {
    const [namespace, ...rest] = BUNDLE;
    const applied = [namespace!, SECRET, ...rest].map((o) => ({
      kind: o.kind,
      namespace: o.metadata?.namespace ?? null,
      name: o.metadata?.name,
    }));
    const listed = bundleObjectStates({
      connection: 'kubeconfig',
      externalDnsState: 'running',
      keyVersionHeld: 3,
    }).map(({ kind, namespace: ns, name }) => ({ kind, namespace: ns, name }));
    expect(listed).toEqual(applied);
  });

  it.each([
    ['running', 'rolled out (key version 3)', 'applied (key version 3)', 'applied'],
    ['deploying', 'being applied', 'being applied', 'being applied'],
    [
      'degraded',
      'last apply failed; the earlier one stays in place (key version 3)',
      'last apply failed; the earlier one stays in place (key version 3)',
      'last apply failed; the earlier one stays in place (key version 3)',
    ],
    [
      'failed',
      'not applied: the last delivery failed',
      'not applied: the last delivery failed',
      'not applied: the last delivery failed',
    ],
    ['not-deployed', 'not applied yet', 'not applied yet', 'not applied yet'],
  ] as const)(
    'says of a connected cluster whose ExternalDNS is %s: Deployment "%s", Secret "%s", others "%s"',
    (externalDnsState, deployment, secret, others) => {
      const states = bundleObjectStates({
        connection: 'kubeconfig',
        externalDnsState,
        keyVersionHeld: 3,
      });
      const byKind = Object.fromEntries(states.map((s) => [s.kind, s.state]));
      expect(byKind.Deployment).toBe(deployment);
      expect(byKind.Secret).toBe(secret);
      for (const kind of ['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']) {
        expect(byKind[kind], kind).toBe(others);
      }
    },
  );

  it('covers every ExternalDNS state', () => {
    for (const externalDnsState of EXTERNAL_DNS_STATES) {
      const states = bundleObjectStates({
        connection: 'kubeconfig',
        externalDnsState,
        keyVersionHeld: null,
      });
      expect(states.every((s) => s.state.length > 0)).toBe(true);
      expect(states.some((s) => s.state.includes('key version'))).toBe(false);
    }
  });

  it('says of a manual cluster that the objects are applied by hand and invisible to Zonekeeper', () => {
    const states = bundleObjectStates({
      connection: 'manual',
      externalDnsState: 'not-deployed',
      keyVersionHeld: null,
    });
    expect(states.find((s) => s.kind === 'Secret')!.state).toContain(
      'zk externaldns manifest --with-secret',
    );
    expect(states.every((s) => s.state.includes('Zonekeeper cannot see it'))).toBe(true);
  });
});
