// What the database says about an organization's provisioning, for the CLI and the org page.
import { and, eq } from 'drizzle-orm';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { stepErrorOf } from './step-error';

export async function organizationStatus(store: Store, org: Organization) {
  const [zone] = await store.db
    .select()
    .from(store.t.hostedZones)
    .where(
      and(
        eq(store.t.hostedZones.orgId, org.id),
        eq(store.t.hostedZones.generation, org.generation),
      ),
    );
  const [credential] = await store.db
    .select()
    .from(store.t.iamCredentials)
    .where(eq(store.t.iamCredentials.orgId, org.id));
  const steps = await store.db
    .select()
    .from(store.t.provisioningSteps)
    .where(eq(store.t.provisioningSteps.orgId, org.id));
  return {
    slug: org.slug,
    status: org.status,
    desiredState: org.desiredState,
    lastError: org.lastError,
    zone: zone
      ? {
          id: zone.awsZoneId,
          name: zone.name,
          nameServers: zone.nameServers,
          delegation: zone.delegationState,
          delegationCheckedAt: zone.delegationCheckedAt,
          createdAt: zone.awsCreatedAt,
          // The collector deleted the zone of an org that still exists: it keeps its identity, and
          // the zone comes back (a new generation) when a cluster registers or runs again.
          collected: zone.status === 'deleted' && org.desiredState === 'present',
        }
      : null,
    identity: credential
      ? {
          user: credential.iamUserName,
          userArn: credential.iamUserArn,
          policy: credential.policyName,
          policyArn: credential.policyArn,
          accessKeyId: credential.accessKeyId,
          // The rotated-out key, kept until every connected cluster holds the new one.
          retiringAccessKeyId: credential.retiringAccessKeyId,
          accessKeyCreatedAt: credential.accessKeyCreatedAt,
          accessKeyVerifiedAt: credential.accessKeyVerifiedAt,
          vaultPath: credential.vaultPath,
          vaultVersion: credential.vaultVersion,
          status: credential.status,
        }
      : null,
    steps: steps
      .sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0))
      .map((s) => ({
        step: s.step,
        status: s.status,
        attempts: s.attempts,
        error: stepErrorOf(s),
        nextRetryAt: s.nextRetryAt,
      })),
  };
}

export type OrganizationStatus = Awaited<ReturnType<typeof organizationStatus>>;
