// `zk tls list|renew|ca|namespaces --org <slug> ...`: the org's certificates from the store,
// "renew now" (then one TLS pass under the reconciler lease to deliver them, unless the app's
// loop holds it and delivers them itself), the CA certificate as PEM, and the namespaces of a
// cluster that receive the Secrets. Returns the exit code.
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import { TLS_KEY_ALGORITHMS, type TlsKeyAlgorithm } from '@/db/schema/enums';
import type { Actor } from '../auth/actor';
import { getVaultKv } from '../cloud/vault';
import { getConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { releaseLease, tryAcquireLease, whileHoldingLease } from '../provisioning/leader-lease';
import { RECONCILER_LEASE, replicaId } from '../provisioning/reconciler-loop';
import { ensureOrgAuthority, findOrgAuthority } from '../tls/ensure-org-authority';
import { listCertificates, readCaCertificate } from '../tls/list-certificates';
import { reconcileTls } from '../tls/reconcile-tls';
import { renewCertificates } from '../tls/renew-certificates';
import { parseTlsNamespaces, setTlsNamespaces } from '../tls/set-tls-namespaces';

export const TLS_USAGE = `tls list --org <slug> [--json]      the org's CA and certificates: names, not-after, days left,
                                      delivery per cluster and namespace
  tls renew --org <slug> [--cluster <name>]
                                      issue new certificates now (the zone's and every cluster's,
                                      or one cluster's) and deliver them in place of the old ones
  tls ca --org <slug> [--key-algorithm ecdsa-p256|rsa-2048]
                                      print the org's CA certificate (PEM); with --key-algorithm
                                      make the CA with that key type if it has none yet
  tls namespaces --org <slug> --cluster <name> --namespaces <a,b>
                                      the cluster's namespaces that receive the TLS Secrets`;

export interface TlsCommandOptions {
  org?: string;
  cluster?: string;
  json?: boolean;
  namespaces?: string;
  'key-algorithm'?: string;
}

export async function tlsCommand(
  ctx: { store: Store; actor: Actor; org: () => Promise<Organization> },
  subcommand: string | undefined,
  options: TlsCommandOptions,
): Promise<number> {
  const problem = (message: string) => {
    console.error(message);
    return 2;
  };
  if (!['list', 'renew', 'ca', 'namespaces'].includes(subcommand ?? '')) {
    return problem('Did you mean "tls list", "tls renew", "tls ca" or "tls namespaces"?');
  }
  if (!options.org) return problem(`tls ${subcommand} needs --org <slug>.`);
  const org = await ctx.org();
  switch (subcommand) {
    case 'list':
      printCertificates(org, await listCertificates(ctx.store, org), options.json ?? false);
      return 0;
    case 'ca':
      return caCommand(ctx, org, options['key-algorithm']);
    case 'namespaces': {
      if (!options.cluster || options.namespaces === undefined)
        return problem('tls namespaces needs --cluster <name> and --namespaces <a,b>.');
      const set = await setTlsNamespaces(
        { store: ctx.store, actor: ctx.actor, org },
        { cluster: options.cluster, namespaces: parseTlsNamespaces(options.namespaces) },
      );
      console.log(
        `${options.cluster} receives the TLS Secrets in ${set.join(', ')}; the reconciler delivers them (and removes them elsewhere).`,
      );
      return 0;
    }
    default:
      return renewCommand(ctx, org, options.cluster);
  }
}

function tlsContext(ctx: { store: Store; actor: Actor }) {
  const config = getConfig();
  return {
    store: ctx.store,
    actor: ctx.actor,
    vault: getVaultKv(),
    baseDomain: config.ZK_BASE_DOMAIN,
    kubeTimeoutMs: config.ZK_KUBE_TIMEOUT_MS,
  };
}

async function caCommand(
  ctx: { store: Store; actor: Actor },
  org: Organization,
  keyAlgorithm: string | undefined,
): Promise<number> {
  if (keyAlgorithm !== undefined) {
    if (!(TLS_KEY_ALGORITHMS as readonly string[]).includes(keyAlgorithm)) {
      throw new DomainError(
        'invalid_input',
        `--key-algorithm is ${TLS_KEY_ALGORITHMS.join(' or ')}, not "${keyAlgorithm}".`,
      );
    }
    const existing = await findOrgAuthority(ctx.store, org);
    if (existing && existing.keyAlgorithm !== keyAlgorithm) {
      throw new DomainError(
        'conflict',
        `${org.slug}'s CA is ${existing.keyAlgorithm} already; a CA's key type is chosen once, when it is made.`,
      );
    }
    if (!existing)
      await ensureOrgAuthority(tlsContext(ctx), org, {
        now: new Date(),
        keyAlgorithm: keyAlgorithm as TlsKeyAlgorithm,
      });
  }
  const pem = await readCaCertificate(ctx.store, org);
  if (!pem) {
    throw new DomainError(
      'not_found',
      `${org.slug} has no CA yet: the reconciler makes it once the organization is ready.`,
    );
  }
  process.stdout.write(pem);
  return 0;
}

async function renewCommand(
  ctx: { store: Store; actor: Actor },
  org: Organization,
  cluster: string | undefined,
): Promise<number> {
  const tls = tlsContext(ctx);
  const renewed = await renewCertificates(tls, org, { cluster });
  for (const r of renewed)
    console.log(
      `${r.target}: issued ${r.serial} (until ${r.notAfter.toISOString()})${r.replaces ? `, replacing ${r.replaces}` : ''}`,
    );
  const me = replicaId();
  const ttl = getConfig().ZK_LEASE_TTL_MS;
  if (!(await tryAcquireLease(ctx.store, RECONCILER_LEASE, me, ttl))) {
    console.log(
      'The reconciler of a running replica holds the lease; its next pass delivers them.',
    );
    return 0;
  }
  try {
    const reports = await whileHoldingLease(ctx.store, RECONCILER_LEASE, me, ttl, (lease) =>
      reconcileTls(ctx.store, () => tls, { lease, slugs: [org.slug] }),
    );
    const failed = reports.flatMap((r) =>
      r.outcomes
        .filter((o) => !o.ok)
        .map((o) => `${r.cluster}/${o.namespace}/${o.secretName}: ${o.explanation}`),
    );
    for (const r of reports)
      for (const o of r.outcomes.filter((o) => o.ok))
        console.log(`delivered ${r.cluster}/${o.namespace}/${o.secretName}`);
    for (const line of failed) console.error(`not delivered ${line}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await releaseLease(ctx.store, RECONCILER_LEASE, me);
  }
}

function printCertificates(
  org: Organization,
  view: Awaited<ReturnType<typeof listCertificates>>,
  json: boolean,
): void {
  if (json) {
    console.log(JSON.stringify(view));
    return;
  }
  if (!view.authority) {
    console.log(
      `${org.slug} has no CA yet: the reconciler makes it once the organization is ready.`,
    );
    return;
  }
  const ca = view.authority;
  console.log(
    `CA ${ca.subject} (${ca.keyAlgorithm}, serial ${ca.serial}, until ${ca.notAfter.toISOString()}, ${ca.daysLeft} days left)`,
  );
  for (const c of view.certificates) {
    const warning = c.expiresSoon ? ' WARNING: expires in under 14 days' : '';
    console.log(
      `${c.scope === 'org' ? 'zone' : 'cluster'} ${c.target} ${c.state} ${c.dnsNames.join(' ')} serial ${c.serial} until ${c.notAfter.toISOString()} (${c.daysLeft} days left)${warning}`,
    );
    for (const d of c.deliveries) {
      const held = d.serialHeld && d.serialHeld !== c.serial ? ` (holds ${d.serialHeld})` : '';
      const when = d.deliveredAt ? ` since ${d.deliveredAt.toISOString()}` : '';
      console.log(`  ${d.cluster}/${d.namespace}/${d.secretName}: ${d.state}${held}${when}`);
      if (d.lastError) console.log(`    ${d.lastError}`);
    }
  }
}
