// A step that fails through the real sandbox stores its failure as the adapter classified it:
// service, vendor code, class and retryable in their own columns, the vendor's message as the
// text, on SQLite and PostgreSQL alike; the org page explains it from those columns; and a step
// that then succeeds clears them. Three failures: IAM throttling every CreatePolicy (the sandbox's
// fault controls), Vault refusing a token its ACL does not allow, and Vault not answering at all.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createOrganization } from '@/server/orgs/create-organization';
import { loadOrgStatusView } from '@/server/provisioning/org-status-view';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { startOutageRelay, type OutageRelay } from '../../support/outage-relay';
import { STORE_KINDS, type TestStore } from '../../support/stores';
import { BASE_DOMAIN, startProvisioningSandbox } from './provisioning-env';

// Orgs whose Vault path the process's token may not touch (see the policy below).
const denied = STORE_KINDS.map((kind) => `${kind.name}-denied`);

let sandbox: Sandbox;
let vaultRelay: OutageRelay;

beforeAll(async () => {
  sandbox = await startProvisioningSandbox();
  // The process's Vault token: the org secrets, except those of the denied orgs.
  const vault = (path: string, body: unknown) =>
    fetch(`${sandbox.env.VAULT_ADDR}/v1/${path}`, {
      method: 'POST',
      headers: { 'x-vault-token': sandbox.env.VAULT_TOKEN },
      body: JSON.stringify(body),
    });
  const policy = [
    'path "secret/data/zonekeeper/orgs/*" { capabilities = ["create", "read", "update", "delete"] }',
    'path "secret/metadata/zonekeeper/orgs/*" { capabilities = ["read", "delete"] }',
    ...denied.map(
      (slug) => `path "secret/data/zonekeeper/orgs/${slug}/*" { capabilities = ["deny"] }`,
    ),
  ].join('\n');
  expect((await vault('sys/policies/acl/zonekeeper-orgs', { policy })).ok).toBe(true);
  const created = await vault('auth/token/create', { policies: ['zonekeeper-orgs'] });
  const { auth } = (await created.json()) as { auth: { client_token: string } };
  vaultRelay = await startOutageRelay(sandbox.env.VAULT_ADDR);
  // Read once by the configuration, at the first provisioning pass below.
  process.env.VAULT_TOKEN = auth.client_token;
  process.env.VAULT_ADDR = vaultRelay.url;
});

afterAll(async () => {
  await vaultRelay?.close();
  await sandbox?.close();
});

const iamFaults = (body: unknown) =>
  fetch(`${sandbox.env.AWS_ENDPOINT_URL_ROUTE_53}/_sandbox/faults?service=iam`, {
    method: body === null ? 'DELETE' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === null ? undefined : JSON.stringify(body),
  });

for (const kind of STORE_KINDS) {
  describe.skipIf(!kind.available)(`step errors as columns (${kind.name})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await kind.open();
    });
    afterAll(async () => {
      await store?.destroy();
    });

    /** Creates the org, runs one pass for it, and reads back the failed step's columns. */
    async function failOnce(slug: string, step: string) {
      const org = await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: slug, slug },
      );
      const pass = await reconcilePass(store, SYSTEM_ACTOR, { slugs: [slug] });
      expect(pass.results).toEqual([expect.objectContaining({ slug, outcome: 'failed' })]);
      const t = store.t.provisioningSteps;
      const [row] = await store.db
        .select()
        .from(t)
        .where(and(eq(t.orgId, org.id), eq(t.step, step)));
      const view = await loadOrgStatusView(store, org, { showAccountId: true });
      return { org, row: row!, view: view.steps.find((s) => s.step === step)! };
    }

    const columns = (row: Awaited<ReturnType<typeof failOnce>>['row']) => ({
      status: row.status,
      errorService: row.errorService,
      errorCode: row.errorCode,
      errorClass: row.errorClass,
      errorRetryable: row.errorRetryable,
      lastError: row.lastError,
    });

    it('IAM throttling every CreatePolicy: iam, Throttling, throttled, retryable; then cleared', async () => {
      const slug = `${kind.name}-throttled`;
      let orgId = '';
      expect(
        (await iamFaults({ operation: 'CreatePolicy', errorRate: 1, errorKind: 'Throttling' })).ok,
      ).toBe(true);
      try {
        const { org, row, view } = await failOnce(slug, 'policy');
        orgId = org.id;
        expect(columns(row)).toEqual({
          status: 'failed',
          errorService: 'iam',
          errorCode: 'Throttling',
          errorClass: 'throttled',
          errorRetryable: true,
          lastError: 'Rate exceeded',
        });
        expect(view.explanation).toMatch(
          /^IAM is rate-limiting us; retrying (at \d\d:\d\d UTC|shortly)\.$/,
        );
        expect(view.failure).toEqual({
          service: 'IAM',
          code: 'Throttling',
          errorClass: 'throttled',
          retryable: true,
        });
      } finally {
        await iamFaults(null);
      }

      // Once IAM answers again the step succeeds, and nothing of the failure is left.
      const pass = await reconcilePass(store, SYSTEM_ACTOR, { slugs: [slug] });
      expect(pass.results).toEqual([{ slug, outcome: 'ready' }]);
      const t = store.t.provisioningSteps;
      const rows = await store.db
        .select()
        .from(t)
        .where(and(eq(t.orgId, orgId), eq(t.step, 'policy')));
      expect(rows.map(columns)).toEqual([
        {
          status: 'ready',
          errorService: null,
          errorCode: null,
          errorClass: null,
          errorRetryable: null,
          lastError: null,
        },
      ]);
    });

    it('Vault refusing the token its ACL does not allow: vault, HTTP403, denied, not retryable', async () => {
      const { row, view } = await failOnce(`${kind.name}-denied`, 'access-key');
      expect(columns(row)).toEqual({
        status: 'failed',
        errorService: 'vault',
        errorCode: 'HTTP403',
        errorClass: 'denied',
        errorRetryable: false,
        lastError: expect.stringContaining('permission denied'),
      });
      expect(view.explanation).toMatch(
        /^Vault denied access to Zonekeeper's own credentials \(HTTP403\)\. A platform operator must fix their permissions; retrying/,
      );
    });

    it('Vault not answering: vault, ECONNRESET, unavailable, retryable', async () => {
      vaultRelay.setDown(true);
      try {
        const { row, view } = await failOnce(`${kind.name}-outage`, 'access-key');
        expect(columns(row)).toEqual({
          status: 'failed',
          errorService: 'vault',
          errorCode: 'ECONNRESET',
          errorClass: 'unavailable',
          errorRetryable: true,
          lastError: 'no answer from Vault',
        });
        expect(view.explanation).toMatch(/^Vault is unavailable or did not answer; retrying/);
      } finally {
        vaultRelay.setDown(false);
      }
    });
  });
}
