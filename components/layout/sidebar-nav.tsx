'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The sections of the product; later pages join this list.
const SECTIONS = [{ href: '/orgs', label: 'Organizations' }] as const;
// The platform's own pages, for operators only (the pages answer 404 to anyone else).
const OPERATOR_SECTIONS = [
  { href: '/hostnames', label: 'Hostnames' },
  { href: '/cost', label: 'Cost' },
  { href: '/gc', label: 'Collector' },
] as const;

export function SidebarNav({ operator = false }: { operator?: boolean }) {
  const pathname = usePathname();
  const sections = operator ? [...SECTIONS, ...OPERATOR_SECTIONS] : SECTIONS;
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 px-3">
      {sections.map((section) => {
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
