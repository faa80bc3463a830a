// The kubeconfig file a sandbox cluster hands to kubectl and @kubernetes/client-node: one
// cluster, one token user, one current context, written owner-readable only.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export function kubeconfigDocument(
  clusterName: string,
  server: string,
  caCertificate: string,
  token: string,
  user = `${clusterName}-admin`,
) {
  const authority = Buffer.from(caCertificate, 'utf8').toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: { server, 'certificate-authority-data': authority } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user } }],
    'current-context': clusterName,
    preferences: {},
  };
}

export function writeKubeconfig(filePath: string, document: object): void {
  mkdirSync(path.dirname(filePath), { recursive: true });
  writeFileSync(filePath, stringify(document), { mode: 0o600 });
  chmodSync(filePath, 0o600);
}
