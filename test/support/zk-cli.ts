// Runs the operator CLI in a child process exactly as `npm run zk` starts it.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ZkRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runZk(env: NodeJS.ProcessEnv, args: string[]): Promise<ZkRun> {
  const child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    ['--conditions=react-server', 'server/cli/main.ts', ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
