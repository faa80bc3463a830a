// Transactions hold across `await` on both stores: all of a unit of work or none of it, and on
// SQLite's single connection nobody else's statements are swept into it.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`store transactions (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const orgs = () => store.t.organizations;
    const newOrg = (slug: string) => ({ id: randomUUID(), slug, displayName: slug });
    const slugsPresent = async (slugs: string[]) =>
      (await store.db.select().from(orgs()).where(inArray(orgs().slug, slugs)))
        .map((row) => row.slug)
        .sort();

    it('commits every write of a unit of work that awaits between them', async () => {
      await store.transaction(async (tx) => {
        await tx.db.insert(orgs()).values(newOrg('tx-commit-a'));
        await pause();
        await tx.db.insert(orgs()).values(newOrg('tx-commit-b'));
      });
      expect(await slugsPresent(['tx-commit-a', 'tx-commit-b'])).toEqual([
        'tx-commit-a',
        'tx-commit-b',
      ]);
    });

    it('rolls back the earlier writes when a later one fails', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.db.insert(orgs()).values(newOrg('tx-rollback'));
          await pause();
          throw new Error('the second write failed');
        }),
      ).rejects.toThrow('the second write failed');
      expect(await slugsPresent(['tx-rollback'])).toEqual([]);
    });

    it('returns what the unit of work returns', async () => {
      const row = await store.transaction(async (tx) => {
        const [inserted] = await tx.db.insert(orgs()).values(newOrg('tx-result')).returning();
        return inserted;
      });
      expect(row?.slug).toBe('tx-result');
    });

    /**
     * Starts `work` as another request would: its async context is the caller's, not that of
     * the transaction that later calls `go()`.
     */
    const anotherRequest = (work: () => Promise<unknown>) => {
      let go!: () => void;
      const started = new Promise<void>((resolve) => {
        go = resolve;
      });
      const done = (async () => {
        await started;
        return work();
      })();
      return { go, done };
    };

    it('keeps a concurrent write outside the transaction when the transaction rolls back', async () => {
      const outside = anotherRequest(() => store.db.insert(orgs()).values(newOrg('tx-outside')));
      await expect(
        store.transaction(async (tx) => {
          await tx.db.insert(orgs()).values(newOrg('tx-inside'));
          outside.go();
          await pause();
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      await outside.done;
      expect(await slugsPresent(['tx-inside', 'tx-outside'])).toEqual(['tx-outside']);
    });

    it('shows a reader outside the transaction none of its uncommitted rows', async () => {
      let seenOutside: string[] | undefined;
      const reader = anotherRequest(async () => {
        seenOutside = await slugsPresent(['tx-isolated']);
      });
      await store.transaction(async (tx) => {
        await tx.db.insert(orgs()).values(newOrg('tx-isolated'));
        reader.go();
        await pause();
        // PostgreSQL answers the reader at once without the row; SQLite makes it wait for the
        // commit. Either way it has not seen the row while the transaction is open.
        expect(seenOutside ?? []).toEqual([]);
      });
      await reader.done;
      expect(seenOutside).toBeDefined();
    });

    it('rolls back a failed nested unit of work alone (savepoint)', async () => {
      await store.transaction(async (tx) => {
        await tx.db.insert(orgs()).values(newOrg('tx-outer'));
        await expect(
          tx.transaction(async (inner) => {
            await inner.db.insert(orgs()).values(newOrg('tx-nested'));
            throw new Error('nested failed');
          }),
        ).rejects.toThrow('nested failed');
      });
      expect(await slugsPresent(['tx-nested', 'tx-outer'])).toEqual(['tx-outer']);
    });

    it('serializes concurrent transactions that read and then write the same row', async () => {
      const org = newOrg('tx-counter');
      await store.db.insert(orgs()).values(org);
      // Each one reads the generation and writes it back plus one; lost updates would show.
      // SELECT ... FOR UPDATE is not in the shared builder, so PostgreSQL's row lock comes from
      // updating first, which is how the domain code claims rows too.
      await Promise.all(
        Array.from({ length: 8 }, () =>
          store.transaction(async (tx) => {
            await tx.db.update(orgs()).set({ status: 'provisioning' }).where(eq(orgs().id, org.id));
            const [row] = await tx.db.select().from(orgs()).where(eq(orgs().id, org.id));
            await pause();
            await tx.db
              .update(orgs())
              .set({ generation: row!.generation + 1 })
              .where(eq(orgs().id, org.id));
          }),
        ),
      );
      const [row] = await store.db.select().from(orgs()).where(eq(orgs().id, org.id));
      expect(row!.generation).toBe(9);
    });
  });
}
