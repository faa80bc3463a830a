import type { ReactNode } from 'react';
import { SignedInPersonMenu, type SignedInPerson } from './signed-in-person';
import { SidebarNav } from './sidebar-nav';

interface AppShellProps {
  children: ReactNode;
  environmentLabel?: string;
  baseDomain: string;
  /** Absent on the sign-in pages and for anyone not signed in. */
  person?: SignedInPerson;
}

export function AppShell({ children, environmentLabel, baseDomain, person }: AppShellProps) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col bg-slate-900 text-slate-300">
        <div className="flex items-center gap-2 px-5 py-5">
          <span
            aria-hidden
            className="grid h-8 w-8 place-items-center rounded-lg bg-indigo-500 text-sm font-bold text-white"
          >
            Z
          </span>
          <span className="text-base font-semibold tracking-tight text-white">Zonekeeper</span>
        </div>
        {/* Sections lead nowhere before sign-in: the sign-in page shows none. */}
        {person && <SidebarNav />}
        <div className="mt-auto border-t border-slate-800 px-5 py-4 text-xs text-slate-400">
          <p className="uppercase tracking-wide text-slate-500">Base domain</p>
          <p className="mt-1 truncate font-mono text-slate-300">{baseDomain}</p>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-slate-200 bg-white px-8">
          {environmentLabel && (
            <span
              data-testid="environment-badge"
              className="rounded-full bg-amber-100 px-3 py-1 text-xs font-semibold text-amber-800 ring-1 ring-amber-300"
              title="This installation talks to local stand-ins, not to real AWS or Vault"
            >
              {environmentLabel}
            </span>
          )}
          {person && <SignedInPersonMenu person={person} />}
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-8 py-8">{children}</main>
      </div>
    </div>
  );
}
