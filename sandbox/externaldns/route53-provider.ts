// ExternalDNS's AWS provider, reduced to what a sync needs: each zone the zone-id filter names
// (GetHostedZone, remembered once read, like its zones cache), every page of its records, and
// change batches within Route 53's limits. A refused batch is resent one record (with its
// registry record) at a time, as ExternalDNS does, so one bad change fails alone.
import {
  ChangeResourceRecordSetsCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandOutput,
  Route53Client,
  type Change,
  type RRType,
} from '@aws-sdk/client-route-53';
import { matchesDomainFilter } from './externaldns-args';
import type { AwsCredentials } from './mounted-credentials';
import type { ChangeGroup, ManagedZone, ZoneRecord } from './plan-changes';

/** ExternalDNS's --aws-batch-change-size and --aws-batch-change-size-bytes defaults. */
const BATCH_CHANGES = 1_000;
const BATCH_CHARACTERS = 32_000;

export interface Route53ProviderOptions {
  endpoint: string;
  region: string;
  credentials: AwsCredentials;
}

/** `\052` and other octal escapes Route 53 puts in names, decoded; lower-case, no trailing dot. */
export function decodeRecordName(name: string): string {
  return name
    .replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    .replace(/\.$/, '')
    .toLowerCase();
}

export const describeAwsError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export function createRoute53Provider(options: Route53ProviderOptions) {
  const client = new Route53Client({
    endpoint: options.endpoint,
    region: options.region,
    credentials: options.credentials,
  });
  const zoneNames = new Map<string, string>();

  async function zoneName(zoneId: string): Promise<string> {
    const known = zoneNames.get(zoneId);
    if (known) return known;
    const answer = await client.send(new GetHostedZoneCommand({ Id: zoneId }));
    const name = decodeRecordName(answer.HostedZone?.Name ?? '');
    zoneNames.set(zoneId, name);
    return name;
  }

  async function publicZoneIds(domainFilters: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(new ListHostedZonesCommand({ Marker: marker }));
      for (const zone of page.HostedZones ?? []) {
        const id = (zone.Id ?? '').replace('/hostedzone/', '');
        const name = decodeRecordName(zone.Name ?? '');
        if (zone.Config?.PrivateZone || !matchesDomainFilter(name, domainFilters)) continue;
        zoneNames.set(id, name);
        ids.push(id);
      }
      marker = page.IsTruncated ? page.NextMarker : undefined;
    } while (marker);
    return ids;
  }

  async function records(zoneId: string): Promise<ZoneRecord[]> {
    const found: ZoneRecord[] = [];
    let start: { name?: string; type?: RRType; identifier?: string } | undefined = {};
    while (start) {
      const page: ListResourceRecordSetsCommandOutput = await client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          StartRecordName: start.name,
          StartRecordType: start.type,
          StartRecordIdentifier: start.identifier,
        }),
      );
      for (const set of page.ResourceRecordSets ?? [])
        found.push({
          name: decodeRecordName(set.Name ?? ''),
          type: set.Type ?? '',
          ttl: set.TTL,
          values: (set.ResourceRecords ?? []).map((record) => record.Value ?? ''),
          setIdentifier: set.SetIdentifier,
          alias: set.AliasTarget !== undefined,
        });
      start = page.IsTruncated
        ? {
            name: page.NextRecordName,
            type: page.NextRecordType,
            identifier: page.NextRecordIdentifier,
          }
        : undefined;
    }
    return found;
  }

  return {
    /**
     * The zones to manage with their records: those the zone-id filter names or, without one,
     * every public zone the domain filter matches (ListHostedZones, as ExternalDNS does then).
     */
    async zones(
      zoneIdFilter: readonly string[],
      domainFilters: readonly string[],
    ): Promise<ManagedZone[]> {
      const ids = zoneIdFilter.length > 0 ? zoneIdFilter : await publicZoneIds(domainFilters);
      const zones: ManagedZone[] = [];
      for (const id of ids)
        zones.push({ id, name: await zoneName(id), records: await records(id) });
      return zones;
    },

    /** Sends the groups; returns the summaries of those that failed, with Route 53's reason. */
    async apply(groups: readonly ChangeGroup[]): Promise<{ applied: number; failures: string[] }> {
      const failures: string[] = [];
      let applied = 0;
      for (const [zoneId, batch] of batchesOf(groups)) {
        try {
          await send(
            zoneId,
            batch.flatMap((group) => group.changes),
          );
          applied += batch.length;
          continue;
        } catch (error) {
          const [only] = batch;
          if (only && batch.length === 1) {
            failures.push(`${only.summary}: ${describeAwsError(error)}`);
            continue;
          }
        }
        for (const group of batch) {
          try {
            await send(zoneId, group.changes);
            applied += 1;
          } catch (error) {
            failures.push(`${group.summary}: ${describeAwsError(error)}`);
          }
        }
      }
      return { applied, failures };
    },

    close: () => client.destroy(),
  };

  async function send(zoneId: string, changes: Change[]): Promise<void> {
    await client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: changes },
      }),
    );
  }
}

/** Groups cut into batches per zone, an UPSERT counting twice, a group never split. */
function batchesOf(groups: readonly ChangeGroup[]): [string, ChangeGroup[]][] {
  const batches: [string, ChangeGroup[]][] = [];
  const size = (group: ChangeGroup) =>
    group.changes.reduce(
      (sum, change) => {
        const weight = change.Action === 'UPSERT' ? 2 : 1;
        const characters = (change.ResourceRecordSet?.ResourceRecords ?? []).reduce(
          (total, record) => total + (record.Value ?? '').length,
          0,
        );
        return { changes: sum.changes + weight, characters: sum.characters + weight * characters };
      },
      { changes: 0, characters: 0 },
    );
  const byZone = new Map<string, ChangeGroup[]>();
  for (const group of groups)
    byZone.set(group.zoneId, [...(byZone.get(group.zoneId) ?? []), group]);
  for (const [zoneId, zoneGroups] of byZone) {
    let current: ChangeGroup[] = [];
    let used = { changes: 0, characters: 0 };
    for (const group of zoneGroups) {
      const needs = size(group);
      if (
        current.length > 0 &&
        (used.changes + needs.changes > BATCH_CHANGES ||
          used.characters + needs.characters > BATCH_CHARACTERS)
      ) {
        batches.push([zoneId, current]);
        current = [];
        used = { changes: 0, characters: 0 };
      }
      current.push(group);
      used = {
        changes: used.changes + needs.changes,
        characters: used.characters + needs.characters,
      };
    }
    if (current.length > 0) batches.push([zoneId, current]);
  }
  return batches;
}
