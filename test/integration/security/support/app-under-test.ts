// A production build of the app served over HTTP with the sandbox Vault and identity provider,
// two organizations (org A with a member and an invitation for each caller to aim at) and the five
// callers of the isolation matrix, each with a session cookie
// minted the way Auth.js mints it (a JWT encrypted with AUTH_SECRET) and a server-side session.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { openStore, type Store } from '@/db/open-store';
import type { MembershipRole } from '@/db/schema/enums';
import { OPERATOR_GROUP } from '@/sandbox/oidc/demo-people';
import { startSandboxIdentityProvider } from '@/sandbox/oidc/start-sandbox-identity-provider';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { ensureBuilt, freePort, startNextServer } from '@/scripts/next-server';
import { startSession } from '@/server/auth/sessions';
import { createVaultKv } from '@/server/cloud/vault';
import { registerCluster } from '@/server/clusters/register-cluster';
import { createOrganization } from '@/server/orgs/create-organization';
import { seedOrgAuthority } from './tls-seed';

export const DIST_DIR = '.next-e2e';
export const SESSION_COOKIE = 'authjs.session-token';
export const ORG_A = 'alpha';
/** Org A's cluster, connected through a sandbox kubeconfig (kept in the sandbox Vault). */
export const ORG_A_CLUSTER = 'prod';
export const ORG_B = 'bravo';
export const CALLERS = ['anonymous', 'viewerA', 'adminA', 'adminB', 'operator'] as const;
export type CallerName = (typeof CALLERS)[number];

const PEOPLE: Record<
  Exclude<CallerName, 'anonymous'>,
  { operator?: true; org?: [string, MembershipRole] }
> = {
  viewerA: { org: [ORG_A, 'viewer'] },
  adminA: { org: [ORG_A, 'admin'] },
  adminB: { org: [ORG_B, 'admin'] },
  operator: { operator: true },
};

/** The pending invitation to org A that this caller's revoke call aims at. */
export const revocableInvitationId = (caller: CallerName) => `revocable-by-${caller}`;
/** The member of org A (a viewer) that this caller's remove call aims at. */
export const removableMemberId = (caller: CallerName) => `removable-by-${caller}`;

