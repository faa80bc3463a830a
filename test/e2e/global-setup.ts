// Builds the app once and serves it for the whole e2e run on a free port, with its own store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp, buildIsCurrent, freePort, startNextServer } from '../../scripts/next-server';

const DIST_DIR = '.next-e2e';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!buildIsCurrent(DIST_DIR)) buildApp(DIST_DIR);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-e2e-'));
  const app = await startNextServer({
    port: await freePort(),
    distDir: DIST_DIR,
    stdio: 'pipe',
    env: {
      DATABASE_URL: `file:${path.join(dataDir, 'zonekeeper.sqlite')}`,
      ZK_BASE_DOMAIN: 'zonekeeper.test',
      ZK_ENVIRONMENT_LABEL: 'E2E',
    },
  });
  project.provide('baseUrl', app.url);
  return async () => {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
