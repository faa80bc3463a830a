// Starts a sandbox and points this test process's configuration at it (the config is read once,
// so this must run before anything calls getConfig).
import { startSandbox, type Sandbox, type SandboxOptions } from '@/sandbox/start-sandbox';

export const BASE_DOMAIN = 'zonekeeper.test';

export async function startProvisioningSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({
    keyActivationDelayMs: 300,
    pendingMs: 200,
    baseDomain: BASE_DOMAIN,
    ...options,
  });
  Object.assign(process.env, sandbox.env, {
    ZK_BASE_DOMAIN: BASE_DOMAIN,
    ZK_KEY_VERIFY_TIMEOUT_MS: '10000',
    ZK_CRASH_AT: '',
  });
  return sandbox;
}
