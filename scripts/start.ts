// `npm start`: run Zonekeeper. With no AWS or Vault configuration it first starts the local
// sandbox (Route 53, IAM, STS, Vault, an OIDC identity provider) and points the app at it, so that
// one command on a fresh machine runs the whole product. With real configuration it starts the
// app alone.
import path from 'node:path';
import { buildApp, buildIsCurrent, startNextServer } from './next-server';
import { startSandboxMode, type SandboxMode } from './sandbox-mode';

const DIST_DIR = '.next';
// Any of these means the operator has pointed us at real (or their own) AWS and Vault.
const REAL_BACKEND_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_ENDPOINT_URL_ROUTE_53',
  'VAULT_ADDR',
];

async function main() {
  const port = Number(process.env.PORT || 3000);
  const appUrl = `http://localhost:${port}`;
  const configured = REAL_BACKEND_VARIABLES.filter((name) => process.env[name]);
  let sandbox: SandboxMode | undefined;

  if (configured.length === 0) {
    sandbox = await startSandboxMode({
      appUrl,
      baseDomain: process.env.ZK_BASE_DOMAIN || 'zonekeeper.test',
      databaseUrl: process.env.DATABASE_URL || 'file:./data/zonekeeper.sqlite',
      dataDir: path.resolve('data'),
      identityProviderPort: Number(process.env.ZK_SANDBOX_IDP_PORT || 4514),
    });
    console.log(sandbox.summary);
  } else {
    console.log(`Using the configured AWS and Vault (${configured.join(', ')} set).`);
  }

  if (!buildIsCurrent(DIST_DIR)) {
    console.log('Building the app (next build)…');
    buildApp(DIST_DIR);
  }
  const app = await startNextServer({
    port,
    distDir: DIST_DIR,
    stdio: 'inherit',
    env: {
      ...sandbox?.env,
      ...(sandbox && { ZK_ENVIRONMENT_LABEL: process.env.ZK_ENVIRONMENT_LABEL || 'Sandbox' }),
    },
  });
  console.log(`\nZonekeeper is running at ${app.url}  (Ctrl+C to stop)`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await app.stop();
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
