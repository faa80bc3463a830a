// `npm run zk`: the operator CLI. With nothing configured it talks to the sandbox that `npm start`
// or `npm run sandbox` is running, by the variables that sandbox left in its state directory, and
// says so; any real setting (scripts/start-mode.ts) means a real installation, and the file is
// never read. Then it hands over to server/cli/main.ts.
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { readConnectionFile } from '../sandbox/connection-file';
import { decideStartMode, sandboxValuesToUse } from './start-mode';

const ROOT = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  loadEnvConfig(ROOT, false, { info: () => {}, error: console.error });
  if (decideStartMode(process.env).mode === 'sandbox') {
    const dir = path.resolve(process.env.ZK_SANDBOX_DIR || path.join('data', 'sandbox'));
    const sandboxEnv = readConnectionFile(dir);
    if (sandboxEnv) {
      Object.assign(process.env, sandboxValuesToUse(sandboxEnv, process.env), { ZK_SANDBOX: '1' });
      console.error(
        `zk: sandbox mode — nothing is configured, so this talks to the sandbox running from ${path.relative(process.cwd(), dir) || dir}.`,
      );
    }
  }
  await import('../server/cli/main');
}

void main();
