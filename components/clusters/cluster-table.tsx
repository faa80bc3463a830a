'use client';

import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { ColumnHeaders, WIDE_ONLY } from '@/components/ui/column-headers';
import { FormError } from '@/components/ui/form-message';
import { StatusBadge } from '@/components/ui/status-badge';
import { Truncated } from '@/components/ui/truncated';
import { UtcTime } from '@/components/ui/utc-time';
import type { ClusterListView } from '@/server/clusters/cluster-view';
import { ExternalDnsState } from './external-dns-state';
import { KeyVersionHeld } from './key-version-held';
import { useClusterList } from './use-cluster-views';

const COLUMNS = [
  'Cluster',
  'Status',
  'ExternalDNS',
  'Policy',
  'Key version',
  'Last applied (UTC)',
  'Last reported (UTC)',
];
const WIDE = ['Policy', 'Last applied (UTC)', 'Last reported (UTC)'];

/** The org's clusters, read again while a delivery is under way. */
export function ClusterTable({
  initial,
  mayRegister,
}: {
  initial: ClusterListView;
  mayRegister: boolean;
}) {
  const { data, error } = useClusterList(initial);
  const view = data ?? initial;
  const { slug, clusters, orgKeyVersion } = view;
  return (
    <Card
      id="clusters"
      title={`Clusters (${clusters.filter((c) => !c.deletedAt).length})`}
      description={`Where ${slug}'s ExternalDNS runs, and whether it holds the org's current key.`}
    >
      {error && <FormError>{error.message} The table shows the last state read.</FormError>}
      {clusters.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="clusters-empty">
          {slug} has no clusters yet.{' '}
          {mayRegister
            ? 'Register one below: paste its kubeconfig and Zonekeeper delivers ExternalDNS with the org\u2019s key, or register it as manual and apply the manifest yourself.'
            : 'An admin of the organization registers them.'}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Clusters">
            <ColumnHeaders columns={COLUMNS} wideOnly={WIDE} />
            <tbody className="divide-y divide-slate-100">
              {clusters.map((cluster) => (
                <tr key={cluster.uid} data-cluster-name={cluster.name} className="align-top">
                  <td className="py-2 pr-4">
                    {cluster.deletedAt ? (
                      <Truncated
                        value={cluster.name}
                        className="max-w-[8rem] font-mono text-slate-500 sm:max-w-[14rem]"
                      />
                    ) : (
                      <Link
                        href={`/orgs/${slug}/clusters/${cluster.name}`}
                        className="font-mono font-medium text-indigo-600 hover:underline"
                      >
                        <Truncated value={cluster.name} className="max-w-[8rem] sm:max-w-[14rem]" />
                      </Link>
                    )}
                    <span className="block text-xs text-slate-500">{cluster.connection}</span>
                  </td>
                  <td className="py-2 pr-4" data-testid="cluster-status">
                    <StatusBadge status={cluster.status} />
                  </td>
                  <td className="max-w-[16rem] py-2 pr-4">
                    {cluster.deletedAt ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      <ExternalDnsState cluster={cluster} />
                    )}
                  </td>
                  <td className={`py-2 pr-4 text-slate-700 ${WIDE_ONLY}`}>{cluster.policy}</td>
                  <td className="py-2 pr-4">
                    <KeyVersionHeld cluster={cluster} orgKeyVersion={orgKeyVersion} />
                  </td>
                  <td className={`py-2 pr-4 text-slate-700 ${WIDE_ONLY}`}>
                    {cluster.lastAppliedAt ? (
                      <UtcTime value={new Date(cluster.lastAppliedAt)} />
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                  </td>
                  <td className={`py-2 text-slate-700 ${WIDE_ONLY}`}>
                    {cluster.lastSeenAt ? (
                      <UtcTime value={new Date(cluster.lastSeenAt)} />
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
