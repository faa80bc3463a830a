// The per-org RSA 2048 option: a CA and a server certificate the real openssl verifies, with the
// same extensions as the ECDSA default.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServerCertificate } from '@/server/tls/x509-certificates';

describe('RSA 2048 certificates', () => {
  it('make a chain openssl verifies, with a 2048-bit key and the same extensions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-tls-rsa-'));
    try {
      const now = new Date();
      const ca = await createCertificateAuthority({
        commonName: 'Zonekeeper CA for beta.zonekeeper.test',
        keyAlgorithm: 'rsa-2048',
        now,
      });
      const leaf = await issueServerCertificate({
        authority: { ...ca, keyAlgorithm: 'rsa-2048' },
        dnsNames: ['*.beta.zonekeeper.test', 'beta.zonekeeper.test'],
        now,
      });
      const caFile = path.join(dir, 'ca.pem');
      const leafFile = path.join(dir, 'leaf.pem');
      fs.writeFileSync(caFile, ca.certificatePem);
      fs.writeFileSync(leafFile, leaf.certificatePem);
      const verified = spawnSync('openssl', ['verify', '-CAfile', caFile, leafFile], {
        encoding: 'utf8',
      });
      expect(verified.stdout.trim()).toBe(`${leafFile}: OK`);
      const text = execFileSync('openssl', ['x509', '-text', '-noout', '-in', leafFile], {
        encoding: 'utf8',
      });
      expect(text).toContain('Public Key Algorithm: rsaEncryption');
      expect(text).toContain('Public-Key: (2048 bit)');
      expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
      expect(text).toContain('DNS:*.beta.zonekeeper.test, DNS:beta.zonekeeper.test');
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
      expect(text).toContain('TLS Web Server Authentication');
      const caText = execFileSync('openssl', ['x509', '-text', '-noout', '-in', caFile], {
        encoding: 'utf8',
      });
      expect(caText).toMatch(/CA:TRUE, pathlen:0/);
      // The private key is PKCS#8 and matches the certificate.
      expect(leaf.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const keyFile = path.join(dir, 'leaf.key');
      fs.writeFileSync(keyFile, leaf.privateKeyPem);
      const fromKey = execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout'], {
        encoding: 'utf8',
      });
      const fromCert = execFileSync('openssl', ['x509', '-in', leafFile, '-noout', '-pubkey'], {
        encoding: 'utf8',
      });
      expect(fromKey).toBe(fromCert);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
