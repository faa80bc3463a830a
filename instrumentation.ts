// Runs once when the server starts (never during `next build`): validate the configuration and
// open the store, which applies pending migrations, so a bad setup fails at start, loudly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./server/config/config');
  const { getStore } = await import('./server/store');
  const config = getConfig();
  await getStore();
  // The reconciler runs in the app process; with several replicas the lease picks one.
  if (config.ZK_RECONCILER_ENABLED && config.VAULT_TOKEN) {
    const { startReconcilerLoop } = await import('./server/provisioning/reconciler-loop');
    startReconcilerLoop();
  }
}
