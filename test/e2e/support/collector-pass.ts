// One pass of the collector against the e2e app's store, as `zk gc run` makes it — queue refreshed
// from the plan, due decisions executed, collected zones whose org has a cluster again handed back
// to the reconciler. Run from the test process because the app's own reconciler holds the lease
// for as long as it runs, so the CLI would stand by; the executor's guarded claim keeps a decision
// to one executor even beside a loop that also collects.
import { openStore } from '../../../db/open-store';
import { createLeaseGuard } from '../../../server/provisioning/lease-guard';

export async function runCollectorPass(env: Record<string, string>, databaseFile: string) {
  // The server code reads its settings (sandbox endpoints, base domain) from the environment.
  Object.assign(process.env, env);
  const { runGcPass } = await import('../../../server/gc/run-gc-pass');
  const store = await openStore({ dialect: 'sqlite', file: databaseFile });
  const lease = createLeaseGuard({
    ttlMs: 60_000,
    now: Date.now,
    renew: async () => true,
    isHeld: async () => true,
  });
  await lease.renew();
  try {
    return await runGcPass(store, { type: 'cli', label: 'cli:e2e' }, { lease });
  } finally {
    await store.close();
  }
}
