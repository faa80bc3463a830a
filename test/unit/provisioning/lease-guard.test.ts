// The lease guard's rules, on an injected clock and a fake store: held from a successful renewal
// until the expiry it wrote; lost for good on refusal, failure, a takeover or a local lapse.
import { describe, expect, it } from 'vitest';
import { createLeaseGuard, LeaseLost, type LeaseGuard } from '@/server/provisioning/lease-guard';

const TTL = 1_000;

function setup() {
  const fake = {
    now: 0,
    renew: async (): Promise<boolean> => true,
    isHeld: async (): Promise<boolean> => true,
  };
  const guard = createLeaseGuard({
    ttlMs: TTL,
    now: () => fake.now,
    renew: () => fake.renew(),
    isHeld: () => fake.isHeld(),
  });
  return { fake, guard };
}

/** Checks first: a lapse has no timer, so it is noticed (and the signal aborted) by a check. */
function lossOf(guard: LeaseGuard): string {
  expect(() => guard.assertHeld()).toThrow(LeaseLost);
  expect(guard.signal.aborted).toBe(true);
  expect(guard.signal.reason).toBeInstanceOf(LeaseLost);
  return (guard.signal.reason as LeaseLost).message;
}

describe('lease guard', () => {
  it('is not held before its first renewal', () => {
    const { guard } = setup();
    expect(() => guard.assertHeld()).toThrow(LeaseLost);
  });

  it('is held from a renewal until the lease period after the renewal was sent', async () => {
    const { fake, guard } = setup();
    fake.renew = async () => {
      fake.now = 300; // the store answered late; the expiry it wrote counts from the request
      return true;
    };
    await guard.renew();
    fake.now = TTL - 1;
    expect(() => guard.assertHeld()).not.toThrow();
    fake.now = TTL;
    expect(lossOf(guard)).toMatch(/ran out before it was renewed/);
  });

  it('stays held across renewals made in time', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    fake.now = 600;
    await guard.renew();
    fake.now = 1_500;
    expect(() => guard.assertHeld()).not.toThrow();
  });

  it('is lost when another replica holds the lease at renewal', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    fake.renew = async () => false;
    await guard.renew();
    expect(lossOf(guard)).toMatch(/another replica holds the lease/);
  });

  it('is lost when a renewal fails, and says why', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    fake.renew = async () => {
      throw new Error('connection terminated');
    };
    await expect(guard.renew()).resolves.toBeUndefined();
    expect(lossOf(guard)).toMatch(/renewing the lease failed: connection terminated/);
  });

  it('does not renew once the lease lapsed locally, even if the store would allow it', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    let renewals = 0;
    fake.renew = async () => {
      renewals += 1;
      return true;
    };
    fake.now = TTL + 5_000; // stalled: another replica may have led meanwhile
    await guard.renew();
    expect(renewals).toBe(0);
    expect(lossOf(guard)).toMatch(/ran out/);
  });

  it('stays lost: a later successful renewal does not restore it', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    fake.renew = async () => false;
    await guard.renew();
    fake.renew = async () => true;
    await guard.renew();
    expect(lossOf(guard)).toMatch(/another replica holds the lease/);
  });

  it('confirms with the store, which sees a takeover before the next renewal does', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    await expect(guard.confirm()).resolves.toBeUndefined();
    fake.isHeld = async () => false;
    await expect(guard.confirm()).rejects.toThrow(LeaseLost);
    expect(lossOf(guard)).toMatch(/another replica took the lease over/);
  });

  it('counts a failed check with the store as a loss', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    fake.isHeld = async () => {
      throw new Error('too many clients');
    };
    await expect(guard.confirm()).rejects.toThrow(/checking the lease failed: too many clients/);
    expect(guard.signal.aborted).toBe(true);
  });

  it('refuses to confirm a lapsed lease without asking the store', async () => {
    const { fake, guard } = setup();
    await guard.renew();
    let asked = 0;
    fake.isHeld = async () => {
      asked += 1;
      return true;
    };
    fake.now = TTL;
    await expect(guard.confirm()).rejects.toThrow(LeaseLost);
    expect(asked).toBe(0);
  });
});
