// The sandbox clusters' TLS: kubectl sends bearer tokens only over HTTPS (client-go drops them on
// plain http://), so the API listens with a certificate for 127.0.0.1 signed by a sandbox CA that
// each kubeconfig carries. Generated once per state directory with the system's openssl.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SandboxTls {
  /** PEM of the CA that signed the server certificate (kubeconfig certificate-authority-data). */
  caCertificate: string;
  certificate: string;
  privateKey: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `openssl ${args[0]} failed while creating the sandbox cluster certificate${stderr ? `: ${stderr}` : ''}. Install openssl (apt-get install -y openssl).`,
    );
  }
}

/** Loads the CA and server certificate from `<directory>`, creating them when missing. */
export function ensureSandboxTls(directory: string): SandboxTls {
  const files = {
    caKey: path.join(directory, 'ca.key'),
    caCertificate: path.join(directory, 'ca.crt'),
    key: path.join(directory, 'server.key'),
    certificate: path.join(directory, 'server.crt'),
  };
  if (!Object.values(files).every((file) => existsSync(file))) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '3650',
        '-subj',
        '/CN=zonekeeper-sandbox-kubernetes-ca',
      ],
      directory,
    );
    openssl(
      ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver'],
      directory,
    );
    writeFileSync(
      path.join(directory, 'server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n',
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'server.crt',
        '-days',
        '3650',
        '-extfile',
        'server.ext',
      ],
      directory,
    );
  }
  return {
    caCertificate: readFileSync(files.caCertificate, 'utf8'),
    certificate: readFileSync(files.certificate, 'utf8'),
    privateKey: readFileSync(files.key, 'utf8'),
  };
}
