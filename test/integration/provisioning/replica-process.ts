// A Zonekeeper reconciler replica as a real child process (`zk run`), with its structured log
// lines collected so a test can tell who led and which passes it ran. Started with node and tsx's
// loader directly (not the tsx binary, which forks a second process), so kill -9 kills the replica.
import { spawn, type ChildProcess } from 'node:child_process';

export interface LogLine {
  message: string;
  time: string;
  replica?: string;
  startedAt?: string;
  results?: string[];
  [key: string]: unknown;
}

export interface Replica {
  name: string;
  child: ChildProcess;
  lines: LogLine[];
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals>;
  /** Everything it wrote, for the message of a failing assertion. */
  output(): string;
}

export function startReplica(name: string, env: Record<string, string>): Replica {
  // --conditions=react-server as `npm run zk` sets it: server modules import 'server-only'.
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'server/cli/main.ts', 'run'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: LogLine[] = [];
  let raw = '';
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    raw += text;
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        // Not a log line (a stack trace, a Node warning): kept in `raw` only.
      }
    }
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { name, child, lines, exited, output: () => `--- ${name} ---\n${raw}` };
}

/** The passes a replica ran that had work, as [start, end] with the orgs and their outcomes. */
export function passesOf(replica: Replica) {
  return replica.lines
    .filter((l) => l.message === 'reconciler: pass done')
    .map((l) => ({
      replica: replica.name,
      start: Date.parse(l.startedAt!),
      end: Date.parse(l.time),
      results: l.results ?? [],
    }));
}

export const ledAt = (replica: Replica) =>
  replica.lines.filter((l) => l.message === 'reconciler: leading').map((l) => Date.parse(l.time));
