'use client';

import Link from 'next/link';
import { Detail, DetailList, NotYet } from '@/components/org-detail/detail-list';
import { Card } from '@/components/ui/card';
import { ColumnHeaders } from '@/components/ui/column-headers';
import { FormError } from '@/components/ui/form-message';
import { Identifier } from '@/components/ui/identifier';
import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { ClusterDetailView } from '@/server/clusters/cluster-view';
import { ClusterControls } from './cluster-controls';
import { ClusterTlsCard } from './cluster-tls-card';
import { DeleteClusterForm } from './delete-cluster-form';
import { ExternalDnsState } from './external-dns-state';
import { KeyVersionHeld } from './key-version-held';
import { useClusterDetail } from './use-cluster-views';

/** One cluster, read again while ExternalDNS is being delivered to it. */
export function ClusterLiveDetail({
  initial,
  mayWrite,
}: {
  initial: ClusterDetailView;
  mayWrite: boolean;
}) {
  const { data: view, error } = useClusterDetail(initial);
  const { slug } = initial;
  const { name } = initial.cluster;
  const manifestUrl = `/api/orgs/${encodeURIComponent(slug)}/clusters/${encodeURIComponent(name)}/manifest`;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      {error && <FormError>{error.message} The page shows the last state read.</FormError>}
      {view ? (
        <>
          <Card id="cluster-connection" title="Connection">
            <DetailList>
              <Detail label="Status">
                <span className="flex flex-wrap items-center gap-2" data-testid="cluster-status">
                  <StatusBadge status={view.cluster.status} />
                  <span className="text-xs text-slate-500">
                    last reported{' '}
                    {view.cluster.lastSeenAt ? (
                      <UtcTime value={new Date(view.cluster.lastSeenAt)} />
                    ) : (
                      'never'
                    )}
                  </span>
                </span>
              </Detail>
              <Detail label="Connection">{view.cluster.connection}</Detail>
              <Detail label="API server">
                {view.cluster.apiServerHost ? (
                  <Identifier value={view.cluster.apiServerHost} testId="api-server-host" />
                ) : (
                  <NotYet>none: Zonekeeper does not reach a manual cluster</NotYet>
                )}
              </Detail>
              {view.cluster.kubeconfigVaultPath && (
                <Detail label="Kubeconfig">
                  <span className="text-slate-600">in Vault at </span>
                  <Identifier value={view.cluster.kubeconfigVaultPath} testId="kubeconfig-path" />
                  <span className="text-slate-600">
                    {' '}
                    (version {view.cluster.kubeconfigVaultVersion})
                  </span>
                </Detail>
              )}
              <Detail label="UID (TXT owner)">
                <Identifier value={view.cluster.uid} testId="cluster-uid" />
              </Detail>
              <Detail label="Policy">{view.cluster.policy}</Detail>
              {(view.cluster.txtPrefix || view.cluster.txtSuffix) && (
                <Detail label={view.cluster.txtPrefix ? 'TXT prefix' : 'TXT suffix'}>
                  <Identifier value={view.cluster.txtPrefix || view.cluster.txtSuffix} />
                </Detail>
              )}
            </DetailList>
          </Card>
          <Card
            id="cluster-externaldns"
            title="ExternalDNS"
            description={
              view.cluster.connection === 'manual'
                ? 'Apply the manifest in the cluster yourself; Zonekeeper cannot see what runs there.'
                : 'Delivered by the reconciler through the Kubernetes API with server-side apply.'
            }
          >
            <DetailList>
              <Detail label="State">
                <ExternalDnsState cluster={view.cluster} detailed />
              </Detail>
              <Detail label="Key version held">
                <KeyVersionHeld cluster={view.cluster} orgKeyVersion={view.orgKeyVersion} />
              </Detail>
              <Detail label="Last applied">
                {view.cluster.lastAppliedAt ? (
                  <UtcTime value={new Date(view.cluster.lastAppliedAt)} />
                ) : (
                  <NotYet>never</NotYet>
                )}
              </Detail>
              <Detail label="Manifest">
                <a
                  href={manifestUrl}
                  download
                  className="font-medium text-indigo-600 hover:underline"
                  data-testid="manifest-download"
                >
                  Download YAML
                </a>
                <span className="block text-xs text-slate-500">
                  Without the Secret&apos;s data: an operator creates it with{' '}
                  <code className="font-mono">
                    zk externaldns manifest --org {slug} --cluster {name} --with-secret
                  </code>
                  .
                </span>
              </Detail>
            </DetailList>
            <div className="mt-4 overflow-x-auto">
              <table
                className="min-w-full divide-y divide-slate-200 text-sm"
                aria-label="Applied objects"
              >
                <ColumnHeaders columns={['Object', 'State']} />
                <tbody className="divide-y divide-slate-100">
                  {view.cluster.objects.map((object) => (
                    <tr key={`${object.kind}/${object.name}`} data-object-kind={object.kind}>
                      <td className="py-2 pr-4 align-top">
                        <span className="font-medium text-slate-900">{object.kind}</span>{' '}
                        <Identifier
                          value={
                            object.namespace ? `${object.namespace}/${object.name}` : object.name
                          }
                        />
                      </td>
                      <td className="py-2 text-slate-700">{object.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
          <ClusterTlsCard slug={slug} cluster={view.cluster} mayWrite={mayWrite} />
          {mayWrite && <ClusterControls slug={slug} cluster={view.cluster} />}
        </>
      ) : (
        <Card id="cluster-gone" title="Cluster deleted">
          <p className="mt-2 text-sm text-slate-600">
            {name} is no longer a cluster of {slug}.{' '}
            <Link href={`/orgs/${slug}/clusters`} className="text-indigo-600 hover:underline">
              Back to the clusters
            </Link>
          </p>
        </Card>
      )}
      {/* Stays mounted when the cluster is gone, so its answer (what remains) stays on screen. */}
      {mayWrite && (
        <DeleteClusterForm slug={slug} name={name} removalSteps={initial.cluster.removalSteps} />
      )}
    </div>
  );
}
