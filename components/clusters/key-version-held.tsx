import type { ClusterRowView } from '@/server/clusters/cluster-view';

/** The key version a cluster holds next to the org's current one, flagged when it lags. */
export function KeyVersionHeld({
  cluster,
  orgKeyVersion,
}: {
  cluster: ClusterRowView;
  orgKeyVersion: number | null;
}) {
  if (cluster.connection === 'manual') {
    return <span className="text-slate-400">not tracked (manual)</span>;
  }
  const held = cluster.keyVersionHeld;
  const behind = held !== null && orgKeyVersion !== null && held !== orgKeyVersion;
  return (
    <span className="whitespace-nowrap" data-testid="key-version-held" data-held={held ?? ''}>
      <span className={behind ? 'font-medium text-amber-700' : 'text-slate-900'}>
        {held === null ? 'none yet' : `v${held}`}
      </span>
      {orgKeyVersion !== null && <span className="text-slate-500"> of v{orgKeyVersion}</span>}
    </span>
  );
}
