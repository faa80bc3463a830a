// The operator CLI: `npm run zk -- <command>`. Output is for people unless --json; exit codes are
// for scripts: 0 done, 1 some organization failed or is not converged, 2 bad usage, 3 not found,
// 4 another replica holds the reconciler lease (or took it over mid-pass).
import { parseArgs } from 'node:util';
import os from 'node:os';
import { eq, ne } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { endSessionsOfPerson } from '../auth/end-sessions-of-person';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { createOrganization } from '../orgs/create-organization';
import { requestOrganizationDeletion } from '../orgs/delete-organization';
import { organizationStatus } from '../provisioning/org-status';
import { planOrganization } from '../provisioning/plan-organization';
import { createProvisioningContext } from '../provisioning/provisioning-context';
import { getStore } from '../store';
import { costCommand } from './cost-command';
import { GC_USAGE, gcCommand } from './gc-commands';
import { clustersCommand } from './clusters-command';
import { externalDnsManifestCommand } from './externaldns-manifest-command';
import { printStatus } from './print-status';
import { deleteOrphansCommand, hostnamesCommand, recordsSyncCommand } from './records-commands';
import { recordsScheduleCommand } from './records-schedule-command';
import { reconcileUnderLease } from './reconcile-under-lease';
import { printRetirements } from './print-retirements';
import { forceRetireCommand, rotateKeyCommand } from './rotate-key-command';
import { runReconcilerUntilSignalled } from './run-reconciler';
import { TLS_USAGE, tlsCommand } from './tls-commands';

export const EXIT = { ok: 0, notConverged: 1, usage: 2, notFound: 3, leaseHeld: 4 } as const;

const USAGE = `Usage: npm run zk -- <command> [options]
  plan [--org <slug>]                 dry run: what each org lacks and what would be done
  create-org --slug <slug> --name <display name>
                                      record a new organization (the reconciler provisions it)
  reconcile [--org <slug>]            bring orgs to their desired state now, once
  run                                 run the reconciler loop (lease-elected, one leader among
                                      replicas) until SIGTERM/SIGINT; exits 0 when stopped
  status [--org <slug>] [--json]      provisioning state from the database
  rotate-key --org <slug> [--no-wait] make a new key, store it in Vault, wait until STS accepts
                                      it, then delete the old one; returns when that is done
                                      (exit 0) or failed (exit 1). --no-wait only asks for it:
                                      the reconciler loop (or "reconcile --org") does the work.
                                      The old key is deleted once every connected cluster holds
                                      the new one; an unreachable cluster holds it (exit 1, named)
  rotate-key --org <slug> --force-retire [--yes]
                                      delete the old key now (platform operators): prints the
                                      clusters still on it, which break; acts only with --yes
  delete-org --org <slug> --yes       tear the org's zone and identity down
  records sync [--org <slug>]         list every live zone (or the org's) from Route 53 into the
                                      store now, with each record's ExternalDNS owner
  records schedule                    how often the reconciler syncs every zone, and why
  records delete-orphans --org <slug> [--yes]
                                      the org's orphan records and their TXT registry records:
                                      listed; with --yes deleted from Route 53 (audited)
  hostnames --org <slug> [--cluster <name>] [--status owned|stale|orphan|conflict|unmanaged]
            [--json]                  the org's records as last synced (--json: one object a line)
  end-sessions --email <address>      sign a person out everywhere, at once
  cost [--org <slug>] [--at <ISO time>] [--json]
                                      what each zone costs: free window, this month, next charge
                                      (--at: as if it were then, read-only)
  ${GC_USAGE}

  clusters list --org <slug> [--json] the org's clusters (--json: one object a line)
  clusters register --org <slug> --name <name> [--kubeconfig <file>] [--policy sync|upsert-only]
            [--txt-prefix <p> | --txt-suffix <s>]
                                      check the kubeconfig against the cluster, keep it in Vault;
                                      without --kubeconfig the cluster is manual. Prints the
                                      cluster's status token once
  clusters delete --org <slug> --name <name> --yes
                                      mark the cluster deleted; its UID is never reused
  externaldns manifest --org <slug> --cluster <name> [--with-secret]
                                      the cluster's ExternalDNS manifest; --with-secret adds the
                                      Secret with the org's AWS key (audited)

  ${TLS_USAGE}`;

