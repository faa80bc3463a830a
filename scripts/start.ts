// `npm start`: run Zonekeeper. With no AWS or Vault configuration it first starts the local
// sandbox (Route 53, IAM, STS, Vault stand-ins) and points the app at it, so that one command on
// a fresh machine runs the whole product. With real configuration it starts the app alone.
import path from 'node:path';
import { startSandbox } from '../sandbox/start-sandbox';
import { buildApp, buildIsCurrent, startNextServer } from './next-server';

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
  const port = Number(process.env.PORT ?? 3000);
  const configured = REAL_BACKEND_VARIABLES.filter((name) => process.env[name]);
  const env: Record<string, string> = {};
  let closeSandbox: (() => Promise<void>) | undefined;

  if (configured.length === 0) {
    const sandbox = await startSandbox({
      baseDomain: process.env.ZK_BASE_DOMAIN || 'zonekeeper.test',
      persistDir: path.resolve('data', 'sandbox'),
    });
    closeSandbox = sandbox.close;
    Object.assign(env, sandbox.env, {
      ZK_ENVIRONMENT_LABEL: process.env.ZK_ENVIRONMENT_LABEL || 'Sandbox',
    });
    console.log(
      [
        'Sandbox mode: no AWS or Vault configuration found, so local stand-ins are serving:',
        `  Route 53  ${sandbox.endpoints.route53}  (parent zone ${sandbox.parentZone.name} ${sandbox.parentZone.id})`,
        `  IAM       ${sandbox.endpoints.iam}`,
        `  STS       ${sandbox.endpoints.sts}`,
        `  Vault     ${sandbox.endpoints.vault}`,
        '  State is kept in ./data/sandbox/. Set AWS and Vault variables (README) to use real ones.',
      ].join('\n'),
    );
  } else {
    console.log(`Using the configured AWS and Vault (${configured.join(', ')} set).`);
  }

  if (!buildIsCurrent(DIST_DIR)) {
    console.log('Building the app (next build)…');
    buildApp(DIST_DIR);
  }
  const app = await startNextServer({ port, distDir: DIST_DIR, env, stdio: 'inherit' });
  console.log(`\nZonekeeper is running at ${app.url}  (Ctrl+C to stop)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.stop();
    await closeSandbox?.();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  app.child.once('exit', (code) => {
    if (!stopping) {
      console.error(`The app stopped unexpectedly (exit ${code}).`);
      void closeSandbox?.().then(() => process.exit(code ?? 1));
    }
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
