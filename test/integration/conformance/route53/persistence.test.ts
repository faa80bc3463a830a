// startSandbox with persistDir: zones, IAM users and keys, and Vault secrets survive a restart.
// It restarts the sandbox itself, which only an in-process target allows.
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/start-sandbox';
import { isExternalTarget } from '../sandbox-target';
import { aRecord, changeRecords, createZone, listAllRecords } from './route53-test-helpers';

const persistDir = mkdtempSync(path.join(tmpdir(), 'zk-sandbox-'));
afterAll(() => rmSync(persistDir, { recursive: true, force: true }));

const route53Of = (sandbox: Sandbox, credentials = sandbox.env) =>
  new Route53Client({
    endpoint: sandbox.endpoints.route53,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: credentials.AWS_ACCESS_KEY_ID,
      secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY,
    },
  });

describe.skipIf(isExternalTarget)('persistence', () => {
  it('reloads zones, records, IAM keys, Vault secrets and credentials after a restart', async () => {
    const options = {
      persistDir,
      keyActivationDelayMs: 0,
      baseDomain: 'persist.test',
      throttling: { enabled: false },
    };
    const first = await startSandbox(options);
    const client = route53Of(first);
    const zone = await createZone(client);
    await changeRecords(client, zone.id, [
      { Action: 'CREATE', ResourceRecordSet: aRecord(`www.${zone.name}`) },
    ]);
    const iam = new IAMClient({
      endpoint: first.endpoints.iam,
      region: 'us-east-1',
      credentials: {
        accessKeyId: first.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: first.env.AWS_SECRET_ACCESS_KEY,
      },
    });
    await iam.send(new CreateUserCommand({ UserName: 'persisted-user' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'persisted-user' }));
    const secretWrite = await fetch(
      `${first.env.VAULT_ADDR}/v1/secret/data/zonekeeper/orgs/acme/route53`,
      {
        method: 'POST',
        headers: { 'x-vault-token': first.env.VAULT_TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { AWS_ACCESS_KEY_ID: key.AccessKey!.AccessKeyId } }),
      },
    );
    expect(secretWrite.ok).toBe(true);
    const recordsBefore = await listAllRecords(client, zone.id);
    iam.destroy();
    client.destroy();
    await first.close();

    const second = await startSandbox(options);
    try {
      expect(second.env.AWS_ACCESS_KEY_ID).toBe(first.env.AWS_ACCESS_KEY_ID);
      expect(second.env.VAULT_TOKEN).toBe(first.env.VAULT_TOKEN);
      expect(second.parentZone).toEqual(first.parentZone);
      const again = route53Of(second);
      expect(await listAllRecords(again, zone.id)).toEqual(recordsBefore);
      const parents = await again.send(
        new ListHostedZonesByNameCommand({ DNSName: 'persist.test' }),
      );
      expect(parents.HostedZones!.filter((z) => z.Name === 'persist.test.')).toHaveLength(1);
      expect(second.iam.resolveCaller(key.AccessKey!.AccessKeyId!)?.kind).toBe('iam-user');
      const secret = await fetch(
        `${second.env.VAULT_ADDR}/v1/secret/data/zonekeeper/orgs/acme/route53`,
        {
          headers: { 'x-vault-token': second.env.VAULT_TOKEN },
        },
      );
      const body = (await secret.json()) as { data: { data: Record<string, string> } };
      expect(body.data.data.AWS_ACCESS_KEY_ID).toBe(key.AccessKey!.AccessKeyId);
      await again.send(new GetHostedZoneCommand({ Id: zone.id }));
      again.destroy();
    } finally {
      await second.close();
    }
  });
});
