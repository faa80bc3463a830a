import { Card } from '@/components/ui/card';
import { Identifier } from '@/components/ui/identifier';
import { UtcTime } from '@/components/ui/utc-time';
import type { TlsAuthorityView } from '@/server/tls/list-certificates';

const KEY_TYPES = { 'ecdsa-p256': 'ECDSA P-256', 'rsa-2048': 'RSA 2048' } as const;

/** The org's CA: what to trust, and the download of its certificate. */
export function CaCard({
  orgSlug,
  authority,
}: {
  orgSlug: string;
  authority: TlsAuthorityView | null;
}) {
  return (
    <Card
      id="ca"
      title="Certificate authority"
      description={`Clients that trust this CA accept ${orgSlug}'s server certificates. Its private key never leaves Vault.`}
    >
      {authority ? (
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Subject</dt>
          <dd className="min-w-0">
            <Identifier value={authority.subject} />
          </dd>
          <dt className="text-slate-500">Key</dt>
          <dd>{KEY_TYPES[authority.keyAlgorithm]}</dd>
          <dt className="text-slate-500">SHA-256 fingerprint</dt>
          <dd className="min-w-0">
            <Identifier value={authority.fingerprintSha256} />
          </dd>
          <dt className="text-slate-500">Not after</dt>
          <dd>
            <UtcTime value={authority.notAfter} /> ({authority.daysLeft} days left)
          </dd>
          <dt className="text-slate-500">Download</dt>
          <dd>
            <a
              data-testid="ca-download"
              href={`/api/orgs/${orgSlug}/tls/ca`}
              download={`${orgSlug}-ca.pem`}
              className="font-medium text-indigo-600 hover:underline"
            >
              {orgSlug}-ca.pem
            </a>
          </dd>
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-500">
          No CA yet: the reconciler makes it once {orgSlug} is ready.
        </p>
      )}
    </Card>
  );
}
