// The bundle as one multi-document YAML file, serialized by the yaml library from the typed
// objects. With the Secret for `zk externaldns manifest --with-secret` and the delivery step;
// without it for the browser's download, whose header says how an operator creates the Secret.
import { Document } from 'yaml';
import type { KubernetesObject } from '@kubernetes/client-node';
import { AWS_SECRET_NAME, EXTERNAL_DNS_NAMESPACE } from './externaldns-bundle';

export function manifestYaml(objects: KubernetesObject[], header?: string): string {
  return objects
    .map((object, index) => {
      const document = new Document(object);
      if (index === 0 && header) document.commentBefore = header;
      return document.toString({ lineWidth: 0 });
    })
    .join('---\n');
}

/** The header of the download that leaves the Secret out. */
export function secretLeftOutNotice(orgSlug: string, clusterName: string): string {
  return [
    ` The Secret ${EXTERNAL_DNS_NAMESPACE}/${AWS_SECRET_NAME} (the org's AWS key) is not in this file:`,
    ' a browser never receives it. A platform operator creates it with',
    `   zk externaldns manifest --org ${orgSlug} --cluster ${clusterName} --with-secret \\`,
    '     | kubectl apply --server-side --field-manager=zonekeeper -f -',
    ' (audited). Until then the external-dns pod waits for its credentials volume.',
  ].join('\n');
}
