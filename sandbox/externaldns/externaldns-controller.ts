// One sandbox cluster's ExternalDNS: while the Deployment `external-dns` in namespace
// `external-dns` runs the ExternalDNS image with at least one replica, a sync every interval
// with that Deployment's flags and the credentials its pod would mount, as ExternalDNS v0.22's
// controller RunOnce: registry records -> source endpoints -> plan -> apply. The outcome goes to
// the Deployment's `ExternalDNSSynced` condition and a bounded log.
import type { JsonObject } from '../kube/field-paths';
import { findResourceType } from '../kube/kube-resources';
import { resourceKey, type KubeStore } from '../kube/kube-store';
import { conditionMessage, writeSyncCondition, type SyncCondition } from './deployment-condition';
import { parseExternalDnsArgs } from './externaldns-args';
import { mountedCredentials, type AwsCredentials } from './mounted-credentials';
import { planChanges } from './plan-changes';
import { createRoute53Provider, describeAwsError } from './route53-provider';
import { sourceEndpoints } from './source-endpoints';

export const EXTERNAL_DNS_NAMESPACE = 'external-dns';
export const EXTERNAL_DNS_DEPLOYMENT = 'external-dns';
/** `registry.k8s.io/external-dns/external-dns:v0.22.0` and mirrors of that repository. */
const IMAGE = /(^|\/)external-dns\/external-dns(:[^/@]+)?(@sha256:[0-9a-f]+)?$/;
const DEPLOYMENTS = resourceKey(findResourceType('apps', 'v1', 'deployments')!);
const LOG_SIZE = 500;

export interface ExternalDnsLogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface ExternalDnsControllerOptions {
  clusterName: string;
  store: KubeStore;
  route53Endpoint: string;
  region: string;
  intervalMs: number;
  now: () => number;
}

interface Container {
  name: string;
  image?: string;
  args?: string[];
}

function externalDnsContainer(deployment: JsonObject): Container | undefined {
  const spec = deployment.spec as {
    replicas?: number;
    template?: { spec?: { containers?: Container[] } };
  };
  if (spec.replicas === 0) return undefined;
  return spec.template?.spec?.containers?.find((c) => IMAGE.test(c.image ?? ''));
}

const sameCredentials = (a: AwsCredentials | undefined, b: AwsCredentials) =>
  a?.accessKeyId === b.accessKeyId &&
  a.secretAccessKey === b.secretAccessKey &&
  a.sessionToken === b.sessionToken;

