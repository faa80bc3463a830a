import type { ReactNode } from 'react';
import { NarrowMenu } from './narrow-menu';
import { SignedInPersonMenu, type SignedInPerson } from './signed-in-person';
import { SidebarNav } from './sidebar-nav';

interface AppShellProps {
  children: ReactNode;
  environmentLabel?: string;
  baseDomain: string;
  /** Absent on the sign-in pages and for anyone not signed in. */
  person?: SignedInPerson;
  /** A platform operator also sees the platform's pages (hostnames, cost, collector) in the sections. */
  operator?: boolean;
}

// Wide screens (lg, 1024 px and up) keep the sidebar; narrower ones get a top bar whose menu
// button opens the same sections, so the content always has the full width of the screen.
export function AppShell({
  children,
  environmentLabel,
  baseDomain,
  person,
  operator,
}: AppShellProps) {
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 shrink-0 flex-col bg-slate-900 text-slate-300 lg:flex">
        <Brand />
        {/* Sections lead nowhere before sign-in: the sign-in page shows none. */}
        {person && <SidebarNav operator={operator} />}
        <BaseDomain baseDomain={baseDomain} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="relative flex min-h-14 items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 sm:px-6 lg:px-8">
          <div className="flex min-w-0 items-center gap-2 lg:hidden">
            {person && (
              <NarrowMenu>
                <SidebarNav operator={operator} />
                <BaseDomain baseDomain={baseDomain} />
              </NarrowMenu>
            )}
            {/* On a phone the header keeps its room for the person and the badge. */}
            <span className="hidden text-base font-semibold tracking-tight text-slate-900 sm:inline">
              Zonekeeper
            </span>
          </div>
          <div className="ml-auto flex min-w-0 items-center gap-3">
            {environmentLabel && (
              <span
                data-testid="environment-badge"
                className="shrink-0 rounded-full bg-amber-100 px-3 py-1 text-xs font-semibold text-amber-800 ring-1 ring-amber-300"
                title="This installation talks to local stand-ins, not to real AWS or Vault"
              >
                {environmentLabel}
              </span>
            )}
            {person && <SignedInPersonMenu person={person} />}
          </div>
        </header>
        {/* One content width for every page; pages never set their own. */}
        <main className="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}

function Brand() {
  return (
    <div className="flex items-center gap-2 px-5 py-5">
      <span
        aria-hidden
        className="grid h-8 w-8 place-items-center rounded-lg bg-indigo-500 text-sm font-bold text-white"
      >
        Z
      </span>
      <span className="text-base font-semibold tracking-tight text-white">Zonekeeper</span>
    </div>
  );
}

function BaseDomain({ baseDomain }: { baseDomain: string }) {
  return (
    <div className="mt-auto border-t border-slate-800 px-5 py-4 text-xs text-slate-400">
      <p className="uppercase tracking-wide text-slate-500">Base domain</p>
      <p className="mt-1 truncate font-mono text-slate-300" title={baseDomain}>
        {baseDomain}
      </p>
    </div>
  );
}
