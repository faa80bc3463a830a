'use client';

import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';

/** The sidebar's sections behind a menu button, for screens too narrow for a sidebar. */
export function NarrowMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  // Open on the page where it was opened: once a section is chosen the menu has done its job.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="narrow-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        <span aria-hidden>☰</span>
        <span className="sr-only sm:not-sr-only sm:ml-1">Menu</span>
      </button>
      {open && (
        <div
          id="narrow-menu"
          className="absolute inset-x-0 top-full z-20 flex max-h-[80vh] flex-col overflow-y-auto bg-slate-900 py-3 text-slate-300 shadow-lg lg:hidden"
        >
          {children}
        </div>
      )}
    </>
  );
}
