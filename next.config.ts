import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The end-to-end suite builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.ZK_NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm run check` type-checks the whole project (tests and sandbox too); the build need not
  // repeat it, and a half-written file elsewhere must not fail a build of the app.
  typescript: { ignoreBuildErrors: true },
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', 'node-vault', 'oidc-provider'],
};

export default nextConfig;
