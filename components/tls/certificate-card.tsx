import { Card } from '@/components/ui/card';
import { Identifier } from '@/components/ui/identifier';
import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { TlsCertificateView } from '@/server/tls/list-certificates';
import { RenewButton } from './renew-button';

/** One certificate: what it covers, until when, and where it is delivered. */
export function CertificateCard({
  orgSlug,
  certificate: c,
  mayRenew,
}: {
  orgSlug: string;
  certificate: TlsCertificateView;
  mayRenew: boolean;
}) {
  const title = c.scope === 'org' ? `Zone ${orgSlug}` : `Cluster ${c.target}`;
  return (
    <div data-testid={`certificate-${c.scope}-${c.target}`}>
      <Card
        id={`certificate-${c.scope}-${c.target}`}
        title={title}
        description={c.dnsNames.join(', ')}
      >
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">State</dt>
          <dd>
            <StatusBadge status={c.state} />
          </dd>
          <dt className="text-slate-500">Subject</dt>
          <dd className="min-w-0">
            <Identifier value={c.subject} />
          </dd>
          <dt className="text-slate-500">Issuer</dt>
          <dd className="min-w-0">
            <Identifier value={c.issuer} />
          </dd>
          <dt className="text-slate-500">Serial</dt>
          <dd className="min-w-0">
            <Identifier value={c.serial} />
          </dd>
          <dt className="text-slate-500">Not after</dt>
          <dd>
            <UtcTime value={c.notAfter} />{' '}
            {c.state === 'active' && (
              <span
                data-testid="days-left"
                className={c.expiresSoon ? 'font-semibold text-red-700' : 'text-slate-600'}
              >
                ({c.daysLeft} days left{c.expiresSoon ? ' — expires in under 14 days' : ''})
              </span>
            )}
          </dd>
          {c.state === 'active' && (
            <>
              <dt className="text-slate-500">Renewed at</dt>
              <dd>
                <UtcTime value={c.renewalDueAt} /> (two thirds of its lifetime)
              </dd>
            </>
          )}
          {c.revokedAt && (
            <>
              <dt className="text-slate-500">Revoked</dt>
              <dd>
                <UtcTime value={c.revokedAt} /> (its cluster was deleted)
              </dd>
            </>
          )}
        </dl>
        <h3 className="mt-4 text-sm font-semibold text-slate-900">Delivery</h3>
        {c.deliveries.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">
            Not delivered to any cluster yet: connected clusters get it with the next reconciler
            pass.
          </p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2 text-sm">
            {c.deliveries.map((d) => (
              <li
                key={`${d.cluster}/${d.namespace}`}
                data-testid="delivery"
                className="flex min-w-0 flex-col gap-1"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Identifier value={`${d.cluster}/${d.namespace}/${d.secretName}`} />
                  <StatusBadge status={d.state} />
                  {d.deliveredAt && (
                    <span className="text-slate-500">
                      since <UtcTime value={d.deliveredAt} />
                    </span>
                  )}
                  {d.serialHeld && d.serialHeld !== c.serial && (
                    <span className="text-slate-500">(still holds {d.serialHeld})</span>
                  )}
                </div>
                {d.lastError && <p className="break-words text-red-700">{d.lastError}</p>}
              </li>
            ))}
          </ul>
        )}
        {mayRenew && c.state === 'active' && c.scope === 'cluster' && (
          <div className="mt-4">
            <RenewButton orgSlug={orgSlug} cluster={c.target} />
          </div>
        )}
      </Card>
    </div>
  );
}
