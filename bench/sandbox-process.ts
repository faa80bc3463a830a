// Runs `sandbox/main.ts` in a child process, as the app under test sees it, and reads its env lines.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SandboxProcess {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function spawnSandbox(args: string[]): Promise<SandboxProcess> {
  const root = path.resolve(__dirname, '..');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.PROFILE_SANDBOX ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      'tsx',
      'sandbox/main.ts',
      '--no-persist',
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const env: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
        if (match) env[match[1]!] = match[2]!;
      }
      if (env.VAULT_TOKEN) resolve();
    });
  });
  return {
    env,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