export function startExternalDnsController(options: ExternalDnsControllerOptions) {
  const entries: ExternalDnsLogEntry[] = [];
  let provider: ReturnType<typeof createRoute53Provider> | undefined;
  let providerCredentials: AwsCredentials | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let waitingForNext: (() => void)[] = [];
  /** Warnings repeat every pass; each is logged when it first appears. */
  let lastWarnings = new Set<string>();
  let lastState = '';

  const time = () => new Date(options.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const log = (level: ExternalDnsLogEntry['level'], message: string) => {
    entries.push({ time: new Date(options.now()).toISOString(), level, message });
    if (entries.length > LOG_SIZE) entries.shift();
  };
  const warnOnce = (seen: Set<string>, message: string) => {
    seen.add(message);
    if (!lastWarnings.has(message)) log('warn', message);
  };

  function dropProvider(): void {
    provider?.close();
    provider = undefined;
    providerCredentials = undefined;
  }

  async function syncOnce(): Promise<void> {
    const deployment = options.store.get(
      DEPLOYMENTS,
      EXTERNAL_DNS_NAMESPACE,
      EXTERNAL_DNS_DEPLOYMENT,
    );
    const container = deployment && externalDnsContainer(deployment);
    const state = !deployment ? 'absent' : container ? 'running' : 'stopped';
    if (state !== lastState) {
      if (state === 'running') log('info', `ExternalDNS started (${container!.image})`);
      else if (lastState === 'running')
        log(
          'info',
          `ExternalDNS stopped (Deployment ${state === 'absent' ? 'deleted' : 'scaled to 0 or without the ExternalDNS image'})`,
        );
      lastState = state;
    }
    if (!deployment || !container) {
      dropProvider();
      return;
    }
    const warnings = new Set<string>();
    const condition = await reconcile(deployment, container, warnings);
    lastWarnings = warnings;
    // Re-read: the sync awaited Route 53, and the Deployment may have changed meanwhile.
    const current = options.store.get(DEPLOYMENTS, EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_DEPLOYMENT);
    if (current) writeSyncCondition(options.store, DEPLOYMENTS, current, condition, time());
  }

  async function reconcile(
    deployment: JsonObject,
    container: Container,
    warnings: Set<string>,
  ): Promise<SyncCondition> {
    const parsed = parseExternalDnsArgs(container.args ?? []);
    if (!parsed.ok) {
      warnOnce(warnings, `invalid flags: ${parsed.error}`);
      return { status: 'False', reason: 'InvalidArgs', message: parsed.error };
    }
    const settings = parsed.settings;
    for (const source of settings.ignoredSources)
      warnOnce(warnings, `--source=${source} is not simulated by the sandbox; ignored`);
    if (!container.args?.includes('--aws-prefer-cname'))
      warnOnce(
        warnings,
        'load-balancer hostnames are published as CNAME records, as with --aws-prefer-cname: the sandbox does not model the A/AAAA alias records ExternalDNS writes for ELB targets without it',
      );
    const mounted = mountedCredentials(options.store, deployment, container.name);
    if (!mounted.ok) {
      warnOnce(warnings, `no AWS credentials: ${mounted.error}`);
      dropProvider();
      return { status: 'False', reason: 'NoCredentials', message: mounted.error };
    }
    if (!provider || !sameCredentials(providerCredentials, mounted.credentials)) {
      dropProvider();
      provider = createRoute53Provider({
        endpoint: options.route53Endpoint,
        region: options.region,
        credentials: mounted.credentials,
      });
      providerCredentials = mounted.credentials;
    }
    let zones;
    try {
      zones = await provider.zones(settings.zoneIdFilters, settings.domainFilters);
    } catch (error) {
      const message = `failed to list records: ${describeAwsError(error)}`;
      log('error', message);
      return { status: 'False', reason: 'SyncFailed', message };
    }
    const desired = sourceEndpoints(options.store, settings.sources, (message) =>
      warnOnce(warnings, message),
    );
    const plan = planChanges(settings, zones, desired);
    for (const skipped of plan.skipped) warnOnce(warnings, `skipped ${skipped}`);
    for (const group of plan.groups)
      log('info', `Desired change: ${group.summary} (zone ${group.zoneId})`);
    const { applied, failures } = await provider.apply(plan.groups);
    for (const failure of failures) log('error', `change failed: ${failure}`);
    if (applied > 0) log('info', `${applied} record change${applied === 1 ? '' : 's'} applied`);
    if (failures.length > 0)
      return { status: 'False', reason: 'ChangesFailed', message: conditionMessage(failures) };
    if (plan.skipped.length > 0)
      return {
        status: 'False',
        reason: 'RecordsSkipped',
        message: conditionMessage(plan.skipped),
      };
    const zoneNames = zones.map((zone) => `${zone.name} (${zone.id})`).join(', ');
    return {
      status: 'True',
      reason: 'Synced',
      message: `all records of ${desired.length} endpoint${desired.length === 1 ? '' : 's'} in sync in ${zoneNames || 'no zone'}`,
    };
  }

  function runPass(): void {
    const waiters = waitingForNext;
    waitingForNext = [];
    running = syncOnce()
      .catch((error: unknown) => log('error', `sync failed: ${describeAwsError(error)}`))
      .finally(() => {
        running = undefined;
        for (const resolve of waiters) resolve();
        schedule();
      });
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(runPass, options.intervalMs);
    timer.unref();
  }

  schedule();

  return {
    clusterName: options.clusterName,
    /** The log, oldest first, as `<time> <level> <message>` lines. */
    log: (): string[] => entries.map((entry) => `${entry.time} ${entry.level} ${entry.message}`),
    /** Resolves when a sync that starts after this call has finished. */
    nextPass: (): Promise<void> => {
      if (closed)
        return Promise.reject(new Error(`ExternalDNS of ${options.clusterName} is stopped`));
      return new Promise((resolve) => waitingForNext.push(resolve));
    },
    close: async (): Promise<void> => {
      closed = true;
      clearTimeout(timer);
      await running;
      // No sync will come: whoever waits for one is let go rather than left hanging.
      for (const resolve of waitingForNext) resolve();
      waitingForNext = [];
      dropProvider();
    },
  };
}

export type ExternalDnsController = ReturnType<typeof startExternalDnsController>;
