// Builds the app and runs `next start` as a child process; used by `npm start` and the e2e suite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const SOURCE_DIRS = ['app', 'components', 'server', 'db', 'public'];
const SOURCE_FILES = [
  'next.config.ts',
  'postcss.config.mjs',
  'instrumentation.ts',
  'proxy.ts',
  'auth.ts',
  'package.json',
];

/** Whether `distDir` holds a production build newer than every source file. */
export function buildIsCurrent(distDir: string): boolean {
  const buildId = path.join(ROOT, distDir, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = (p: string): number => {
    if (!fs.existsSync(p)) return 0;
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) return stat.mtimeMs;
    // A directory's own time changes when a file in it is deleted or renamed: a removed route
    // must rebuild too, or the old build keeps serving it.
    return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((entry) => newest(path.join(p, entry))));
  };
  const sourcesAt = Math.max(
    ...SOURCE_DIRS.map((d) => newest(path.join(ROOT, d))),
    ...SOURCE_FILES.map((f) => newest(path.join(ROOT, f))),
  );
  return sourcesAt < builtAt;
}

export function buildApp(distDir: string): void {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ZK_NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

/**
 * Builds into `distDir` unless its build is current. Test files run in parallel processes and
 * several start the production build; two `next build`s writing one directory corrupt it, so
 * one builds under a lock directory while the others wait and then find the build current.
 */
export function ensureBuilt(distDir: string): void {
  const lock = path.join(ROOT, `${distDir}.build-lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (!held) continue; // released between the two calls
      // A lock older than any build was left by a killed process: take it over.
      if (Date.now() - held.mtimeMs > BUILD_LOCK_STALE_MS) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!buildIsCurrent(distDir)) buildApp(distDir);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

// Longer than any build on a loaded two-core machine.
const BUILD_LOCK_STALE_MS = 10 * 60_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The environment of `next start`: the caller's own, then `options.env`. A configured AUTH_URL
 * is kept (an https origin keeps its Secure, __Secure- cookies and https redirect URIs); only
 * without one does the local http://localhost:<port> become the origin.
 */
export function appEnvironment(
  own: Record<string, string | undefined>,
  options: { env: Record<string, string>; distDir: string },
  localUrl: string,
): Record<string, string | undefined> {
  return {
    ...own,
    ...options.env,
    ZK_NEXT_DIST_DIR: options.distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_URL: options.env.AUTH_URL || own.AUTH_URL || localUrl,
  };
}

/**
 * Starts `next start` and resolves once it answers. Auth.js needs one origin everywhere, and
 * Next rewrites 127.0.0.1 to localhost, so the app is always addressed as http://localhost.
 */
export async function startNextServer(options: {
  port: number;
  distDir: string;
  env: Record<string, string>;
  stdio?: 'inherit' | 'pipe';
  /** Node's own flags for the server process (a benchmark's `--cpu-prof`, say). */
  nodeArgs?: string[];
}): Promise<RunningApp> {
  const url = `http://localhost:${options.port}`;
  const args = [...(options.nodeArgs ?? []), NEXT_BIN, 'start', '-p', String(options.port)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: options.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: appEnvironment(process.env, options, url) as NodeJS.ProcessEnv,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`next start exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer on ${url} within 60 s:\n${output}`);
}
