// The real kubectl against a sandbox cluster, as a person types it, with a home and discovery
// cache of its own (so runs never share one) that `close()` removes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface Kubectl {
  /** Runs kubectl with `args`; `input`, when given, is written to a file passed as `-f`. */
  run(args: string[], options?: { input?: string; kubeconfig?: string }): Promise<string>;
  close(): void;
}

export function openKubectl(defaultKubeconfig: string): Kubectl {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-e2e-kubectl-'));
  return {
    run: (args, { input, kubeconfig = defaultKubeconfig } = {}) =>
      new Promise<string>((resolve, reject) => {
        let fullArgs = args;
        if (input !== undefined) {
          const file = path.join(home, 'manifest.json');
          fs.writeFileSync(file, input);
          fullArgs = [...args, '-f', file];
        }
        execFile(
          KUBECTL,
          fullArgs,
          {
            env: {
              ...process.env,
              HOME: home,
              KUBECONFIG: kubeconfig,
              KUBECACHEDIR: path.join(home, 'cache'),
            },
            timeout: 30_000,
          },
          (error, stdout, stderr) =>
            error ? reject(new Error(`kubectl ${fullArgs.join(' ')}: ${stderr}`)) : resolve(stdout),
        );
      }),
    close: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
