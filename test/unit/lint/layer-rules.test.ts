// The layers of docs/design.md ("Layers") as ESLint enforces them: the project's own
// eslint.config.mjs, run on one import at a time as if it stood in a file of each layer.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = [x];\n`, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const blocked: [file: string, source: string][] = [
  ['components/orgs/x.tsx', "import { openStore as x } from '@/db/open-store';"],
  ['components/orgs/x.tsx', "import type { Organization as x } from '@/db/rows';"],
  ['components/orgs/x.tsx', "import { getStore as x } from '@/server/store';"],
  ['components/orgs/x.tsx', "import { getVaultKv as x } from '../../server/cloud/vault';"],
  ['app/orgs/x.ts', "import { getVaultKv as x } from '@/server/cloud/vault';"],
  ['app/orgs/[slug]/x.ts', "import { fqdn as x } from '../../../server/cloud/route53';"],
  ['app/orgs/x.ts', "import { openStore as x } from '@/db/open-store';"],
  ['app/_lib/x.ts', "import { eq as x } from 'drizzle-orm';"],
  ['server/orgs/x.ts', "import { revalidatePath as x } from 'next/cache';"],
  ['server/auth/x.ts', "import x from 'next-auth';"],
  ['server/orgs/x.ts', "import { startSandbox as x } from '@/sandbox/start-sandbox';"],
  ['server/orgs/x.ts', "import { startSandbox as x } from '../../sandbox/start-sandbox';"],
  ['server/orgs/x.ts', "import { orgAction as x } from '@/app/_lib/org-action';"],
  ['sandbox/route53/x.ts', "import { getConfig as x } from '@/server/config/config';"],
  ['sandbox/x.ts', "import { getStore as x } from '../server/store';"],
  ['db/x.ts', "import { getConfig as x } from '../server/config/config';"],
];

const allowed: [file: string, source: string][] = [
  [
    'components/orgs/x.tsx',
    "import type { Organization as x } from '@/server/orgs/list-organizations';",
  ],
  ['components/orgs/x.tsx', "import { slugFromDisplayName as x } from '@/server/orgs/org-slug';"],
  ['components/orgs/x.tsx', "import { MAX_LABEL_LENGTH as x } from '@/server/orgs/slug-limits';"],
  [
    'components/members/x.tsx',
    "import { MAX_EMAIL_LENGTH as x } from '@/server/memberships/invitation-limits';",
  ],
  ['components/orgs/x.tsx', "import { createOrganizationAction as x } from '@/app/orgs/actions';"],
  ['app/_lib/x.ts', "import type { Store as x } from '@/db/open-store';"],
  ['app/orgs/x.ts', "import { getStore as x } from '@/server/store';"],
  ['app/orgs/x.ts', "import { revalidatePath as x } from 'next/cache';"],
  ['server/orgs/x.ts', "import { eq as x } from 'drizzle-orm';"],
  ['server/orgs/x.ts', "import { openStore as x } from '@/db/open-store';"],
  ['scripts/x.ts', "import { startSandbox as x } from '../sandbox/start-sandbox';"],
  ['test/integration/x.test.ts', "import { getStore as x } from '@/server/store';"],
];

describe('layer rules', () => {
  // The first lint loads the whole config and the TypeScript parser: seconds on a busy machine,
  // and no part of what a case asserts.
  beforeAll(
    () => restrictedImports('server/x.ts', "import { eq as x } from 'drizzle-orm';"),
    60_000,
  );

  it.each(blocked)('%s: refuses %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toHaveLength(1);
  });
  it.each(allowed)('%s: allows %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});
