import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Layers point inward (docs/design.md, "Layers"): app pages -> actions -> server domain ->
// server/cloud adapters, with db/ and sandbox/ beside them. Each layer lists what it must not
// import; scripts/, test/ and bench/ wire the layers together and may import any of them. An
// import is matched as written, through the `@/` alias or a relative path.
const from = (dir) => `^(@/|(\\.\\./)+|\\./)${dir}(/|$)`;
const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const forbid = (dirs, message, options = {}) => ({
  regex: dirs.map((dir) => `(${from(dir)})`).join('|'),
  message,
  ...options,
});

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-e2e/**',
      '.next-bench/**',
      'data/**',
      'db/migrations/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // Components render what the server hands them. They may name the domain's result types
  // (`import type`, erased at build) and share the pure naming rule the create form previews and
  // the input limits the forms enforce before the server does (constants, no I/O);
  // storage, configuration and adapters stay on the server.
  layer(
    ['components/**'],
    [
      forbid(['db'], 'components/ never import db/: take the types the server/ domain returns.'),
      forbid(
        ['server(?!/orgs/org-slug$|/orgs/slug-limits$|/memberships/invitation-limits$)'],
        'components/ import only types from server/ (`import type`); call the work through a server action in app/.',
        { allowTypeImports: true },
      ),
      forbid(['sandbox'], 'components/ never import sandbox/.'),
    ],
  ),
  // Pages and actions go through server/ domain code; only the store handle's and rows' types
  // cross over, because the action wrapper passes the store to the domain verbs.
  layer(
    ['app/**', 'auth.ts', 'proxy.ts', 'instrumentation.ts'],
    [
      forbid(
        ['server/cloud'],
        'app/ never calls an adapter: add a server/<domain>/ verb that does.',
      ),
      forbid(['db'], 'app/ reads and writes through server/ domain verbs, not db/ directly.', {
        allowTypeImports: true,
      }),
      {
        group: ['drizzle-orm', 'drizzle-orm/*'],
        message: 'app/ runs no queries: add a server/<domain>/ verb that does.',
      },
      forbid(['sandbox'], 'app/ never imports sandbox/: the server talks to it over HTTP.'),
    ],
  ),
  // The server is the same under Next.js, the CLI, the reconciler and the tests, so it knows
  // nothing of Next.js (the action adapters live in app/) and nothing of the sandbox, which it
  // reaches only over HTTP like the real AWS and Vault.
  layer(
    ['server/**'],
    [
      {
        group: ['next', 'next/*', 'next-auth', 'next-auth/*'],
        message: 'server/ imports nothing from Next.js: put the adapter in app/.',
      },
      forbid(['app', 'components'], 'server/ never imports app/ or components/.'),
      forbid(['sandbox'], 'server/ never imports sandbox/: it reaches the sandbox over HTTP.'),
    ],
  ),
  // The sandbox stands in for AWS, Vault and an IdP: it knows nothing of Zonekeeper.
  layer(
    ['sandbox/**'],
    [
      forbid(
        ['server', 'db', 'app', 'components'],
        'sandbox/ stands in for AWS and Vault and never imports Zonekeeper code.',
      ),
    ],
  ),
  // The innermost layer: schema and store factory.
  layer(
    ['db/**'],
    [forbid(['server', 'app', 'components', 'sandbox'], 'db/ imports only its own schema.')],
  ),
];

export default config;
