import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { getConfig } from '@/server/config/config';
import { getCaller } from './_lib/get-caller';
import { Providers } from './providers';
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
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell
            environmentLabel={config.ZK_ENVIRONMENT_LABEL}
            baseDomain={config.ZK_BASE_DOMAIN}
            person={
              caller
                ? {
                    name: caller.name,
                    email: caller.email,
                    isPlatformOperator: caller.isPlatformOperator,
                  }
                : undefined
            }
          >
            {children}
          </AppShell>
        </Providers>
      </body>
    </html>
  );
}
