const TONES: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700 ring-slate-300',
  provisioning: 'bg-sky-50 text-sky-800 ring-sky-300',
  creating: 'bg-sky-50 text-sky-800 ring-sky-300',
  ready: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  running: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  failed: 'bg-red-50 text-red-800 ring-red-300',
  deleting: 'bg-amber-50 text-amber-800 ring-amber-300',
  deleted: 'bg-slate-100 text-slate-500 ring-slate-200',
  rotating: 'bg-sky-50 text-sky-800 ring-sky-300',
  // Delegation in the parent zone, and audit outcomes.
  matches: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  missing: 'bg-amber-50 text-amber-800 ring-amber-300',
  differs: 'bg-red-50 text-red-800 ring-red-300',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  failure: 'bg-red-50 text-red-800 ring-red-300',
  // Clusters and their ExternalDNS.
  stopped: 'bg-slate-100 text-slate-600 ring-slate-300',
  'not-deployed': 'bg-slate-100 text-slate-700 ring-slate-300',
  deploying: 'bg-sky-50 text-sky-800 ring-sky-300',
  degraded: 'bg-amber-50 text-amber-800 ring-amber-300',
  // Record ownership on the hostname map.
  owned: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  stale: 'bg-amber-50 text-amber-800 ring-amber-300',
  orphan: 'bg-red-50 text-red-800 ring-red-300',
  conflict: 'bg-fuchsia-50 text-fuchsia-800 ring-fuchsia-300',
  unmanaged: 'bg-slate-100 text-slate-700 ring-slate-300',
  // TLS certificates and their Secrets in clusters.
  active: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  delivered: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  revoked: 'bg-slate-100 text-slate-500 ring-slate-200',
  removed: 'bg-slate-100 text-slate-500 ring-slate-200',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
        TONES[status] ?? TONES.pending
      }`}
    >
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current opacity-70" />
      {status}
    </span>
  );
}
