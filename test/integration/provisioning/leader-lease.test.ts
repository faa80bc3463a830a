// The reconciler lease on both stores: one holder at a time, renewal, takeover after expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseLease, tryAcquireLease } from '@/server/provisioning/leader-lease';
import { STORE_KINDS, type TestStore } from '../../support/stores';

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`reconciler lease (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(() => store?.destroy());

    it('lets exactly one of several concurrent replicas hold it', async () => {
      const holders = ['a', 'b', 'c', 'd'];
      const won = await Promise.all(
        holders.map((h) => tryAcquireLease(store, 'one-holder', h, 60_000)),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it('is renewed by its holder and refused to another while valid', async () => {
      expect(await tryAcquireLease(store, 'renew', 'a', 60_000)).toBe(true);
      expect(await tryAcquireLease(store, 'renew', 'a', 60_000)).toBe(true);
      expect(await tryAcquireLease(store, 'renew', 'b', 60_000)).toBe(false);
    });

    it('passes to another replica once the holder stops renewing and it expires', async () => {
      expect(await tryAcquireLease(store, 'expire', 'a', 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await tryAcquireLease(store, 'expire', 'b', 60_000)).toBe(true);
      expect(await tryAcquireLease(store, 'expire', 'a', 60_000)).toBe(false);
    });

    it('is free for another replica right after release', async () => {
      expect(await tryAcquireLease(store, 'release', 'a', 60_000)).toBe(true);
      await releaseLease(store, 'release', 'a');
      expect(await tryAcquireLease(store, 'release', 'b', 60_000)).toBe(true);
    });
  });
}
