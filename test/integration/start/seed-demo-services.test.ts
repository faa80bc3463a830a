// The demo Services `npm start` seeds: LoadBalancer Services with the ExternalDNS hostname
// annotation in the demo sandbox clusters, visible to the real kubectl with a load balancer
// hostname assigned; seeding again changes nothing, and clusters the sandbox does not run are
// skipped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICES, seedDemoServices } from '@/scripts/demo/seed-demo-services';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';

const run = promisify(execFile);
const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

interface ServiceList {
  items: {
    metadata: { name: string; namespace: string; annotations?: Record<string, string> };
    spec: { type: string };
    status?: { loadBalancer?: { ingress?: { hostname?: string }[] } };
  }[];
}

describe('seedDemoServices', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      baseDomain: 'zonekeeper.test',
      kube: { clusters: ['acme-prod', 'globex-prod'], controllerDelayMs: 100, externalDns: false },
    });
  });
  afterAll(() => sandbox?.close());

  const services = async (cluster: string): Promise<ServiceList> => {
    const { stdout } = await run(KUBECTL, ['get', 'services', '-A', '-o', 'json'], {
      env: { ...process.env, KUBECONFIG: sandbox.kube[cluster]!.kubeconfigPath },
    });
    return JSON.parse(stdout) as ServiceList;
  };

  it('creates the demo Services of the clusters it runs, once', async () => {
    const created = seedDemoServices(sandbox.kube, 'zonekeeper.test');
    expect(created).toEqual([
      'acme-prod/default/web',
      'acme-prod/default/api',
      'acme-prod/shop/checkout',
      'globex-prod/default/portal',
    ]);
    expect(DEMO_SERVICES.some((s) => s.cluster === 'acme-staging')).toBe(true);
    expect(seedDemoServices(sandbox.kube, 'zonekeeper.test')).toEqual([]);

    const deadline = Date.now() + 20_000;
    let acme = await services('acme-prod');
    while (
      acme.items.some((s) => s.spec.type === 'LoadBalancer' && !s.status?.loadBalancer?.ingress) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      acme = await services('acme-prod');
    }
    const demo = acme.items.filter((s) => s.spec.type === 'LoadBalancer');
    expect(
      demo.map((s) => [
        `${s.metadata.namespace}/${s.metadata.name}`,
        s.metadata.annotations?.['external-dns.alpha.kubernetes.io/hostname'],
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['default/web', 'www.acme.zonekeeper.test'],
        ['default/api', 'api.acme.zonekeeper.test'],
        ['shop/checkout', 'checkout.acme.zonekeeper.test,pay.acme.zonekeeper.test'],
      ]),
    );
    expect(demo).toHaveLength(3);
    for (const service of demo)
      expect(service.status?.loadBalancer?.ingress?.[0]?.hostname).toMatch(
        /\.us-east-1\.elb\.amazonaws\.com$/,
      );
    const globex = (await services('globex-prod')).items.filter(
      (s) => s.spec.type === 'LoadBalancer',
    );
    expect(
      globex.map((s) => s.metadata.annotations?.['external-dns.alpha.kubernetes.io/hostname']),
    ).toEqual(['portal.globex.zonekeeper.test']);
  });
});
