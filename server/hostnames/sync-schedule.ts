// How often the scheduled record sync may list every org zone so that, together with the
// reconciler and every cluster's ExternalDNS, the AWS account stays under its Route 53 request
// limit (docs/design.md "Record sync schedule"). A pure function of the zones' sizes, the
// clusters in each and the settings, so the reasoning is testable and the choice can be shown.

/** ListResourceRecordSets returns at most this many record sets per call. */
export const RECORD_SETS_PER_LIST_CALL = 300;
/** ListHostedZones returns at most this many zones per call. */
export const ZONES_PER_LIST_CALL = 100;
/**
 * ExternalDNS's own sync interval: the bundle sets no `--interval`, so v0.22's default of one
 * minute applies.
 */
export const EXTERNAL_DNS_INTERVAL_SECONDS = 60;
/**
 * The part of the account's rate kept for everything but the syncs: the reconciler's own calls
 * (provisioning, delegations, cluster removals, the collector) and a margin for bursts, so a
 * scheduled sync never starves them.
 */
export const RESERVED_SHARE = 0.25;

export interface ZoneLoad {
  /** Record sets in the zone at its last sync (the apex SOA and NS included). */
  records: number;
  /** Clusters running ExternalDNS against this zone (every live cluster of the org). */
  clusters: number;
}

export interface SyncScheduleSettings {
  /** The account's Route 53 request rate (AWS: the account bucket's refill, 10 per second). */
  accountRequestsPerSecond: number;
  /** This installation's own budget (ZK_ROUTE53_REQUESTS_PER_SECOND): the sync cannot go faster. */
  installationRequestsPerSecond: number;
  /** Zones in the account: each ExternalDNS lists them all (ListHostedZones) on every sync. */
  accountZones: number;
  /** The shortest interval, however idle the account (ZK_RECORD_SYNC_MIN_INTERVAL_MS / 1000). */
  minIntervalSeconds: number;
}

export interface SyncSchedule {
  intervalSeconds: number;
  /** ListResourceRecordSets calls one sync of every zone needs. */
  callsPerSync: number;
  /** What every cluster's ExternalDNS spends, per second, on average. */
  externalDnsRequestsPerSecond: number;
  /** The rate left for the sync after the reserve and ExternalDNS (never below zero). */
  syncRequestsPerSecond: number;
  /** True when ExternalDNS alone uses up the share: the sync then runs at the longest interval. */
  saturated: boolean;
}

/** The longest interval: the record view is never older than a day, even on a saturated account. */
export const MAX_INTERVAL_SECONDS = 86_400;

/** ListResourceRecordSets calls one listing of a zone of this many record sets needs. */
export const listCallsFor = (records: number) =>
  Math.max(1, Math.ceil(records / RECORD_SETS_PER_LIST_CALL));

/**
 * interval = (calls a full sync needs) / (the rate left for it), where the rate left is the
 * account's rate less the reserve and less what ExternalDNS spends (each instance lists the
 * account's zones and its own zone every EXTERNAL_DNS_INTERVAL_SECONDS), capped by our own
 * budget less the reserve; then held between the minimum and a day.
 */
export function syncSchedule(
  zones: readonly ZoneLoad[],
  settings: SyncScheduleSettings,
): SyncSchedule {
  const callsPerSync = zones.reduce((sum, zone) => sum + listCallsFor(zone.records), 0);
  const zoneListCalls = Math.max(1, Math.ceil(settings.accountZones / ZONES_PER_LIST_CALL));
  const externalDnsRequestsPerSecond =
    zones.reduce(
      (sum, zone) => sum + zone.clusters * (zoneListCalls + listCallsFor(zone.records)),
      0,
    ) / EXTERNAL_DNS_INTERVAL_SECONDS;
  const share = settings.accountRequestsPerSecond * (1 - RESERVED_SHARE);
  const ours = settings.installationRequestsPerSecond * (1 - RESERVED_SHARE);
  const syncRequestsPerSecond = Math.max(0, Math.min(share - externalDnsRequestsPerSecond, ours));
  const saturated = syncRequestsPerSecond <= 0;
  const wanted = saturated ? MAX_INTERVAL_SECONDS : callsPerSync / syncRequestsPerSecond;
  const intervalSeconds = Math.min(
    MAX_INTERVAL_SECONDS,
    Math.max(settings.minIntervalSeconds, Math.ceil(wanted)),
  );
  return {
    intervalSeconds,
    callsPerSync,
    externalDnsRequestsPerSecond,
    syncRequestsPerSecond,
    saturated,
  };
}

/** The schedule in one sentence, for the log and the CLI. */
export function describeSyncSchedule(schedule: SyncSchedule, zones: number): string {
  const rate = (n: number) => n.toFixed(2);
  if (schedule.saturated) {
    return `Record sync every ${schedule.intervalSeconds} s (the longest): the clusters' ExternalDNS use ${rate(schedule.externalDnsRequestsPerSecond)} requests/s, all of the share of the account's Route 53 rate the sync may use.`;
  }
  return `Record sync every ${schedule.intervalSeconds} s: ${zones} zones need ${schedule.callsPerSync} ListResourceRecordSets calls, at ${rate(schedule.syncRequestsPerSecond)} requests/s left after the reserve and the clusters' ExternalDNS (${rate(schedule.externalDnsRequestsPerSecond)} requests/s).`;
}
