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

const issuerOf = (providerId: string) =>
  providerId === 'platform'
    ? 'https://login.platform.test'
    : `https://login.${providerId.replace(/^org-/, '')}.test`;

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
      recordSignIn(store, SETTINGS, {
        providerId,
        issuer: issuerOf(providerId),
        subject: randomUUID(),
        claims,
      });
    const callerOf = async (userId: string) => (await loadCaller(store, userId, SETTINGS))!;

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

    it('names platform operators by group or verified email through the platform provider only', async () => {
      const byGroup = await signIn('platform', {
        email: 'pat@platform.test',
        groups: ['zonekeeper-operators'],
      });
      const byEmail = await signIn('platform', {
        email: 'ROOT@platform.test',
        email_verified: true,
      });
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

    it('grants no operator rights for an operator email the provider did not verify', async () => {
      const settings = {
        ...SETTINGS,
        operatorEmails: ['boss@platform.test', 'chef@platform.test'],
      };
      const platform = (email: string, claims: Record<string, unknown>) =>
        recordSignIn(store, settings, {
          providerId: 'platform',
          issuer: issuerOf('platform'),
          subject: randomUUID(),
          claims: { email, ...claims },
        });
      const absent = await platform('boss@platform.test', {});
      const saidFalse = await platform('chef@platform.test', { email_verified: false });
      expect((await loadCaller(store, absent.userId, settings))!.isPlatformOperator).toBe(false);
      expect((await loadCaller(store, saidFalse.userId, settings))!.isPlatformOperator).toBe(false);
    });

    it('grants no operator rights for a look-alike of an operator email (U+212A for k)', async () => {
      const settings = { ...SETTINGS, operatorEmails: ['kim@platform.test'] };
      const { userId } = await recordSignIn(store, settings, {
        providerId: 'platform',
        issuer: issuerOf('platform'),
        subject: randomUUID(),
        claims: { email: '\u212Aim@platform.test', email_verified: true },
      });
      expect((await loadCaller(store, userId, settings))!.isPlatformOperator).toBe(false);
      const [user] = await store.db
        .select()
        .from(store.t.users)
        .where(eq(store.t.users.id, userId));
      expect(user!.email).toBe('\u212Aim@platform.test');
    });

    it('stores the email of the latest sign-in, so the audit trail names the address used', async () => {
      const subject = randomUUID();
      const first = await recordSignIn(store, SETTINGS, {
        providerId: 'platform',
        issuer: issuerOf('platform'),
        subject,
        claims: { email: 'old@platform.test', email_verified: true },
      });
      await recordSignIn(store, SETTINGS, {
        providerId: 'platform',
        issuer: issuerOf('platform'),
        subject,
        claims: { email: 'New@Platform.test', email_verified: true },
      });
      expect((await callerOf(first.userId)).email).toBe('new@platform.test');
    });

    it("lets an org's provider assert another user's email only for its own org's identity", async () => {
      const victim = await signIn('org-acme', {
        email: 'boss@acme.test',
        groups: ['zonekeeper-admins'],
      });
      const squatter = await signIn('org-globex', { email: 'boss@acme.test' });
      expect(squatter.userId).not.toBe(victim.userId);
      const caller = await callerOf(victim.userId);
      expect([...caller.memberships.keys()]).toHaveLength(1);
      expect(await getOrgForCaller(store, caller, 'globex')).toBeNull();
      const other = await callerOf(squatter.userId);
      expect(await getOrgForCaller(store, other, 'acme')).toBeNull();
      // The victim still signs in through acme.
      const [account] = await store.db
        .select()
        .from(store.t.accounts)
        .where(eq(store.t.accounts.userId, victim.userId));
      const again = await recordSignIn(store, SETTINGS, {
        providerId: 'org-acme',
        issuer: issuerOf('org-acme'),
        subject: account!.providerAccountId,
        claims: { email: 'boss@acme.test', groups: ['zonekeeper-admins'] },
      });
      expect(again.userId).toBe(victim.userId);
    });

    it("never refuses a platform sign-in because an org's provider asserted the same email first", async () => {
      const settings = { ...SETTINGS, operatorEmails: ['chief@platform.test'] };
      const squat = await recordSignIn(store, settings, {
        providerId: 'org-globex',
        issuer: issuerOf('org-globex'),
        subject: randomUUID(),
        claims: { email: 'chief@platform.test', email_verified: true },
      });
      const real = await recordSignIn(store, settings, {
        providerId: 'platform',
        issuer: issuerOf('platform'),
        subject: randomUUID(),
        claims: { email: 'chief@platform.test', email_verified: true },
      });
      expect(real.userId).not.toBe(squat.userId);
      expect((await loadCaller(store, real.userId, settings))!.isPlatformOperator).toBe(true);
      expect((await loadCaller(store, squat.userId, settings))!.isPlatformOperator).toBe(false);
    });

    it('refuses an identity through an issuer other than the one it was created with', async () => {
      const subject = randomUUID();
      const first = await recordSignIn(store, SETTINGS, {
        providerId: 'org-acme',
        issuer: issuerOf('org-acme'),
        subject,
        claims: { email: 'mel@acme.test', groups: ['zonekeeper-admins'] },
      });
      const error = await recordSignIn(store, SETTINGS, {
        providerId: 'org-acme',
        issuer: 'https://evil.example.test',
        subject,
        claims: { email: 'mel@acme.test', groups: ['zonekeeper-admins'] },
      }).catch((e: unknown) => e);
      expect((error as SignInRefused).reason).toBe('issuer_changed');
      expect((error as SignInRefused).message).toMatch(/different identity provider/);
      expect((await callerOf(first.userId)).email).toBe('mel@acme.test');
    });

    it('links two concurrent first sign-ins of one email to one user and one identity', async () => {
      const claims = { email: 'race@platform.test', email_verified: true };
      const sameSubject = randomUUID();
      const same = await Promise.all(
        Array.from({ length: 8 }, () =>
          recordSignIn(store, SETTINGS, {
            providerId: 'platform',
            issuer: issuerOf('platform'),
            subject: sameSubject,
            claims,
          }),
        ),
      );
      expect(new Set(same.map((r) => r.userId)).size).toBe(1);

      const others = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          recordSignIn(store, SETTINGS, {
            providerId: 'platform',
            issuer: issuerOf('platform'),
            subject: randomUUID(),
            claims: { email: 'race2@platform.test', email_verified: true },
          }),
        ),
      );
      expect(others.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const refused of others.filter((r) => r.status === 'rejected')) {
        expect((refused.reason as SignInRefused).reason).toBe('email_taken');
      }
      const users = await store.db
        .select()
        .from(store.t.users)
        .where(eq(store.t.users.email, 'race2@platform.test'));
      expect(users).toHaveLength(1);
      const accounts = await store.db
        .select()
        .from(store.t.accounts)
        .where(eq(store.t.accounts.userId, users[0]!.id));
      expect(accounts).toHaveLength(1);
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
        issuer: issuerOf('org-globex'),
        subject,
        claims: { email: 'gus@globex.test', groups: ['zonekeeper-admins'] },
      });
      await recordSignIn(store, SETTINGS, {
        providerId: 'org-globex',
        issuer: issuerOf('org-globex'),
        subject,
        claims: { email: 'gus@globex.test', groups: [] },
      });
      const access = await getOrgForCaller(store, await callerOf(first.userId), 'globex');
      expect(access?.role).toBe('viewer');
    });
  });
}
