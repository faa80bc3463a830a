// AUTH_URL is respected: `npm start` (scripts/next-server.ts) keeps a configured https origin, so
// Auth.js issues Secure, __Host-/__Secure- prefixed cookies for it, and a spoofed Host header
// does not move the origin. Against a production build over HTTP.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, freePort, startNextServer } from '@/scripts/next-server';

const DIST_DIR = '.next-e2e';
const ORIGIN = 'https://zonekeeper.example.test';

describe('a configured https AUTH_URL', () => {
  let app: Awaited<ReturnType<typeof startNextServer>>;
  let dataDir: string;
  const before = process.env.AUTH_URL;
  beforeAll(async () => {
    ensureBuilt(DIST_DIR);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-auth-url-'));
    // Set the way a person sets it for `npm start`: in the environment, not by the caller.
    process.env.AUTH_URL = ORIGIN;
    app = await startNextServer({
      port: await freePort(),
      distDir: DIST_DIR,
      stdio: 'pipe',
      env: {
        AUTH_SECRET: randomBytes(32).toString('base64'),
        DATABASE_URL: `file:${path.join(dataDir, 'zonekeeper.sqlite')}`,
        ZK_RECONCILER_ENABLED: 'false',
      },
    });
  }, 600_000);
  afterAll(async () => {
    if (before === undefined) delete process.env.AUTH_URL;
    else process.env.AUTH_URL = before;
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gets Secure, prefixed cookies and keeps its origin under a spoofed Host header', async () => {
    const response = await fetch(`${app.url}/api/auth/csrf`, {
      headers: { host: 'evil.test', 'x-forwarded-host': 'evil.test' },
    });
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((c) => /^__Host-authjs\.csrf-token=.*; Secure/i.test(c))).toBe(true);
    const callback = cookies.find((c) => c.startsWith('__Secure-authjs.callback-url='));
    expect(decodeURIComponent(callback ?? '')).toContain(ORIGIN);
    expect(cookies.join('\n')).not.toContain('evil.test');
  });
});
