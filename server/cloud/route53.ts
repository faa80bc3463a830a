// Route 53 adapter: the operations provisioning and teardown need, each passing through the shared
// request budget and retried on Throttling, PriorRequestNotComplete, 5xx and network errors.
import 'server-only';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { awsClients } from './aws-clients';
import { isRetryableCloudError, toAwsCloudError } from './aws-error';
import { CloudError, isCloudError } from './cloud-error';
import { sleep, withRetry, type RetryPolicy } from './with-retry';

// Every command class of one client; each call site names the output type it reads.
type AnyCommand = { readonly input: object };

// Throttling clears within seconds; be patient rather than fail a step.
const ROUTE53_RETRY: RetryPolicy = { attempts: 12, baseDelayMs: 200, maxDelayMs: 8_000 };

export interface HostedZoneSummary {
  zoneId: string;
  name: string;
  callerReference: string;
}

async function send<T>(operation: string, command: AnyCommand): Promise<T> {
  const { route53, budget } = awsClients();
  return withRetry(
    async () => {
      await budget.acquire(operation);
      try {
        return (await route53.send(command as never)) as T;
      } catch (error) {
        throw toAwsCloudError('route53', error);
      }
    },
    isRetryableCloudError,
    ROUTE53_RETRY,
  );
}

/** `/hostedzone/Z123` and `Z123` name the same zone; we store the bare id. */
export const bareZoneId = (id: string) => id.replace(/^\/hostedzone\//, '');
export const fqdn = (name: string) => (name.endsWith('.') ? name : `${name}.`);

export async function createHostedZone(name: string, callerReference: string) {
  const out = await send<{
    HostedZone?: { Id?: string };
    DelegationSet?: { NameServers?: string[] };
    ChangeInfo?: { Id?: string };
  }>(
    'CreateHostedZone',
    new CreateHostedZoneCommand({ Name: name, CallerReference: callerReference }),
  );
  return {
    zoneId: bareZoneId(out.HostedZone?.Id ?? ''),
    nameServers: out.DelegationSet?.NameServers ?? [],
    changeId: out.ChangeInfo?.Id ?? '',
  };
}

/** Zones named exactly `name` (Route 53 allows several with one name). */
export async function findHostedZonesByName(name: string): Promise<HostedZoneSummary[]> {
  const out = await send<{
    HostedZones?: { Id?: string; Name?: string; CallerReference?: string }[];
  }>('ListHostedZonesByName', new ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 20 }));
  return (out.HostedZones ?? [])
    .filter((zone) => zone.Name === fqdn(name))
    .map((zone) => ({
      zoneId: bareZoneId(zone.Id ?? ''),
      name: zone.Name ?? '',
      callerReference: zone.CallerReference ?? '',
    }));
}

/** The zone and its name servers, or null when it does not exist. */
export async function getHostedZone(zoneId: string) {
  try {
    const out = await send<{
      HostedZone?: { Name?: string };
      DelegationSet?: { NameServers?: string[] };
    }>('GetHostedZone', new GetHostedZoneCommand({ Id: zoneId }));
    return { name: out.HostedZone?.Name ?? '', nameServers: out.DelegationSet?.NameServers ?? [] };
  } catch (error) {
    if (isCloudError(error, 'NoSuchHostedZone')) return null;
    throw error;
  }
}

export async function changeRecordSets(
  zoneId: string,
  changes: Change[],
  comment: string,
): Promise<string> {
  const out = await send<{ ChangeInfo?: { Id?: string } }>(
    'ChangeResourceRecordSets',
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Comment: comment, Changes: changes },
    }),
  );
  return out.ChangeInfo?.Id ?? '';
}

/**
 * Polls GetChange until INSYNC; a change takes tens of seconds on AWS, so the wait is long. The
 * first poll waits too: a change is never INSYNC the moment it is accepted, and a poll that can
 * only answer PENDING spends a token of the account's budget, which every cluster shares.
 */
