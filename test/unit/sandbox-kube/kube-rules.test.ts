// Small rules of the sandbox Kubernetes API: merge patches, selectors, load-balancer hostnames,
// object validation, the AGE column and the KUBECONFIG_<NAME> variable names.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '@/sandbox/kube/kube-table';
import { jsonMergePatch, strategicMergePatch } from '@/sandbox/kube/merge-patch';
import { loadBalancerHostname } from '@/sandbox/kube/object-defaults';
import { validateObject } from '@/sandbox/kube/object-validation';
import { kubeconfigVariable } from '@/sandbox/kube/sandbox-clusters';
import { parseFieldSelector, parseLabelSelector } from '@/sandbox/kube/selectors';

const labelled = (labels: Record<string, string>, name = 'x') => ({
  metadata: { name, namespace: 'ns', labels },
});

describe('merge patches', () => {
  it('JSON merge patch merges maps, deletes on null and replaces lists', () => {
    expect(
      jsonMergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [9] }),
    ).toEqual({
      a: { c: 2, d: 3 },
      l: [9],
    });
  });

  it('strategic merge patch merges lists of named items by name', () => {
    const target = {
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:1' },
      ],
    };
    const patched = strategicMergePatch(target, {
      containers: [
        { name: 'b', image: 'b:2' },
        { name: 'c', image: 'c:1' },
      ],
    });
    expect(patched).toEqual({
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:2' },
        { name: 'c', image: 'c:1' },
      ],
    });
    expect(strategicMergePatch({ args: ['x'] }, { args: ['y'] })).toEqual({ args: ['y'] });
  });
});

describe('selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'api' }, false],
    ['app!=web', { app: 'api' }, true],
    ['app', { app: 'x' }, true],
    ['!app', { app: 'x' }, false],
    ['app in (web,api),tier notin (db)', { app: 'api', tier: 'front' }, true],
    ['app in (web,api),tier notin (db)', { app: 'api', tier: 'db' }, false],
    ['', {}, true],
  ])('label selector %j on %j is %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(labelled(labels))).toBe(expected);
  });

  it('field selectors compare dotted paths', () => {
    expect(parseFieldSelector('metadata.name=x')(labelled({}))).toBe(true);
    expect(parseFieldSelector('metadata.name=x,metadata.namespace!=ns')(labelled({}))).toBe(false);
    expect(() => parseFieldSelector('nonsense')).toThrow(/invalid field selector/);
  });
});

describe('load-balancer hostnames', () => {
  it('look like an AWS classic ELB name, are stable per uid and differ between uids', () => {
    const first = loadBalancerHostname('8d1c1c6e-6f6e-4f55-9d0f-2b8f7d0a1c11', 'us-east-1');
    expect(first).toMatch(/^a[0-9a-f]{31}-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    expect(loadBalancerHostname('8d1c1c6e-6f6e-4f55-9d0f-2b8f7d0a1c11', 'us-east-1')).toBe(first);
    expect(loadBalancerHostname('0e6b2f6a-9d2e-4d8e-8f5a-0c1f1b2a3c44', 'us-east-1')).not.toBe(
      first,
    );
  });
});

describe('validation', () => {
  const deployment = (spec: object, name = 'web') => ({ metadata: { name }, spec });
  it('accepts a well-formed deployment', () => {
    const spec = {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    };
    expect(validateObject('Deployment', deployment(spec), undefined)).toEqual([]);
  });

  it('names each invalid field', () => {
    const spec = {
      replicas: -1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'Web' }] } },
    };
    expect(
      validateObject('Deployment', deployment(spec, 'Web!'), undefined).map((cause) => cause.field),
    ).toEqual([
      'metadata.name',
      'spec.replicas',
      'spec.template.metadata.labels',
      'spec.template.spec.containers[0].name',
      'spec.template.spec.containers[0].image',
    ]);
  });

  it('service names are DNS-1035 labels and ports are required', () => {
    expect(
      validateObject('Service', { metadata: { name: '1web' }, spec: {} }, undefined).map(
        (cause) => cause.field,
      ),
    ).toEqual(['metadata.name', 'spec.ports']);
  });

  it('a ClusterRoleBinding roleRef cannot change', () => {
    const binding = (name: string) => ({
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    });
    expect(
      validateObject('ClusterRoleBinding', binding('b'), binding('a')).map(
        (cause) => cause.message,
      ),
    ).toEqual([expect.stringContaining('cannot change roleRef')]);
  });
});

describe('AGE column', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [45 * 60_000, '45m'],
    [5 * 3_600_000 + 60_000, '5h1m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000 + 3_600_000, '3d1h'],
    [400 * 86_400_000, '400d'],
  ])('%i ms prints as %s', (milliseconds, printed) => {
    expect(humanDuration(milliseconds)).toBe(printed);
  });
});

describe('kubeconfig variables', () => {
  it('upper-case the cluster name with underscores', () => {
    expect(kubeconfigVariable('acme-prod')).toBe('KUBECONFIG_ACME_PROD');
    expect(kubeconfigVariable('globex-prod-2')).toBe('KUBECONFIG_GLOBEX_PROD_2');
  });
});
