// The scheduled record sync's interval: (calls a full sync needs) / (the rate left after the
// reserve and every cluster's ExternalDNS), held between the minimum and a day, so that the
// reconciler, the sync and ExternalDNS stay under the account's Route 53 rate together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeSyncSchedule,
  EXTERNAL_DNS_INTERVAL_SECONDS,
  listCallsFor,
  MAX_INTERVAL_SECONDS,
  RESERVED_SHARE,
  syncSchedule,
  type SyncScheduleSettings,
  type ZoneLoad,
} from '@/server/hostnames/sync-schedule';

const SETTINGS: SyncScheduleSettings = {
  accountRequestsPerSecond: 10,
  installationRequestsPerSecond: 8,
  accountZones: 4,
  minIntervalSeconds: 60,
};
const zones = (count: number, records: number, clusters: number): ZoneLoad[] =>
  Array.from({ length: count }, () => ({ records, clusters }));

describe('listCallsFor', () => {
  it.each([
    [0, 1],
    [2, 1],
    [300, 1],
    [301, 2],
    [10_000, 34],
  ])('%i record sets take %i ListResourceRecordSets calls', (records, calls) => {
    expect(listCallsFor(records)).toBe(calls);
  });
});

describe('syncSchedule', () => {
  it.each([
    {
      what: 'a few small zones: the minimum interval',
      zones: [
        { records: 10, clusters: 2 },
        { records: 5, clusters: 1 },
        { records: 2, clusters: 0 },
      ],
      settings: SETTINGS,
      expected: { intervalSeconds: 60, callsPerSync: 3, saturated: false },
    },
    {
      what: 'a hundred 30,000-record zones without clusters: our own budget less the reserve',
      zones: zones(100, 30_000, 0),
      settings: { ...SETTINGS, accountZones: 101 },
      // 10,000 calls at 8 x 0.75 = 6 per second.
      expected: { intervalSeconds: 1667, callsPerSync: 10_000, saturated: false },
    },
    {
      what: 'twenty 3,000-record zones with a cluster each: what ExternalDNS leaves',
      zones: zones(20, 3_000, 1),
      settings: SETTINGS,
      // ExternalDNS: 20 x (1 + 10) / 60 = 3.67/s; left 7.5 - 3.67 = 3.83/s; 200 calls: 52 s.
      expected: { intervalSeconds: 60, callsPerSync: 200, saturated: false },
    },
    {
      what: 'the same zones on an account still on the 5/s limit',
      zones: zones(20, 3_000, 1),
      settings: { ...SETTINGS, accountRequestsPerSecond: 5 },
      // left 3.75 - 3.67 = 0.083/s; 200 calls: 2,400 s.
      expected: { intervalSeconds: 2400, callsPerSync: 200, saturated: false },
    },
    {
      what: 'ExternalDNS alone over the share: the longest interval',
      zones: zones(200, 3_000, 1),
      settings: { ...SETTINGS, accountZones: 201 },
      expected: { intervalSeconds: MAX_INTERVAL_SECONDS, callsPerSync: 2_000, saturated: true },
    },
    {
      what: 'no zones at all',
      zones: [],
      settings: SETTINGS,
      expected: { intervalSeconds: 60, callsPerSync: 0, saturated: false },
    },
  ])('$what', ({ zones: load, settings, expected }) => {
    expect(syncSchedule(load, settings)).toMatchObject(expected);
  });

  it('keeps the sync, ExternalDNS and the reserve under the account rate together (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            records: fc.integer({ min: 0, max: 50_000 }),
            clusters: fc.integer({ min: 0, max: 5 }),
          }),
          { maxLength: 300 },
        ),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 3_600 }),
        (load, account, installation, minInterval) => {
          const settings = {
            accountRequestsPerSecond: account,
            installationRequestsPerSecond: installation,
            accountZones: load.length + 1,
            minIntervalSeconds: minInterval,
          };
          const schedule = syncSchedule(load, settings);
          expect(schedule.intervalSeconds).toBeGreaterThanOrEqual(
            Math.min(minInterval, MAX_INTERVAL_SECONDS),
          );
          expect(schedule.intervalSeconds).toBeLessThanOrEqual(MAX_INTERVAL_SECONDS);
          const zoneLists = Math.max(1, Math.ceil(settings.accountZones / 100));
          const externalDns =
            load.reduce((sum, z) => sum + z.clusters * (zoneLists + listCallsFor(z.records)), 0) /
            EXTERNAL_DNS_INTERVAL_SECONDS;
          expect(schedule.externalDnsRequestsPerSecond).toBeCloseTo(externalDns, 9);
          if (schedule.saturated) return;
          const syncRate = schedule.callsPerSync / schedule.intervalSeconds;
          // The sync never goes faster than the rate left to it, nor than our own budget allows.
          expect(syncRate).toBeLessThanOrEqual(schedule.syncRequestsPerSecond + 1e-9);
          expect(syncRate).toBeLessThanOrEqual(installation * (1 - RESERVED_SHARE) + 1e-9);
          expect(syncRate + externalDns + account * RESERVED_SHARE).toBeLessThanOrEqual(
            account + 1e-9,
          );
        },
      ),
    );
  });

  it('is described in one sentence with the numbers it was chosen from', () => {
    const schedule = syncSchedule(zones(20, 3_000, 1), {
      ...SETTINGS,
      accountRequestsPerSecond: 5,
    });
    expect(describeSyncSchedule(schedule, 20)).toBe(
      "Record sync every 2400 s: 20 zones need 200 ListResourceRecordSets calls, at 0.08 requests/s left after the reserve and the clusters' ExternalDNS (3.67 requests/s).",
    );
    const saturated = syncSchedule(zones(200, 3_000, 1), { ...SETTINGS, accountZones: 201 });
    expect(describeSyncSchedule(saturated, 200)).toMatch(
      /^Record sync every 86400 s \(the longest\)/,
    );
  });
});
