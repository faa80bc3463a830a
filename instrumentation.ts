// Runs once when the server starts (never during `next build`): validate the configuration and
// open the store, which applies pending migrations, so a bad setup fails at start, loudly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./server/config/config');
  const { getStore } = await import('./server/store');
  getConfig();
  await getStore();
}
