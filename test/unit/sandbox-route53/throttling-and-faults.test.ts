import { describe, expect, it } from 'vitest';
import { FaultInjector } from '@/sandbox/throttle/fault-injection';
import { defaultThrottlingConfig, RequestThrottle } from '@/sandbox/throttle/route53-throttling';
import { TokenBucket } from '@/sandbox/throttle/token-bucket';

describe('TokenBucket', () => {
  it('starts full, empties, and refills at its rate up to capacity', () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2 }, 0);
    for (let i = 0; i < 3; i++) {
      expect(bucket.hasToken(0)).toBe(true);
      bucket.take();
    }
    expect(bucket.hasToken(0)).toBe(false);
    expect(bucket.hasToken(499)).toBe(false);
    expect(bucket.hasToken(500)).toBe(true);
    bucket.take();
    expect(bucket.hasToken(10_000)).toBe(true);
    for (let i = 0; i < 3; i++) bucket.take();
    expect(bucket.hasToken(10_000)).toBe(false);
  });
});

describe('RequestThrottle', () => {
  it('enforces the account bucket (50, 10/s) across operations', () => {
    let now = 0;
    const throttle = new RequestThrottle(defaultThrottlingConfig(), () => now);
    const admitted = Array.from({ length: 60 }, (_, i) =>
      throttle.admit('acct', i % 2 ? 'GetHostedZone' : 'ListResourceRecordSets'),
    );
    expect(admitted.filter(Boolean)).toHaveLength(50);
    now = 1_000;
    expect(
      Array.from({ length: 12 }, () => throttle.admit('acct', 'GetChange')).filter(Boolean),
    ).toHaveLength(10);
    expect(throttle.admit('other-account', 'GetChange')).toBe(true);
  });

  it('gives CreateHostedZone 40 tokens refilled at 2/s', () => {
    let now = 0;
    const throttle = new RequestThrottle(defaultThrottlingConfig(), () => now);
    expect(
      Array.from({ length: 45 }, () => throttle.admit('a', 'CreateHostedZone')).filter(Boolean),
    ).toHaveLength(40);
    now = 1_000;
    expect(
      Array.from({ length: 5 }, () => throttle.admit('a', 'CreateHostedZone')).filter(Boolean),
    ).toHaveLength(2);
  });

  it('refuses a change only while an earlier one to the same zone is processed, however late', () => {
    let now = 0;
    const throttle = new RequestThrottle(defaultThrottlingConfig(), () => now);
    const first = throttle.beginZoneChange('Z1');
    expect(first?.processingMs).toBe(100);
    now = 10_000;
    // Busy until answered, not for a fixed time: a slow change still holds the zone.
    expect(throttle.beginZoneChange('Z1')).toBeUndefined();
    expect(throttle.beginZoneChange('Z2')).toBeDefined();
    first!.finish();
    // The moment the first is answered the zone is free again: a sequential client never waits.
    const second = throttle.beginZoneChange('Z1');
    expect(second).toBeDefined();
    second!.finish();
    second!.finish();
    expect(throttle.beginZoneChange('Z1')).toBeDefined();
  });

  it('frees nothing on a stale finish after a reconfiguration, and can be switched off', () => {
    const throttle = new RequestThrottle(defaultThrottlingConfig(), () => 0);
    const stale = throttle.beginZoneChange('Z1');
    throttle.configure({ priorRequest: { processingMs: 300 } });
    const current = throttle.beginZoneChange('Z1');
    expect(current?.processingMs).toBe(300);
    stale!.finish();
    expect(throttle.beginZoneChange('Z1')).toBeUndefined();
    throttle.configure({ enabled: false, priorRequest: { enabled: false } });
    expect(throttle.beginZoneChange('Z1')).toMatchObject({ processingMs: 0 });
    expect(throttle.beginZoneChange('Z1')).toMatchObject({ processingMs: 0 });
    expect(
      Array.from({ length: 500 }, () => throttle.admit('a', 'GetHostedZone')).every(Boolean),
    ).toBe(true);
  });
});

describe('FaultInjector', () => {
  it('fails the next N calls, then stops; named operations win over *', () => {
    const faults = new FaultInjector(() => 0.5);
    faults.set('GetHostedZone', { failNext: 2, failNextKind: 'DropConnection', latencyMs: 5 });
    faults.set('*', { errorRate: 0.4, errorKind: 'Throttling' });
    expect(faults.decide('GetHostedZone')).toEqual({ latencyMs: 5, failure: 'DropConnection' });
    expect(faults.decide('GetHostedZone').failure).toBe('DropConnection');
    expect(faults.decide('GetHostedZone')).toEqual({ latencyMs: 5 });
    expect(faults.decide('GetChange')).toEqual({ latencyMs: 0 });
    faults.set('*', { errorRate: 0.6, errorKind: 'Throttling' });
    expect(faults.decide('GetChange')).toEqual({ latencyMs: 0, failure: 'Throttling' });
    faults.clear();
    expect(faults.decide('GetChange')).toEqual({ latencyMs: 0 });
  });
});
