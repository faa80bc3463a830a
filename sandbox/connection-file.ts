// Where a running sandbox leaves the variables that reach it, so the operator CLI finds it with
// nothing set by hand. The values are the sandbox's own (made-up) credentials, kept in its state
// directory next to the rest of its state, owner-readable only; the file goes when it stops.
import fs from 'node:fs';
import path from 'node:path';

export const CONNECTION_FILE = 'connection.json';

/** The variables the CLI needs to reach the sandbox: its endpoints, credentials and store. */
const CLI_VARIABLES = /^(AWS_|VAULT_|DATABASE_URL$|ZK_BASE_DOMAIN$|ZK_PARENT_ZONE_ID$|KUBECONFIG_)/;

export function writeConnectionFile(dir: string, env: Record<string, string>): () => void {
  const file = path.join(dir, CONNECTION_FILE);
  const variables = Object.fromEntries(
    Object.entries(env).filter(([name]) => CLI_VARIABLES.test(name)),
  );
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ env: variables }, null, 2)}\n`, { mode: 0o600 });
  return () => fs.rmSync(file, { force: true });
}

/** The variables a running sandbox left in `dir`, or null when none is running there. */
export function readConnectionFile(dir: string): Record<string, string> | null {
  const file = path.join(dir, CONNECTION_FILE);
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { env?: Record<string, string> };
  return parsed.env ?? null;
}
