// The flags of an ExternalDNS Deployment's container that the sandbox ExternalDNS acts on, read
// as ExternalDNS v0.22 reads its command line: `--flag=value` or `--flag value`, list flags
// repeated or comma-separated, and the start-up refusals it makes before any sync.

export type ExternalDnsPolicy = 'sync' | 'upsert-only' | 'create-only';
export type ExternalDnsSource = 'service' | 'ingress';

export interface ExternalDnsSettings {
  ownerId: string;
  policy: ExternalDnsPolicy;
  sources: ExternalDnsSource[];
  /** Lower-case domains without a trailing dot; empty matches every name. */
  domainFilters: string[];
  /** Hosted zone ids without `/hostedzone/`. */
  zoneIdFilters: string[];
  txtPrefix: string;
  txtSuffix: string;
  txtWildcardReplacement: string;
  /** Flags the sandbox reads but does not simulate, reported once in the log. */
  ignoredSources: string[];
}

export type ParsedArgs = { ok: true; settings: ExternalDnsSettings } | { ok: false; error: string };

const LIST_FLAGS = new Set(['source', 'domain-filter', 'zone-id-filter']);
const POLICIES: readonly ExternalDnsPolicy[] = ['sync', 'upsert-only', 'create-only'];

/** `--a=b`, `--a b` and `-a b` into a map of every value each flag was given, in order. */
function flagValues(args: readonly string[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const following = args[index + 1];
    if (!arg.startsWith('-')) continue;
    const body = arg.replace(/^--?/, '');
    const equals = body.indexOf('=');
    let name: string;
    let value: string;
    if (equals >= 0) {
      name = body.slice(0, equals);
      value = body.slice(equals + 1);
    } else if (following !== undefined && !following.startsWith('-')) {
      name = body;
      value = following;
      index += 1;
    } else {
      name = body;
      value = 'true';
    }
    const list = values.get(name) ?? [];
    list.push(...(LIST_FLAGS.has(name) ? value.split(',') : [value]));
    values.set(name, list);
  }
  return values;
}

export function parseExternalDnsArgs(args: readonly string[]): ParsedArgs {
  const flags = flagValues(args);
  const last = (name: string) => flags.get(name)?.at(-1);
  const list = (name: string) =>
    (flags.get(name) ?? []).map((value) => value.trim()).filter(Boolean);

  const provider = last('provider') ?? 'aws';
  if (provider !== 'aws')
    return { ok: false, error: `--provider=${provider}: the sandbox ExternalDNS speaks only aws` };
  const registry = last('registry') ?? 'txt';
  if (registry !== 'txt')
    return { ok: false, error: `--registry=${registry}: the sandbox ExternalDNS keeps only txt` };
  const policy = last('policy');
  if (!policy)
    return { ok: false, error: 'flag --policy is required (sync, upsert-only or create-only)' };
  if (!POLICIES.includes(policy as ExternalDnsPolicy))
    return {
      ok: false,
      error: `--policy=${policy} is not a policy: use sync, upsert-only or create-only`,
    };
  const requested = list('source');
  if (requested.length === 0)
    return { ok: false, error: 'flag --source is required (e.g. --source=service)' };
  // Without it, ExternalDNS v0.22 on AWS publishes a load balancer's hostname as an A/AAAA alias
  // record (and an `a-`/`aaaa-` registry record); the sandbox makes CNAMEs only, so it refuses to
  // start rather than publish something the real one would not.
  const preferCname = last('aws-prefer-cname');
  if (preferCname !== 'true')
    return {
      ok: false,
      error:
        preferCname === undefined
          ? 'flag --aws-prefer-cname is required: the sandbox ExternalDNS publishes load balancer hostnames as CNAME records only (without the flag ExternalDNS v0.22 makes A alias records)'
          : `--aws-prefer-cname=${preferCname}: the sandbox ExternalDNS publishes load balancer hostnames as CNAME records only; pass --aws-prefer-cname`,
    };
  const txtPrefix = last('txt-prefix') ?? '';
  const txtSuffix = last('txt-suffix') ?? '';
  if (txtPrefix && txtSuffix)
    return { ok: false, error: '--txt-prefix and --txt-suffix are mutually exclusive' };
  return {
    ok: true,
    settings: {
      ownerId: last('txt-owner-id') ?? 'default',
      policy: policy as ExternalDnsPolicy,
      sources: requested.filter(
        (source): source is ExternalDnsSource => source === 'service' || source === 'ingress',
      ),
      ignoredSources: requested.filter((source) => source !== 'service' && source !== 'ingress'),
      domainFilters: list('domain-filter').map((domain) => domain.toLowerCase().replace(/\.$/, '')),
      zoneIdFilters: list('zone-id-filter').map((id) => id.replace(/^\/?hostedzone\//, '')),
      txtPrefix,
      txtSuffix,
      txtWildcardReplacement: last('txt-wildcard-replacement') ?? '',
    },
  };
}

/** Whether a name (no trailing dot) passes the domain filters, as ExternalDNS's DomainFilter. */
export function matchesDomainFilter(name: string, domainFilters: readonly string[]): boolean {
  if (domainFilters.length === 0) return true;
  return domainFilters.some((domain) => name === domain || name.endsWith(`.${domain}`));
}
