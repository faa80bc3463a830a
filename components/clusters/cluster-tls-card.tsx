'use client';

import Link from 'next/link';
import { setTlsNamespacesAction } from '@/app/orgs/[slug]/clusters/actions';
import { NotYet } from '@/components/org-detail/detail-list';
import { ActionFeedback } from '@/components/org-detail/action-feedback';
import { Card } from '@/components/ui/card';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { Field } from '@/components/ui/field';
import { Identifier } from '@/components/ui/identifier';
import { StatusBadge } from '@/components/ui/status-badge';
import { SubmitButton } from '@/components/ui/submit-button';
import { UtcTime } from '@/components/ui/utc-time';
import type { ClusterDetailView } from '@/server/clusters/cluster-view';
import type { ClusterTlsDeliveryView } from '@/server/tls/cluster-tls-view';
import { useClusterAction } from './use-cluster-action';

type Cluster = ClusterDetailView['cluster'];

/** The TLS Secrets the reconciler keeps in one cluster, and (for admins) where they go. */
export function ClusterTlsCard({
  slug,
  cluster,
  mayWrite,
}: {
  slug: string;
  cluster: Cluster;
  mayWrite: boolean;
}) {
  const connected = cluster.connection === 'kubeconfig';
  return (
    <Card
      id="cluster-tls"
      title="TLS Secrets"
      description={
        <>
          {connected
            ? `The zone's certificate and ${cluster.name}'s own, as kubernetes.io/tls Secrets in each namespace listed, renewed and delivered before they expire.`
            : 'Zonekeeper cannot reach a manual cluster, so it delivers no TLS Secrets to it.'}{' '}
          <Link
            href={`/orgs/${slug}/certificates`}
            className="font-medium text-indigo-600 hover:underline"
          >
            Certificates
          </Link>
        </>
      }
    >
      {connected && (
        <>
          <p className="mt-4 break-words text-sm text-slate-700" data-testid="tls-namespaces">
            Namespaces: <Identifier value={cluster.tls.namespaces.join(', ')} />
          </p>
          <SecretTable deliveries={cluster.tls.deliveries} />
          {mayWrite && <NamespacesForm slug={slug} cluster={cluster} />}
        </>
      )}
    </Card>
  );
}

function SecretTable({ deliveries }: { deliveries: ClusterTlsDeliveryView[] }) {
  if (deliveries.length === 0) {
    return (
      <p className="mt-4 text-sm">
        <NotYet>
          none yet: the reconciler delivers them once the org&apos;s CA has issued them
        </NotYet>
      </p>
    );
  }
  return (
    <div className="mt-4 overflow-x-auto">
      {/* A namespace is up to 63 characters without a separator: any cell may break anywhere, so
          the table never grows wider than its card; the columns' least widths keep a phone's
          columns readable instead of a letter wide. */}
      <table
        className="min-w-full divide-y divide-slate-200 text-sm [overflow-wrap:anywhere]"
        aria-label="TLS Secrets"
      >
        <ColumnHeaders columns={['Secret', 'Holds', 'State']} />
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((secret) => (
            <tr
              key={`${secret.namespace}/${secret.secretName}`}
              data-testid="tls-secret"
              data-secret={`${secret.namespace}/${secret.secretName}`}
            >
              <td className="min-w-28 py-2 pr-4 align-top">
                <Identifier value={`${secret.namespace}/${secret.secretName}`} />
                <span className="block text-xs text-slate-500">
                  {secret.scope === 'org' ? 'the zone' : 'this cluster'}
                </span>
              </td>
              <td className="min-w-28 py-2 pr-4 align-top text-slate-700">
                {secret.serialHeld && secret.notAfterHeld ? (
                  <>
                    <Identifier value={secret.serialHeld} />
                    <span className="block text-xs text-slate-500">
                      until <UtcTime value={new Date(secret.notAfterHeld)} /> ({secret.daysLeftHeld}{' '}
                      days left)
                    </span>
                  </>
                ) : (
                  <NotYet>nothing yet</NotYet>
                )}
              </td>
              <td className="min-w-32 py-2 align-top">
                <StatusBadge status={secret.state} />
                {secret.deliveredAt && (
                  <span className="block text-xs text-slate-500">
                    since <UtcTime value={new Date(secret.deliveredAt)} />
                  </span>
                )}
                {secret.lastError && (
                  <span className="mt-1 block break-words text-xs text-red-700">
                    {secret.lastError}
                    {secret.retryAt && (
                      <>
                        {' '}
                        Retried at <UtcTime value={new Date(secret.retryAt)} />.
                      </>
                    )}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NamespacesForm({ slug, cluster }: { slug: string; cluster: Cluster }) {
  const [state, save, saving] = useClusterAction(setTlsNamespacesAction, slug, cluster.name);
  return (
    <form action={save} className="mt-6 flex min-w-0 flex-col gap-2">
      <input type="hidden" name="orgSlug" value={slug} />
      <input type="hidden" name="name" value={cluster.name} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 sm:max-w-md">
          <Field
            name="namespaces"
            label="Namespaces that receive the Secrets"
            defaultValue={cluster.tls.namespaces.join(', ')}
            errors={state && !state.ok ? state.error.fields?.namespaces : undefined}
          />
        </div>
        <SubmitButton pending={saving} pendingLabel="Saving…">
          Save namespaces
        </SubmitButton>
      </div>
      <p className="text-xs text-slate-500">
        Comma-separated. The Secrets in a namespace you take off the list are deleted.
      </p>
      <ActionFeedback
        state={state}
        success={`Saved${state?.ok ? `: ${state.data.namespaces.join(', ')}` : ''}. The reconciler delivers the Secrets there now.`}
      />
    </form>
  );
}
