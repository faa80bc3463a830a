// An org provisioned in the sandbox (zone, key) for the cluster-removal tests, and helpers that
// write and read its zone with the real Route 53 SDK under the platform's credentials.
import { eq } from 'drizzle-orm';
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { BASE_DOMAIN } from '../provisioning/provisioning-env';

export interface ProvisionedOrg {
  org: Organization;
  zoneId: string;
  zoneName: string;
}

export async function provisionOrg(store: Store, slug: string): Promise<ProvisionedOrg> {
  await createOrganization(
    { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
    { displayName: slug, slug },
  );
  await reconcilePass(store, SYSTEM_ACTOR, { slugs: [slug] });
  const { organizations: o, hostedZones: z } = store.t;
  const [org] = await store.db.select().from(o).where(eq(o.slug, slug));
  const [zone] = await store.db.select().from(z).where(eq(z.orgId, org!.id));
  if (org?.status !== 'ready' || !zone?.awsZoneId) throw new Error(`${slug} did not provision`);
  return { org, zoneId: zone.awsZoneId, zoneName: `${slug}.${BASE_DOMAIN}` };
}

export function platformRoute53(sandbox: Sandbox): Route53Client {
  return new Route53Client({
    endpoint: sandbox.env.AWS_ENDPOINT_URL_ROUTE_53,
    region: 'us-east-1',
    credentials: {
      accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY,
    },
  });
}

/** The registry value ExternalDNS writes for a Service's record. */
export const registryValue = (owner: string, resource: string) =>
  `"heritage=external-dns,external-dns/owner=${owner},external-dns/resource=${resource}"`;

/** `count` CNAMEs `<label>-<i>.<zone>` with their `cname-` registry records, owned by `owner`. */
export function ownedPairs(
  zoneName: string,
  owner: string,
  label: string,
  count: number,
): Change[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${label}-${i}.${zoneName}.`;
    return [
      create({
        Name: name,
        Type: 'CNAME',
        TTL: 300,
        ResourceRecords: [{ Value: `a${i}b2c3d4e5f6-${label}.elb.us-east-1.amazonaws.com` }],
      }),
      create({
        Name: `cname-${name}`,
        Type: 'TXT',
        TTL: 300,
        ResourceRecords: [{ Value: registryValue(owner, `service/default/${label}-${i}`) }],
      }),
    ];
  }).flat();
}

export const create = (set: ResourceRecordSet): Change => ({
  Action: 'CREATE',
  ResourceRecordSet: set,
});

/** Sends the changes 200 at a time (well within a request's limits for these records). */
export async function writeRecords(route53: Route53Client, zoneId: string, changes: Change[]) {
  for (let i = 0; i < changes.length; i += 200) {
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: changes.slice(i, i + 200) },
      }),
    );
  }
}

/** Every record set of the zone but the apex SOA and NS, as `<name> <type>`. */
export async function zoneNames(route53: Route53Client, zoneId: string): Promise<string[]> {
  const names: string[] = [];
  let start: { name?: string; type?: string } = {};
  for (;;) {
    const page = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        StartRecordName: start.name,
        StartRecordType: start.type as never,
      }),
    );
    for (const set of page.ResourceRecordSets ?? [])
      if (set.Type !== 'SOA' && set.Type !== 'NS') names.push(`${set.Name} ${set.Type}`);
    if (!page.IsTruncated) return names.sort();
    start = { name: page.NextRecordName, type: page.NextRecordType };
  }
}
