// The leak checks of the isolation matrix must be able to fire: against the current setup (org A
// not provisioned) they mostly see clean answers, so they are shown failing here on purpose.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '@/server/tls/x509-certificates';
import { leakedSecrets, secretShapedFields } from './support/find-secrets';

describe('leak checks of the isolation matrix', () => {
  const awsSecret = randomBytes(30).toString('base64'); // how the sandbox IAM makes one

  it('finds a known secret anywhere in a body, by name', () => {
    const body = `{"note":"x${awsSecret}y"}`;
    expect(leakedSecrets(body, { org: awsSecret, other: 'never-sent-value' })).toEqual(['org']);
  });

  it('finds fields named like a secret and values shaped like a secret access key', () => {
    const view = {
      identity: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'hidden', note: awsSecret },
      steps: [{ step: 'create-hosted-zone', explanation: `key ${awsSecret}.` }],
    };
    expect(secretShapedFields(view).sort()).toEqual(
      ['$.identity.note', '$.identity.secretAccessKey', '$.steps[0].explanation'].sort(),
    );
  });

  it('finds a PEM private key (a TLS key) by shape, and leaves a certificate alone', async () => {
    const now = new Date();
    const ca = await createCertificateAuthority({
      commonName: 'Zonekeeper CA for alpha.zonekeeper.test',
      keyAlgorithm: 'ecdsa-p256',
      now,
    });
    const view = { ca: { pem: ca.certificatePem }, note: `key: ${ca.privateKeyPem}` };
    // In JSON the key's line breaks are escaped, so only its shape gives it away.
    expect(secretShapedFields(view)).toEqual(['$.note']);
    expect(leakedSecrets(`<pre>${ca.privateKeyPem}</pre>`, { 'CA key': ca.privateKeyPem })).toEqual(
      ['CA key'],
    );
  });

  it('leaves an org status view without secrets alone', () => {
    const view = {
      slug: 'alpha',
      readAt: new Date().toISOString(),
      identity: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        vaultPath: 'zonekeeper/orgs/alpha/aws-credentials',
        userArn: 'arn:aws:iam::123456789012:user/zonekeeper/org-alpha',
      },
      zone: { id: 'Z0123456789ABCDEFGHIJ', nameServers: ['ns-1.awsdns-01.org'] },
    };
    expect(secretShapedFields(view)).toEqual([]);
  });
});