export async function waitForChange(changeId: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    if (Date.now() + delay > deadline) {
      throw new CloudError('route53', {
        vendorCode: 'ChangeNotInSync',
        errorClass: 'busy',
        message: `change ${changeId} did not reach INSYNC within ${Math.round(timeoutMs / 1000)} s`,
      });
    }
    await sleep(delay);
    const out = await send<{ ChangeInfo?: { Status?: string } }>(
      'GetChange',
      new GetChangeCommand({ Id: changeId }),
    );
    if (out.ChangeInfo?.Status === 'INSYNC') return;
  }
}

/** The record set with exactly this name and type, or null. */
export async function getRecordSet(zoneId: string, name: string, type: 'NS' | 'SOA') {
  const out = await send<{ ResourceRecordSets?: ResourceRecordSet[] }>(
    'ListResourceRecordSets',
    new ListResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      StartRecordName: fqdn(name),
      StartRecordType: type,
      MaxItems: 1,
    }),
  );
  const found = out.ResourceRecordSets?.[0];
  return found && found.Name === fqdn(name) && found.Type === type ? found : null;
}

/** Every record set of a zone, page by page (Route 53 returns at most 300 per page). */
export async function* listAllRecordSets(zoneId: string): AsyncGenerator<ResourceRecordSet[]> {
  let start: { name?: string; type?: string; identifier?: string } = {};
  for (;;) {
    const out = await send<{
      ResourceRecordSets?: ResourceRecordSet[];
      IsTruncated?: boolean;
      NextRecordName?: string;
      NextRecordType?: string;
      NextRecordIdentifier?: string;
    }>(
      'ListResourceRecordSets',
      new ListResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        StartRecordName: start.name,
        StartRecordType: start.type as never,
        StartRecordIdentifier: start.identifier,
        // Route 53's largest page: a 10,000-record zone takes 34 calls, not 100.
        MaxItems: 300,
      }),
    );
    yield out.ResourceRecordSets ?? [];
    if (!out.IsTruncated) return;
    start = {
      name: out.NextRecordName,
      type: out.NextRecordType,
      identifier: out.NextRecordIdentifier,
    };
  }
}

/** Deletes the zone; false when it was already gone. */
export async function deleteHostedZone(zoneId: string): Promise<boolean> {
  try {
    await send('DeleteHostedZone', new DeleteHostedZoneCommand({ Id: zoneId }));
    return true;
  } catch (error) {
    if (isCloudError(error, 'NoSuchHostedZone')) return false;
    throw error;
  }
}

/**
 * Every zone named `<label>.<baseDomain>` (and the base zone itself), in a few paged calls:
 * ListHostedZonesByName orders by reversed labels, so the zones under one domain are adjacent.
 */
export async function listZonesUnder(baseDomain: string): Promise<HostedZoneSummary[]> {
  const suffix = `.${fqdn(baseDomain)}`;
  const found: HostedZoneSummary[] = [];
  let next: { name?: string; zoneId?: string } = { name: baseDomain };
  for (;;) {
    const out = await send<{
      HostedZones?: { Id?: string; Name?: string; CallerReference?: string }[];
      IsTruncated?: boolean;
      NextDNSName?: string;
      NextHostedZoneId?: string;
    }>(
      'ListHostedZonesByName',
      new ListHostedZonesByNameCommand({
        DNSName: next.name,
        HostedZoneId: next.zoneId,
        MaxItems: 100,
      }),
    );
    let passed = false;
    for (const zone of out.HostedZones ?? []) {
      const name = zone.Name ?? '';
      // Neighbours such as <x>-other.<tld> may sort between our zones: skip them, and stop only
      // once the names no longer share the base domain's reversed prefix.
      if (!reversedKey(name).startsWith(reversedKey(fqdn(baseDomain)))) {
        passed = true;
        break;
      }
      if (name === fqdn(baseDomain) || name.endsWith(suffix)) {
        found.push({
          zoneId: bareZoneId(zone.Id ?? ''),
          name,
          callerReference: zone.CallerReference ?? '',
        });
      }
    }
    if (passed || !out.IsTruncated) return found;
    next = { name: out.NextDNSName, zoneId: out.NextHostedZoneId };
  }
}

const reversedKey = (name: string) => name.replace(/\.$/, '').split('.').reverse().join('.');
