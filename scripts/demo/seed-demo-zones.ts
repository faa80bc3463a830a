// The demo zones `npm start` shows on the first visit, one for each case of the cost status and the
// collector (acme, with the running clusters seeded for it, is the fourth: a zone in use):
//   initech   a new org, its zone inside the free window (deleting it would cost nothing);
//   umbrella  no cluster for weeks, its zone charged this month, planned for deletion just before
//             the next 1st 00:00 UTC;
//   hooli     pinned by an operator, never collected.
// The orgs are made as an operator makes them and provisioned by the reconciler (`zk reconcile`,
// in a child process with the sandbox's environment, as the CLI would run). Their zones are real
// sandbox zones; only the creation times Zonekeeper recorded (org and zone) are then set back, once,
// when the zone was made by this seeding, so later starts leave them as they are.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Store } from '../../db/open-store';
import type { Actor } from '../../server/auth/actor';
import { setGcPin } from '../../server/gc/set-gc-pin';
import { createOrganization } from '../../server/orgs/create-organization';

const SEED_ACTOR: Actor = { type: 'cli', label: 'cli:sandbox-seed' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEMO_ZONES = [
  { slug: 'initech', displayName: 'Initech', ageMs: 2 * HOUR, pinned: false },
  { slug: 'umbrella', displayName: 'Umbrella', ageMs: 40 * DAY, pinned: false },
  { slug: 'hooli', displayName: 'Hooli', ageMs: 60 * DAY, pinned: true },
] as const;

export async function seedDemoZones(options: {
  store: Store;
  /** The sandbox's environment (AWS endpoints and credentials, Vault) for the reconciler. */
  sandboxEnv: Record<string, string>;
  databaseUrl: string;
  baseDomain: string;
  now?: Date;
}): Promise<void> {
  const { store, baseDomain } = options;
  const { organizations: o, hostedZones: z } = store.t;
  const fresh: string[] = [];
  for (const demo of DEMO_ZONES) {
    const [existing] = await store.db.select().from(o).where(eq(o.slug, demo.slug));
    const org =
      existing ??
      (await createOrganization(
        { store, actor: SEED_ACTOR, baseDomain },
        { displayName: demo.displayName, slug: demo.slug },
      ));
    const [zone] = await store.db
      .select()
      .from(z)
      .where(and(eq(z.orgId, org.id), eq(z.status, 'ready')));
    if (!zone) fresh.push(org.id);
  }
  if (fresh.length === 0) return;
  await reconcileInChild(options);
  const now = options.now ?? new Date();
  for (const demo of DEMO_ZONES) {
    const [org] = await store.db.select().from(o).where(eq(o.slug, demo.slug));
    if (!org || !fresh.includes(org.id)) continue;
    const createdAt = new Date(now.getTime() - demo.ageMs);
    await store.transaction(async (tx) => {
      await tx.db.update(tx.t.organizations).set({ createdAt }).where(eq(o.id, org.id));
      await tx.db
        .update(tx.t.hostedZones)
        .set({ awsCreatedAt: createdAt })
        .where(and(eq(z.orgId, org.id), eq(z.status, 'ready')));
    });
    // Once, like the times: an operator who unpins hooli later keeps it unpinned.
    if (demo.pinned) await setGcPin(store, SEED_ACTOR, { orgSlug: demo.slug, pinned: true });
  }
}

// `zk reconcile` makes every org that is not ready yet (the demo orgs among them) before the app
// starts, so that the times can be set on zones that exist.
function reconcileInChild(options: {
  sandboxEnv: Record<string, string>;
  databaseUrl: string;
  baseDomain: string;
}): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const child = spawn(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', path.join(root, 'server', 'cli', 'main.ts'), 'reconcile'],
    {
      env: {
        ...process.env,
        ...options.sandboxEnv,
        DATABASE_URL: options.databaseUrl,
        ZK_BASE_DOMAIN: options.baseDomain,
        ZK_SANDBOX: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) =>
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `Provisioning the demo zones failed (zk reconcile exited ${code}):\n${stderr}`,
            ),
          ),
    ),
  );
}
