// Bounded-concurrency load and latency percentiles for the sandbox benchmarks.

export interface LoadResult {
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU used by this (client) process, as a share of one core. */
  clientCpu: number;
}

/** Runs `total` calls of `task` with at most `concurrency` in flight; every call must succeed. */
export async function runLoad(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const clientCpu = (cpu.user + cpu.system) / 1e6 / seconds;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    operations: total,
    seconds,
    perSecond: total / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    clientCpu,
  };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function formatLoad(name: string, result: LoadResult): string {
  return `${name}: ${result.operations} calls in ${result.seconds.toFixed(2)} s = ${result.perSecond.toFixed(0)}/s (p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms; client CPU ${(result.clientCpu * 100).toFixed(0)}% of a core)`;
}

/**
 * Runs the read load in `processes` client processes at once; the aggregate rate is all calls
 * over the slowest process's wall time.
 */
export async function runReadLoadInProcesses(
  processes: number,
  request: Omit<import('./read-load-worker').ReadLoadRequest, 'calls'> & { calls: number },
): Promise<LoadResult & { processes: number }> {
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const perProcess = Math.ceil(request.calls / processes);
  const results = await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<LoadResult>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              path.join(__dirname, 'read-load-worker.ts'),
              JSON.stringify({ ...request, calls: perProcess }),
            ],
            { stdio: ['ignore', 'pipe', 'ignore'] },
          );
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
          child.once('exit', (code) =>
            code === 0
              ? resolve(JSON.parse(output) as LoadResult)
              : reject(new Error(`worker exited ${code}`)),
          );
        }),
    ),
  );
  const seconds = Math.max(...results.map((r) => r.seconds));
  const operations = perProcess * processes;
  return {
    processes,
    operations,
    seconds,
    perSecond: operations / seconds,
    p50Ms: Math.max(...results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    clientCpu: results.reduce((sum, r) => sum + r.clientCpu, 0),
  };
}
