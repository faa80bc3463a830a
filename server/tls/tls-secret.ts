// The `kubernetes.io/tls` Secret that carries one certificate into one namespace, as a typed
// object: tls.crt is the leaf followed by the CA (the chain a server sends), ca.crt the CA alone.
import type { V1Secret } from '@kubernetes/client-node';
import type { TlsCertificateScope } from '@/db/schema/enums';
import { TLS_SECRET_NAMES } from './tls-names';

/** The annotation that says which certificate a Secret holds (its serial). */
export const SERIAL_ANNOTATION = 'zonekeeper.io/certificate-serial';

export interface TlsSecretInput {
  scope: TlsCertificateScope;
  namespace: string;
  orgSlug: string;
  serial: string;
  notAfter: Date;
  certificatePem: string;
  caCertificatePem: string;
  privateKeyPem: string;
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function tlsSecret(input: TlsSecretInput): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: {
      name: TLS_SECRET_NAMES[input.scope],
      namespace: input.namespace,
      labels: {
        'app.kubernetes.io/managed-by': 'zonekeeper',
        'zonekeeper.io/org': input.orgSlug,
      },
      annotations: {
        [SERIAL_ANNOTATION]: input.serial,
        'zonekeeper.io/not-after': input.notAfter.toISOString(),
      },
    },
    data: {
      'tls.crt': base64(input.certificatePem + input.caCertificatePem),
      'tls.key': base64(input.privateKeyPem),
      'ca.crt': base64(input.caCertificatePem),
    },
  };
}

/** Enough of a Secret to delete it. */
export function tlsSecretReference(scope: TlsCertificateScope, namespace: string): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: TLS_SECRET_NAMES[scope], namespace },
  };
}
