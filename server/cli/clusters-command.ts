// `zk clusters list|register|delete --org <slug> ...`: checks the options each needs, then runs
// it. Returns the exit code (2 for bad usage, with a message saying what is missing).
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '../auth/actor';
import { clustersDeleteCommand } from './clusters-delete-command';
import { clustersListCommand } from './clusters-list-command';
import { clustersRegisterCommand, type ClustersRegisterOptions } from './clusters-register-command';

export async function clustersCommand(
  ctx: { store: Store; actor: Actor; org: () => Promise<Organization> },
  subcommand: string | undefined,
  options: ClustersRegisterOptions & { org?: string; json?: boolean; yes?: boolean },
): Promise<number> {
  const problem = (message: string) => {
    console.error(message);
    return 2;
  };
  if (!['list', 'register', 'delete'].includes(subcommand ?? '')) {
    return problem('Did you mean "clusters list", "clusters register" or "clusters delete"?');
  }
  if (!options.org) return problem(`clusters ${subcommand} needs --org <slug>.`);
  if (subcommand === 'list') {
    await clustersListCommand(ctx.store, await ctx.org(), options);
    return 0;
  }
  if (!options.name) return problem(`clusters ${subcommand} needs --name <cluster name>.`);
  if (subcommand === 'register') {
    await clustersRegisterCommand(ctx, await ctx.org(), options);
    return 0;
  }
  if (!options.yes) {
    return problem(
      `clusters delete marks ${options.name} deleted for good (its UID is never reused): add --yes to confirm.`,
    );
  }
  await clustersDeleteCommand(ctx, await ctx.org(), options.name);
  return 0;
}
