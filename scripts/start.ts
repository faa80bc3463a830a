// `npm start`: run Zonekeeper. With nothing configured it runs the local sandbox (Route 53, IAM,
// STS, Vault, an OIDC identity provider) and says so first; any real setting makes it a real
// installation, which must then be complete (scripts/start-mode.ts has the rules).
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { buildApp, buildIsCurrent, startNextServer } from './next-server';
import { writeConnectionFile } from '../sandbox/connection-file';
import { startSandboxMode, type SandboxMode } from './sandbox-mode';
import { decideStartMode, explainIncomplete, sandboxValuesToUse } from './start-mode';

const DIST_DIR = '.next';
const ROOT = path.resolve(import.meta.dirname, '..');

async function main() {
  // The same .env files `next start` reads, so the decision sees what the app will see.
  loadEnvConfig(ROOT, false, { info: () => {}, error: console.error });
  const port = Number(process.env.PORT || 3000);
  const mode = decideStartMode(process.env);
  if (mode.mode === 'incomplete') {
    console.error(explainIncomplete(mode));
    process.exit(2);
  }
  let sandbox: SandboxMode | undefined;
  let removeConnectionFile = () => {};
  let env: Record<string, string> = {};

  if (mode.mode === 'sandbox') {
    console.log(`SANDBOX MODE (${mode.why}): local stand-ins, demo organizations and demo people.`);
    console.log('Nothing here touches a real AWS account, Vault or identity provider.\n');
    sandbox = await startSandboxMode({
      appUrl: process.env.AUTH_URL || `http://localhost:${port}`,
      baseDomain: process.env.ZK_BASE_DOMAIN || 'zonekeeper.test',
      // Demo organizations go into the sandbox's own store only, never into one the person set.
      ownStore: !process.env.DATABASE_URL,
      dataDir: path.resolve('data'),
      identityProviderPort: Number(process.env.ZK_SANDBOX_IDP_PORT || 4514),
      kubePort: Number(process.env.ZK_SANDBOX_KUBE_PORT || 4520),
    });
    console.log(sandbox.summary);
    env = {
      ...sandboxValuesToUse(sandbox.env, process.env),
      ZK_SANDBOX: '1',
      ...(!process.env.ZK_ENVIRONMENT_LABEL && { ZK_ENVIRONMENT_LABEL: 'Sandbox' }),
    };
    // `npm run zk` finds this sandbox (and the store the app uses) through this file.
    removeConnectionFile = writeConnectionFile(path.resolve('data', 'sandbox'), env);
    const kept = Object.keys(sandbox.env).filter((name) => !(name in env));
    if (kept.length > 0) console.log(`  Your own settings kept: ${kept.join(', ')}.`);
  } else {
    console.log(`Live mode: ${mode.settings.join(', ')} configured.`);
  }

  if (!buildIsCurrent(DIST_DIR)) {
    console.log('Building the app (next build)…');
    buildApp(DIST_DIR);
  }
  const app = await startNextServer({ port, distDir: DIST_DIR, stdio: 'inherit', env });
  console.log(`\nZonekeeper is running at ${app.url}  (Ctrl+C to stop)`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await app.stop();
    removeConnectionFile();
    await sandbox?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  app.child.once('exit', (code) => {
    if (stopping) return;
    console.error(`The app stopped unexpectedly (exit ${code}).`);
    void stop(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