const CLI_ACTOR: Actor = { type: 'cli', label: `cli:${os.userInfo().username}` };

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
      yes: { type: 'boolean' },
      email: { type: 'string' },
      help: { type: 'boolean' },
      'no-wait': { type: 'boolean' },
      'force-retire': { type: 'boolean' },
      cluster: { type: 'string' },
      status: { type: 'string' },
      at: { type: 'string' },
      kubeconfig: { type: 'string' },
      policy: { type: 'string' },
      'txt-prefix': { type: 'string' },
      'txt-suffix': { type: 'string' },
      'with-secret': { type: 'boolean' },
      namespaces: { type: 'string' },
      'key-algorithm': { type: 'string' },
    },
  });
  const [command] = positionals;
  if (values.help) return usage(EXIT.ok);
  if (!command) return usage(EXIT.usage);
  const store = await getStore();
  const orgs = async () => {
    const t = store.t.organizations;
    const rows = await store.db
      .select()
      .from(t)
      .where(values.org ? eq(t.slug, values.org) : ne(t.status, 'deleted'));
    if (values.org && rows.length === 0)
      throw new DomainError('not_found', `No organization has the slug "${values.org}".`);
    return rows.sort((a, b) => a.slug.localeCompare(b.slug));
  };
  switch (command) {
    case 'plan': {
      const ctx = createProvisioningContext(store, CLI_ACTOR);
      for (const org of await orgs()) {
        const actions = await planOrganization(ctx, org);
        console.log(`${org.slug} (${org.status}, desired ${org.desiredState})`);
        for (const action of actions.length > 0 ? actions : ['nothing to do'])
          console.log(`  - ${action}`);
      }
      return EXIT.ok;
    }
    case 'reconcile': {
      const slugs = values.org ? (await orgs()).map((o) => o.slug) : undefined;
      const ttl = getConfig().ZK_LEASE_TTL_MS;
      // Wait out a lease left by a replica that died; a live one keeps renewing it.
      const pass = await reconcileUnderLease(store, CLI_ACTOR, {
        slugs,
        leaseTtlMs: ttl,
        leaseWaitMs: ttl + 2_000,
      });
      if (!pass.ran) {
        console.error(
          pass.reason === 'lease-held'
            ? 'Another Zonekeeper replica is reconciling (it holds the lease); its loop will do this work.'
            : `Stopped: the reconciler lease was lost (${pass.detail}); run it again.`,
        );
        return EXIT.leaseHeld;
      }
      const { results } = pass.report;
      for (const r of results)
        console.log(`${r.slug}: ${r.outcome}${r.error ? ` — ${r.error}` : ''}`);
      for (const r of pass.removals)
        console.log(`${r.org}/${r.cluster}: removal ${r.state}${r.error ? ` — ${r.error}` : ''}`);
      printRetirements(pass.retirements);
      if (results.length === 0 && pass.removals.length === 0 && pass.retirements.length === 0)
        console.log('Nothing to do: every organization is in its desired state.');
      const held = pass.retirements.some((r) => r.retired === null);
      const failed =
        results.some((r) => r.outcome === 'failed') || pass.removals.some((r) => r.error);
      return held || failed ? EXIT.notConverged : EXIT.ok;
    }
    case 'create-org': {
      if (!values.slug || !values.name)
        return usage(EXIT.usage, 'create-org needs --slug <slug> and --name <display name>.');
      const org = await createOrganization(
        { store, actor: CLI_ACTOR, baseDomain: getConfig().ZK_BASE_DOMAIN },
        { slug: values.slug, displayName: values.name },
      );
      console.log(
        `Created ${org.slug} ("${org.displayName}"); its zone and identity come with the next reconcile.`,
      );
      return EXIT.ok;
    }
    case 'run':
      await runReconcilerUntilSignalled();
      return EXIT.ok;
    case 'status': {
      const statuses = await Promise.all(
        (await orgs()).map((org) => organizationStatus(store, org)),
      );
      if (values.json) console.log(JSON.stringify(statuses, null, 2));
      else printStatus(statuses);
      const converged = statuses.every(
        (s) => s.status === (s.desiredState === 'present' ? 'ready' : 'deleted'),
      );
      return converged ? EXIT.ok : EXIT.notConverged;
    }
    case 'rotate-key': {
      if (!values.org) return usage(EXIT.usage, 'rotate-key needs --org <slug>.');
      const [org] = await orgs();
      if (values['force-retire'])
        return forceRetireCommand({ store, actor: CLI_ACTOR }, org!, { yes: values.yes ?? false });
      return rotateKeyCommand({ store, actor: CLI_ACTOR }, org!, {
        noWait: values['no-wait'] ?? false,
      });
    }
    case 'delete-org': {
      if (!values.org) return usage(EXIT.usage, 'delete-org needs --org <slug>.');
      if (!values.yes)
        return usage(
          EXIT.usage,
          'delete-org removes a zone and its identity: add --yes to confirm.',
        );
      const org = await requestOrganizationDeletion(
        { store, actor: CLI_ACTOR },
        { slug: values.org, confirm: values.org },
      );
      console.log(
        `Deletion of ${org.slug} requested; the reconciler removes its delegation, zone and identity.`,
      );
      return EXIT.ok;
    }
    case 'records': {
      if (positionals[1] === 'schedule') {
        await recordsScheduleCommand(store);
        return EXIT.ok;
      }
      if (positionals[1] === 'delete-orphans') {
        if (!values.org) return usage(EXIT.usage, 'records delete-orphans needs --org <slug>.');
        const [org] = await orgs();
        await deleteOrphansCommand({ store, actor: CLI_ACTOR }, org!, { yes: values.yes });
        return EXIT.ok;
      }
      if (positionals[1] !== 'sync') return usage(EXIT.usage, 'Did you mean "records sync"?');
      return (await recordsSyncCommand(store, await orgs())) ? EXIT.ok : EXIT.notConverged;
    }
    case 'hostnames': {
      if (!values.org) return usage(EXIT.usage, 'hostnames needs --org <slug>.');
      const [org] = await orgs();
      await hostnamesCommand(store, org!, values);
      return EXIT.ok;
    }
    case 'end-sessions': {
      if (!values.email) return usage(EXIT.usage, 'end-sessions needs --email <address>.');
      const ended = await endSessionsOfPerson(store, CLI_ACTOR, values.email);
      console.log(
        `Ended ${ended.sessions} session(s) of ${values.email.trim()} (${ended.users} identit${ended.users === 1 ? 'y' : 'ies'}); every open tab of theirs is signed out now.`,
      );
      return EXIT.ok;
    }
    case 'cost':
      await costCommand(store, values);
      return EXIT.ok;
    case 'gc':
      return gcCommand(store, CLI_ACTOR, positionals[1], values);
    case 'clusters':
      return clustersCommand(
        { store, actor: CLI_ACTOR, org: async () => (await orgs())[0]! },
        positionals[1],
        values,
      );
    case 'externaldns': {
      if (positionals[1] !== 'manifest' || !values.org || !values.cluster)
        return usage(EXIT.usage, 'Use "externaldns manifest --org <slug> --cluster <name>".');
      const [org] = await orgs();
      const withSecret = values['with-secret'] ?? false;
      await externalDnsManifestCommand({ store, actor: CLI_ACTOR }, org!, {
        cluster: values.cluster,
        withSecret,
      });
      return EXIT.ok;
    }
    case 'tls':
      return tlsCommand(
        { store, actor: CLI_ACTOR, org: async () => (await orgs())[0]! },
        positionals[1],
        values,
      );
    default:
      return usage(EXIT.usage, `Unknown command "${command}".`);
  }
}

function usage(code: number, problem?: string): number {
  if (problem) console.error(problem);
  (code === 0 ? console.log : console.error)(USAGE);
  return code;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof DomainError) {
      // Field messages say what to fix; the summary ("Check the highlighted fields.") is for forms.
      const problems = Object.entries(error.fields ?? {}).flatMap(([field, messages]) =>
        messages.map((message) => `${field}: ${message}`),
      );
      console.error(problems.length > 0 ? problems.join('\n') : error.message);
      process.exit(
        error.code === 'not_found'
          ? EXIT.notFound
          : error.code === 'invalid_input'
            ? EXIT.usage
            : EXIT.notConverged,
      );
    }
    if (
      error instanceof TypeError &&
      /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(
        String((error as { code?: string }).code ?? error.message),
      )
    ) {
      console.error(error.message);
      process.exit(EXIT.usage);
    }
    console.error('zk failed:', error instanceof Error ? error.message : error);
    process.exit(EXIT.notConverged);
  });
