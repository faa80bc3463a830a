// Turning an OIDC sign-in into users and memberships, on both stores: the provider a person came
// through decides the one org they join, and only the platform provider names operators.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaller } from '@/server/auth/caller';
import { getOrgForCaller } from '@/server/auth/get-org-for-caller';
import { recordSignIn, SignInRefused, type SignInSettings } from '@/server/auth/record-sign-in';
import { listOrganizations } from '@/server/orgs/list-organizations';
import { createOrganization } from '@/server/orgs/create-organization';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const SETTINGS: SignInSettings = {
  roleClaim: 'groups',
  adminGroup: 'zonekeeper-admins',
  operatorEmails: ['root@platform.test'],
  operatorGroups: ['zonekeeper-operators'],
};

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`recordSignIn (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
      for (const slug of ['acme', 'globex']) {
        const org = await createOrganization(
          { store, actor: { type: 'cli', label: 'cli:test' }, baseDomain: 'zonekeeper.test' },
          { displayName: slug, slug },
        );
        await store.db.insert(store.t.orgIdentityProviders).values({
          orgId: org.id,
          issuer: `https://login.${slug}.test`,
          clientId: 'zonekeeper',
          clientSecretVaultPath: `zonekeeper/orgs/${slug}/oidc`,
        });
      }
    });
    afterAll(async () => {
      await store?.destroy();
    });

    const signIn = (providerId: string, claims: Record<string, unknown>) =>
      recordSignIn(store, SETTINGS, { providerId, subject: randomUUID(), claims });
    const callerOf = async (userId: string) => (await loadCaller(store, userId))!;

    it("makes a person who came through acme's provider a member of acme only", async () => {
      const { userId } = await signIn('org-acme', {
        email: 'ada@acme.test',
        groups: ['zonekeeper-admins', 'zonekeeper-operators'],
      });
      const caller = await callerOf(userId);
      expect(caller.isPlatformOperator).toBe(false);
      expect((await getOrgForCaller(store, caller, 'acme'))?.role).toBe('admin');
      expect(await getOrgForCaller(store, caller, 'globex')).toBeNull();
      expect((await listOrganizations(store, caller)).map((o) => o.slug)).toEqual(['acme']);
    });

    it('makes a person without the admin group a viewer', async () => {
      const { userId } = await signIn('org-acme', { email: 'vic@acme.test', groups: 'developers' });
      expect((await getOrgForCaller(store, await callerOf(userId), 'acme'))?.role).toBe('viewer');
    });

    it('names platform operators by group or email through the platform provider only', async () => {
      const byGroup = await signIn('platform', {
        email: 'pat@platform.test',
        groups: ['zonekeeper-operators'],
      });
      const byEmail = await signIn('platform', { email: 'ROOT@platform.test' });
      const neither = await signIn('platform', { email: 'ian@platform.test', groups: [] });
      expect((await callerOf(byGroup.userId)).isPlatformOperator).toBe(true);
      expect((await callerOf(byEmail.userId)).isPlatformOperator).toBe(true);
      const plain = await callerOf(neither.userId);
      expect(plain.isPlatformOperator).toBe(false);
      expect(await listOrganizations(store, plain)).toEqual([]);
      expect((await getOrgForCaller(store, await callerOf(byGroup.userId), 'globex'))?.role).toBe(
        'platform-operator',
      );
    });

    it("refuses an org's provider that claims another user's email, and changes nothing", async () => {
      const victim = await signIn('org-acme', {
        email: 'boss@acme.test',
        groups: ['zonekeeper-admins'],
      });
      const error = await signIn('org-globex', { email: 'boss@acme.test' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SignInRefused);
      expect((error as SignInRefused).reason).toBe('email_taken');
      const caller = await callerOf(victim.userId);
      expect([...caller.memberships.keys()]).toHaveLength(1);
      expect(await getOrgForCaller(store, caller, 'globex')).toBeNull();
    });

    it('refuses a sign-in without an email claim, creating no user', async () => {
      const before = await store.db.select().from(store.t.users);
      const error = await signIn('org-acme', { name: 'Nemo' }).catch((e: unknown) => e);
      expect((error as SignInRefused).reason).toBe('no_email');
      expect(await store.db.select().from(store.t.users)).toHaveLength(before.length);
    });

    it('refuses an org provider id for an org without a registered provider', async () => {
      const error = await signIn('org-initech', { email: 'x@initech.test' }).catch(
        (e: unknown) => e,
      );
      expect((error as SignInRefused).reason).toBe('unknown_org');
      expect(
        await store.db
          .select()
          .from(store.t.users)
          .where(eq(store.t.users.email, 'x@initech.test')),
      ).toEqual([]);
    });

    it('updates the role on the next sign-in of the same identity', async () => {
      const subject = randomUUID();
      const first = await recordSignIn(store, SETTINGS, {
        providerId: 'org-globex',
        subject,
        claims: { email: 'gus@globex.test', groups: ['zonekeeper-admins'] },
      });
      await recordSignIn(store, SETTINGS, {
        providerId: 'org-globex',
        subject,
        claims: { email: 'gus@globex.test', groups: [] },
      });
      const access = await getOrgForCaller(store, await callerOf(first.userId), 'globex');
      expect(access?.role).toBe('viewer');
    });
  });
}
