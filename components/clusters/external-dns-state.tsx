import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { ClusterRowView } from '@/server/clusters/cluster-view';

/** ExternalDNS's state in a cluster; after a failure, why in words and when it is tried again. */
export function ExternalDnsState({
  cluster,
  detailed = false,
}: {
  cluster: ClusterRowView;
  detailed?: boolean;
}) {
  const failed = cluster.externalDnsState === 'failed' || cluster.externalDnsState === 'degraded';
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid="externaldns-state">
      <span>
        <StatusBadge status={cluster.externalDnsState} />
      </span>
      {failed && cluster.externalDnsError && (
        <p
          className={`text-xs text-red-700 ${detailed ? '' : 'line-clamp-2'}`}
          data-testid="externaldns-error"
        >
          {cluster.externalDnsError}
        </p>
      )}
      {failed && cluster.externalDnsRetryAt && (
        <p className="text-xs text-slate-500">
          Next try: <UtcTime value={new Date(cluster.externalDnsRetryAt)} />
        </p>
      )}
    </div>
  );
}
