// Runs the operator CLI in a child process under the condition `npm run zk` runs it with.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ZkRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `entry`: the CLI itself (tests set its environment), or `scripts/zk.ts`, the launcher
 * `npm run zk` starts, which finds a running sandbox when nothing is configured.
 */
export function runZk(
  env: NodeJS.ProcessEnv,
  args: string[],
  entry: 'server/cli/main.ts' | 'scripts/zk.ts' = 'server/cli/main.ts',
): Promise<ZkRun> {
  const child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['--conditions=react-server', entry, ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
