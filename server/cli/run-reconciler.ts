// `zk run`: the app's reconciler loop without the web server, for a dedicated reconciler replica
// (or several: the lease picks one leader). Runs until SIGTERM or SIGINT, then releases the lease
// so a standby takes over at once instead of after the lease period.
import { startReconcilerLoop } from '../provisioning/reconciler-loop';

export async function runReconcilerUntilSignalled(): Promise<void> {
  const loop = startReconcilerLoop();
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await loop.stop();
}
