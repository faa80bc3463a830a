import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { roleLabel } from '@/components/layout/role-label';
import { roleInOrg } from '@/server/auth/caller';
import { getConfig } from '@/server/config/config';
import { listOrganizations } from '@/server/orgs/list-organizations';
import { getStore } from '@/server/store';
import { getCaller } from './_lib/get-caller';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Zonekeeper', template: '%s · Zonekeeper' },
  description: 'Route 53 zones, scoped credentials and ExternalDNS for every organization',
  // Both from public/: browsers that take SVG icons use the first; others ask for /favicon.ico.
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
    ],
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  const caller = await getCaller();
  // The header names the person's role for everyone: the orgs they belong to, by slug.
  const memberOf =
    caller && !caller.isPlatformOperator
      ? (await listOrganizations(await getStore(), caller)).flatMap((org) => {
          const role = roleInOrg(caller, org.id);
          return role && role !== 'platform-operator' ? [{ slug: org.slug, role }] : [];
        })
      : [];
  return (
    <html lang="en">
      <body>
        <AppShell
          environmentLabel={config.ZK_ENVIRONMENT_LABEL}
          baseDomain={config.ZK_BASE_DOMAIN}
          operator={caller?.isPlatformOperator ?? false}
          person={
            caller
              ? {
                  name: caller.name,
                  email: caller.email,
                  roleLabel: roleLabel({
                    isPlatformOperator: caller.isPlatformOperator,
                    memberships: memberOf,
                  }),
                }
              : undefined
          }
        >
          {children}
        </AppShell>
      </body>
    </html>
  );
}