export interface AppUnderTest {
  baseUrl: string;
  store: Store;
  /** The app's SQLite file, for the operator CLI run against the same store. */
  databaseFile: string;
  /** A Cookie header with a new session of the caller ('' for anonymous). */
  cookieFor(caller: CallerName): Promise<string>;
  userIds: Record<Exclude<CallerName, 'anonymous'>, string>;
  idp: Awaited<ReturnType<typeof startSandboxIdentityProvider>>;
  mintCookie(token: Record<string, unknown>, maxAgeSeconds?: number): Promise<string>;
  /** Every secret the server holds now, by name: its own settings and each value in the sandbox
   *  Vault (e.g. org IdP client secrets registered by the matrix), for leak checks. */
  knownSecrets(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startAppUnderTest(): Promise<AppUnderTest> {
  ensureBuilt(DIST_DIR);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-isolation-'));
  const databaseFile = path.join(dataDir, 'zonekeeper.sqlite');
  const port = await freePort();
  const authSecret = randomBytes(32).toString('base64');
  const sandbox = await startSandbox({
    baseDomain: 'zonekeeper.test',
    kube: { clusters: ['alpha-prod'], externalDns: false },
  });
  const idp = await startSandboxIdentityProvider({ appUrl: `http://localhost:${port}` });
  const store = await openStore({ dialect: 'sqlite', file: databaseFile });
  const userIds = {} as AppUnderTest['userIds'];
  const mintCookie = async (token: Record<string, unknown>, maxAge = 3600) =>
    `${SESSION_COOKIE}=${await encode({ token, secret: authSecret, salt: SESSION_COOKIE, maxAge })}`;

  const orgIds = new Map<string, string>();
  for (const slug of [ORG_A, ORG_B]) {
    const org = await createOrganization(
      { store, actor: { type: 'cli', label: 'cli:isolation-test' }, baseDomain: 'zonekeeper.test' },
      { displayName: slug.toUpperCase(), slug },
    );
    orgIds.set(slug, org.id);
    if (slug === ORG_A) await seedOrgAuthority(store, sandbox, org);
  }
  // Its kubeconfig lands in the sandbox Vault, so the leak checks look for it in every answer.
  await registerCluster(
    {
      store,
      actor: { type: 'cli', label: 'cli:isolation-test' },
      org: (await store.db.select().from(store.t.organizations)).find((o) => o.slug === ORG_A)!,
      vault: createVaultKv({
        address: sandbox.env.VAULT_ADDR,
        token: sandbox.env.VAULT_TOKEN,
        mount: 'secret',
        timeoutMs: 5000,
      }),
      baseDomain: 'zonekeeper.test',
      kubeTimeoutMs: 5000,
    },
    {
      name: ORG_A_CLUSTER,
      policy: 'sync',
      connection: {
        kind: 'kubeconfig',
        kubeconfig: fs.readFileSync(sandbox.kube['alpha-prod']!.kubeconfigPath, 'utf8'),
      },
    },
  );
  for (const [name, person] of Object.entries(PEOPLE)) {
    const userId = randomUUID();
    const email = `${name.toLowerCase()}@isolation.test`;
    // The operator is named by group (the sandbox IdP's ZK_PLATFORM_OPERATOR_GROUPS), as their
    // last platform sign-in recorded it: operator rights are recomputed on every request.
    await store.db.insert(store.t.users).values({
      id: userId,
      email,
      name,
      platformGroups: JSON.stringify(person.operator ? [OPERATOR_GROUP] : []),
    });
    if (person.org) {
      await store.db.insert(store.t.memberships).values({
        id: randomUUID(),
        userId,
        orgId: orgIds.get(person.org[0])!,
        role: person.org[1],
        source: 'org-idp',
      });
    }
    userIds[name as keyof typeof userIds] = userId;
  }
  // One pending invitation and one member of org A per caller, for the revoke and remove actions:
  // each caller aims at their own, so what an allowed caller removes is still there for the next.
  for (const caller of CALLERS) {
    await store.db.insert(store.t.invitations).values({
      id: revocableInvitationId(caller),
      orgId: orgIds.get(ORG_A)!,
      email: `revocable-by-${caller.toLowerCase()}@isolation.test`,
      role: 'viewer',
    });
    await store.db.insert(store.t.users).values({
      id: removableMemberId(caller),
      email: `removable-by-${caller.toLowerCase()}@isolation.test`,
    });
    await store.db.insert(store.t.memberships).values({
      id: randomUUID(),
      userId: removableMemberId(caller),
      orgId: orgIds.get(ORG_A)!,
      role: 'viewer',
      source: 'invitation',
    });
  }
  // A new session per call: sign-out in one cell of the matrix must not end another's session.
  const cookieFor = async (caller: CallerName) => {
    if (caller === 'anonymous') return '';
    const userId = userIds[caller];
    const sid = await startSession(store, userId, 3600);
    return mintCookie({
      sub: userId,
      sid,
      email: `${caller.toLowerCase()}@isolation.test`,
      name: caller,
    });
  };

  const app = await startNextServer({
    port,
    distDir: DIST_DIR,
    stdio: 'pipe',
    env: {
      ...sandbox.env,
      ...idp.env,
      AUTH_SECRET: authSecret,
      DATABASE_URL: `file:${databaseFile}`,
      ZK_BASE_DOMAIN: 'zonekeeper.test',
      // The sandbox identity provider's org issuers are plain http on loopback.
      ZK_SANDBOX: '1',
      ZK_RECONCILER_ENABLED: 'false',
    },
  });
  return {
    baseUrl: app.url,
    store,
    databaseFile,
    cookieFor,
    userIds,
    idp,
    mintCookie,
    knownSecrets: () => ({
      AUTH_SECRET: authSecret,
      AWS_SECRET_ACCESS_KEY: sandbox.env.AWS_SECRET_ACCESS_KEY,
      VAULT_TOKEN: sandbox.env.VAULT_TOKEN,
      ZK_PLATFORM_OIDC_CLIENT_SECRET: idp.env.ZK_PLATFORM_OIDC_CLIENT_SECRET,
      ...vaultValues(sandbox),
    }),
    stop: async () => {
      await app.stop();
      await store.close();
      await idp.close();
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every string stored in the sandbox Vault, in any version, named `vault:<path>#<field>`. */
function vaultValues(sandbox: Sandbox): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [secretPath, secret] of Object.entries(sandbox.vault.kv.snapshot())) {
    for (const version of Object.values(secret.versions)) {
      for (const [field, value] of Object.entries(version.data)) {
        if (typeof value === 'string') values[`vault:${secretPath}#${field}`] = value;
      }
    }
  }
  return values;
}
