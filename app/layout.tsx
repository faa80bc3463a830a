import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { getConfig } from '@/server/config/config';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Zonekeeper', template: '%s · Zonekeeper' },
  description: 'Route 53 zones, scoped credentials and ExternalDNS for every organization',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell
            environmentLabel={config.ZK_ENVIRONMENT_LABEL}
            baseDomain={config.ZK_BASE_DOMAIN}
          >
            {children}
          </AppShell>
        </Providers>
      </body>
    </html>
  );
}
