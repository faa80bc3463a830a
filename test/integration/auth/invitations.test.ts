// Invitations on both stores: an admin invites by email, the person's next platform sign-in with
// that email verified makes them a member with the invited role; an org's own IdP never accepts.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@/db/rows';
import type { Actor } from '@/server/auth/actor';
import { loadCaller } from '@/server/auth/caller';
import { getOrgForCaller } from '@/server/auth/get-org-for-caller';
import { recordSignIn, type SignInSettings } from '@/server/auth/record-sign-in';
import { DomainError } from '@/server/errors/domain-error';
import { inviteMember } from '@/server/memberships/invite-member';
import { listMembers } from '@/server/memberships/list-members';
import { removeMember } from '@/server/memberships/remove-member';
import { revokeInvitation } from '@/server/memberships/revoke-invitation';
import { createOrganization } from '@/server/orgs/create-organization';
import { listOrganizations } from '@/server/orgs/list-organizations';
import { STORE_KINDS, type TestStore } from '../../support/stores';

const SETTINGS: SignInSettings = {
  roleClaim: 'groups',
  adminGroup: 'zonekeeper-admins',
  operatorEmails: [],
  operatorGroups: ['zonekeeper-operators'],
};

// The issuers registered below: `https://login.<slug>.test` per org, one for the platform.
const issuerOf = (providerId: string) =>
  providerId === 'platform'
    ? 'https://login.platform.test'
    : `https://login.${providerId.replace(/^org-/, '')}.test`;

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`invitations (${kind.name})`, () => {
    let store: TestStore;
    const orgs: Record<string, Organization> = {};
    let ada: Actor;

    beforeAll(async () => {
      store = await kind.open();
      for (const slug of ['acme', 'globex']) {
        orgs[slug] = await createOrganization(
          { store, actor: { type: 'cli', label: 'cli:test' }, baseDomain: 'zonekeeper.test' },
          { displayName: slug, slug },
        );
        await store.db.insert(store.t.orgIdentityProviders).values({
          orgId: orgs[slug].id,
          issuer: `https://login.${slug}.test`,
          clientId: 'zonekeeper',
          clientSecretVaultPath: `zonekeeper/orgs/${slug}/oidc`,
        });
      }
      const { userId } = await signIn('org-acme', {
        email: 'ada@acme.test',
        groups: ['zonekeeper-admins'],
      });
      ada = { type: 'user', id: userId, label: 'ada@acme.test' };
    });
    afterAll(async () => {
      await store?.destroy();
    });

    function signIn(providerId: string, claims: Record<string, unknown>) {
      return recordSignIn(store, SETTINGS, {
        providerId,
        issuer: issuerOf(providerId),
        subject: randomUUID(),
        claims,
      });
    }
    const inAcme = () => ({ store, actor: ada, org: orgs.acme! });
    const invite = (email: string, role = 'viewer') => inviteMember(inAcme(), { email, role });
    const refusal = (work: Promise<unknown>) =>
      work.then(
        () => expect.fail('expected a refusal'),
        (error: unknown) => {
          expect(error).toBeInstanceOf(DomainError);
          return error as DomainError;
        },
      );
    const snapshot = async () => ({
      invitations: await store.db.select().from(store.t.invitations),
      memberships: await store.db.select().from(store.t.memberships),
      audit: (await store.db.select().from(store.t.auditEvents)).length,
    });
    const callerOf = async (userId: string) => (await loadCaller(store, userId, SETTINGS))!;

    it('records an invitation with the email lower-cased, lists it as pending and audits it', async () => {
      const invitation = await invite('  Ivy@Platform.TEST ', 'admin');
      expect(invitation).toMatchObject({
        orgId: orgs.acme!.id,
        email: 'ivy@platform.test',
        role: 'admin',
        invitedBy: ada.id,
        acceptedAt: null,
      });
      const { members, invitations } = await listMembers(store, orgs.acme!.id);
      expect(members.map((m) => [m.email, m.role, m.source])).toEqual([
        ['ada@acme.test', 'admin', 'org-idp'],
      ]);
      expect(invitations).toEqual([
        expect.objectContaining({
          email: 'ivy@platform.test',
          role: 'admin',
          invitedBy: 'ada@acme.test',
        }),
      ]);
      expect((await listMembers(store, orgs.globex!.id)).invitations).toEqual([]);
      const [event] = await store.db
        .select()
        .from(store.t.auditEvents)
        .where(eq(store.t.auditEvents.action, 'member.invited'));
      expect(event).toMatchObject({
        orgId: orgs.acme!.id,
        actorLabel: 'ada@acme.test',
        target: 'ivy@platform.test',
      });
    });

    it('refuses inviting the same email again, in any case, and changes nothing', async () => {
      const before = await snapshot();
      const error = await refusal(invite('IVY@platform.test', 'viewer'));
      expect(error.code).toBe('conflict');
      expect(error.fields?.email?.[0]).toBe(
        'ivy@platform.test is already invited to acme. Revoke that invitation first to invite them again, e.g. with another role.',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('refuses inviting someone who is a member already', async () => {
      const before = await snapshot();
      const error = await refusal(invite('ADA@acme.test'));
      expect(error.fields?.email).toEqual(['ada@acme.test is already a member of acme.']);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      [{ email: 'not-an-email', role: 'viewer' }, 'email', 'Enter a valid email address'],
      [{ email: '   ', role: 'viewer' }, 'email', 'Enter the email address'],
      [{ email: 'ok@platform.test', role: 'owner' }, 'role', 'Choose a role: admin or viewer.'],
    ])('refuses %j with a message at the field', async (input, field, message) => {
      const before = await snapshot();
      const error = await refusal(inviteMember(inAcme(), input));
      expect(error.code).toBe('invalid_input');
      expect(error.fields?.[field]?.join(' ')).toContain(message);
      expect(await snapshot()).toEqual(before);
    });

    it('makes the invited person a member with the invited role at their platform sign-in', async () => {
      await inviteMember(
        { store, actor: ada, org: orgs.globex! },
        {
          email: 'ivy@platform.test',
          role: 'viewer',
        },
      );
      const { userId } = await signIn('platform', {
        email: 'Ivy@platform.test',
        email_verified: true,
        groups: [],
      });
      const ivy = await callerOf(userId);
      expect(ivy.isPlatformOperator).toBe(false);
      expect((await getOrgForCaller(store, ivy, 'acme'))?.role).toBe('admin');
      expect((await getOrgForCaller(store, ivy, 'globex'))?.role).toBe('viewer');
      const acme = await listMembers(store, orgs.acme!.id);
      expect(acme.invitations).toEqual([]);
      expect(acme.members.find((m) => m.userId === userId)).toMatchObject({
        role: 'admin',
        source: 'invitation',
      });
      const accepted = await store.db
        .select()
        .from(store.t.invitations)
        .where(eq(store.t.invitations.email, 'ivy@platform.test'));
      expect(accepted.map((i) => i.acceptedAt)).toEqual([expect.any(Date), expect.any(Date)]);
      const joined = await store.db
        .select()
        .from(store.t.auditEvents)
        .where(eq(store.t.auditEvents.action, 'member.joined'));
      expect(joined.map((e) => e.orgId).sort()).toEqual([orgs.acme!.id, orgs.globex!.id].sort());

      // A later sign-in finds nothing left to accept and records no second join.
      await recordSignIn(store, SETTINGS, {
        providerId: 'platform',
        issuer: issuerOf('platform'),
        subject: (
          await store.db.select().from(store.t.accounts).where(eq(store.t.accounts.userId, userId))
        )[0]!.providerAccountId,
        claims: { email: 'ivy@platform.test', email_verified: true },
      });
      expect(
        await store.db
          .select()
          .from(store.t.auditEvents)
          .where(eq(store.t.auditEvents.action, 'member.joined')),
      ).toHaveLength(2);
    });

    it('does not accept for a platform sign-in whose email is not verified', async () => {
      await invite('una@platform.test');
      const { userId } = await signIn('platform', { email: 'una@platform.test' });
      expect(await listOrganizations(store, await callerOf(userId))).toEqual([]);
      const { invitations } = await listMembers(store, orgs.acme!.id);
      expect(invitations.map((i) => i.email)).toContain('una@platform.test');
    });

    it("never accepts through an org's own IdP, not even a verified email", async () => {
      await invite('gus@globex.test', 'admin');
      const { userId } = await signIn('org-globex', {
        email: 'gus@globex.test',
        email_verified: true,
      });
      const gus = await callerOf(userId);
      expect((await listOrganizations(store, gus)).map((o) => o.slug)).toEqual(['globex']);
      expect(await getOrgForCaller(store, gus, 'acme')).toBeNull();
      const { invitations } = await listMembers(store, orgs.acme!.id);
      expect(invitations.map((i) => i.email)).toContain('gus@globex.test');
    });

    it('revokes a pending invitation of its own org only', async () => {
      const invitation = await invite('rex@platform.test');
      const inGlobex = { store, actor: ada, org: orgs.globex! };
      expect((await refusal(revokeInvitation(inGlobex, invitation.id))).code).toBe('not_found');

      expect(await revokeInvitation(inAcme(), invitation.id)).toEqual({
        email: 'rex@platform.test',
      });
      const { invitations } = await listMembers(store, orgs.acme!.id);
      expect(invitations.map((i) => i.email)).not.toContain('rex@platform.test');
      expect((await refusal(revokeInvitation(inAcme(), invitation.id))).code).toBe('not_found');

      const { userId } = await signIn('platform', {
        email: 'rex@platform.test',
        email_verified: true,
      });
      expect(await listOrganizations(store, await callerOf(userId))).toEqual([]);
    });

    it('removes a member, not oneself, and lets them be invited again', async () => {
      const ivy = (await listMembers(store, orgs.acme!.id)).members.find(
        (m) => m.email.toLowerCase() === 'ivy@platform.test',
      )!;
      const gus = (await listMembers(store, orgs.globex!.id)).members.find(
        (m) => m.email === 'gus@globex.test',
      )!;
      // A member of another org is not found here, and stays where they are.
      expect((await refusal(removeMember(inAcme(), gus.userId))).code).toBe('not_found');
      expect((await listMembers(store, orgs.globex!.id)).members).toContainEqual(gus);
      const self = await refusal(removeMember(inAcme(), ada.id!));
      expect(self.message).toContain('You cannot remove yourself from acme');

      expect(await removeMember(inAcme(), ivy.userId)).toEqual({
        email: 'ivy@platform.test',
        source: 'invitation',
      });
      expect(await getOrgForCaller(store, await callerOf(ivy.userId), 'acme')).toBeNull();
      expect((await getOrgForCaller(store, await callerOf(ivy.userId), 'globex'))?.role).toBe(
        'viewer',
      );
      const again = await invite('ivy@platform.test', 'viewer');
      expect(again.acceptedAt).toBeNull();
    });
  });
}
