// Secrets never reach a log line or the database: provision an org through failures and a key
// rotation, then issue its TLS CA and certificate and fail a renewal, with every byte the process
// writes to stdout/stderr captured, then look for each secret involved (the org's keys, the TLS
// private keys, the platform's key, the Vault token) in the logs and in every row of every table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox/start-sandbox';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { createVaultKv } from '@/server/cloud/vault';
import { requestKeyRotation } from '@/server/credentials/request-key-rotation';
import { createOrganization } from '@/server/orgs/create-organization';
import { reconcilePass } from '@/server/provisioning/reconcile-pass';
import { reconcileTls } from '@/server/tls/reconcile-tls';
import { caVaultPath, PRIVATE_KEY_FIELD } from '@/server/tls/tls-names';
import { startProvisioningSandbox, BASE_DOMAIN } from '../provisioning/provisioning-env';
import { openSqliteTestStore, type TestStore } from '../../support/stores';

describe('secrets stay out of logs and the database', () => {
  let sandbox: Sandbox;
  let store: TestStore;
  const captured: string[] = [];
  const originalWrites = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(async () => {
    sandbox = await startProvisioningSandbox();
    store = await openSqliteTestStore();
    const capture = (original: typeof process.stdout.write) =>
      function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        captured.push(
          typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(),
        );
        return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof process.stdout.write;
    process.stdout.write = capture(originalWrites.out);
    process.stderr.write = capture(originalWrites.err);
  });
  afterAll(async () => {
    process.stdout.write = originalWrites.out;
    process.stderr.write = originalWrites.err;
    await store?.destroy();
    await sandbox?.close();
  });

  const faults = (body: unknown) =>
    fetch(`${sandbox.env.AWS_ENDPOINT_URL_ROUTE_53}/_sandbox/faults`, {
      method: body === null ? 'DELETE' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === null ? undefined : JSON.stringify(body),
    });

  // Backoff through the injected failures takes most of the time; allow for a loaded machine.
  it(
    'through failed steps, verification retries and a rotation',
    { timeout: 180_000 },
    async () => {
      const vault = createVaultKv({
        address: sandbox.env.VAULT_ADDR,
        token: sandbox.env.VAULT_TOKEN,
        mount: 'secret',
        timeoutMs: 5_000,
      });
      const org = await createOrganization(
        { store, actor: SYSTEM_ACTOR, baseDomain: BASE_DOMAIN },
        { displayName: 'Leaky Corp', slug: 'leaky' },
      );

      // More failures than the adapter retries: the zone step fails and its error is recorded.
      await faults({
        operation: 'CreateHostedZone',
        failNext: 30,
        failNextKind: 'InternalFailure',
      });
      const failed = await reconcilePass(store, SYSTEM_ACTOR);
      expect(failed.results).toEqual([
        expect.objectContaining({ slug: 'leaky', outcome: 'failed' }),
      ]);
      await faults(null);

      let outcome = '';
      for (let pass = 0; pass < 10 && outcome !== 'ready'; pass += 1) {
        const report = await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['leaky'] });
        outcome = report.results[0]?.outcome ?? outcome;
      }
      expect(outcome).toBe('ready');
      const first = await vault.readSecret('zonekeeper/orgs/leaky/route53');

      await requestKeyRotation({ store, actor: SYSTEM_ACTOR }, org);
      const rotated = await reconcilePass(store, SYSTEM_ACTOR, { slugs: ['leaky'] });
      expect(rotated.results).toEqual([{ slug: 'leaky', outcome: 'ready' }]);
      const second = await vault.readSecret('zonekeeper/orgs/leaky/route53');

      // TLS: the org's CA and zone certificate, then a renewal that fails with Vault away (logged).
      const tls = {
        store,
        vault,
        actor: SYSTEM_ACTOR,
        baseDomain: BASE_DOMAIN,
        kubeTimeoutMs: 2000,
      };
      await reconcileTls(store, () => tls);
      const unreachableVault = createVaultKv({
        address: 'http://127.0.0.1:9',
        token: sandbox.env.VAULT_TOKEN,
        mount: 'secret',
        timeoutMs: 1_000,
      });
      await reconcileTls(store, () => ({ ...tls, vault: unreachableVault }), {
        now: new Date(Date.now() + 61 * 24 * 60 * 60 * 1000),
      });
      const [zoneCertificate] = await store.db.select().from(store.t.tlsCertificates);
      const caKey = await vault.readSecret(caVaultPath('leaky'));
      const zoneKey = await vault.readSecret(zoneCertificate!.vaultPath);

      const secrets = {
        'TLS CA key': caKey?.data[PRIVATE_KEY_FIELD],
        'TLS zone certificate key': zoneKey?.data[PRIVATE_KEY_FIELD],
        'first org key': first?.data.AWS_SECRET_ACCESS_KEY,
        'rotated org key': second?.data.AWS_SECRET_ACCESS_KEY,
        'platform key': sandbox.env.AWS_SECRET_ACCESS_KEY,
        'Vault token': sandbox.env.VAULT_TOKEN,
      };
      expect(second?.version).toBe((first?.version ?? 0) + 1);
      for (const value of Object.values(secrets)) expect(value).toMatch(/.{20,}/);

      // Something was logged (the failed step), so the search below looked at real output.
      const logs = captured.join('');
      expect(logs.length).toBeGreaterThan(0);
      const rows: string[] = [];
      for (const table of Object.values(store.t)) {
        rows.push(JSON.stringify(await store.db.select().from(table)));
      }
      const database = rows.join('\n');
      expect(database).toContain('leaky');

      for (const [name, value] of Object.entries(secrets)) {
        expect(logs.includes(value!), `${name} in the logs`).toBe(false);
        expect(database.includes(value!), `${name} in the database`).toBe(false);
      }
      // The TLS keys by shape too (escaped in JSON): no PEM private key anywhere; the failed
      // renewal was logged, so the logs searched hold TLS output.
      expect(logs).toContain('tls: issuing a certificate failed');
      expect(database).toContain('BEGIN CERTIFICATE');
      for (const [name, text] of Object.entries({ logs, database }))
        expect(/BEGIN [A-Z ]*PRIVATE KEY/.test(text), `a private key in the ${name}`).toBe(false);
    },
  );
});
