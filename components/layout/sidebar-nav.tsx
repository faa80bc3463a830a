'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The sections of the product; later pages join this list. `operatorOnly` sections are shown
// to platform operators only (their pages answer 404 to anyone else anyway).
const SECTIONS: readonly { href: string; label: string; operatorOnly?: boolean }[] = [
  { href: '/orgs', label: 'Organizations' },
  { href: '/hostnames', label: 'Hostnames', operatorOnly: true },
];

export function SidebarNav({ isPlatformOperator = false }: { isPlatformOperator?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 px-3">
      {SECTIONS.filter((section) => isPlatformOperator || !section.operatorOnly).map((section) => {
        const active = pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium transition-colors ${
              active ? 'bg-slate-800 text-white' : 'hover:bg-slate-800/60 hover:text-white'
            }`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
