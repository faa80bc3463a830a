// IAM policy documents: validation as CreatePolicy does it, and evaluation of identity-based
// policies (explicit Deny wins, then any Allow, otherwise implicitly denied).

export type Effect = 'Allow' | 'Deny';

export interface PolicyStatement {
  effect: Effect;
  /** Exactly one of actions / notActions is set. */
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  hasCondition: boolean;
}

export type PolicyParseResult =
  { ok: true; statements: PolicyStatement[] } | { ok: false; message: string };

const POLICY_VERSIONS = new Set(['2012-10-17', '2008-10-17']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    return value as string[];
  }
  return undefined;
}

function parseStatement(raw: unknown): PolicyStatement | string {
  if (!isRecord(raw)) return 'Statement must be an object';
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    return 'Invalid effect: Effect must be Allow or Deny';
  }
  if ('Action' in raw === 'NotAction' in raw) {
    return 'Policy statement must contain exactly one of Action or NotAction';
  }
  if ('Resource' in raw === 'NotResource' in raw) {
    return 'Policy statement must contain resources.';
  }
  const actions = 'Action' in raw ? stringList(raw.Action) : undefined;
  const notActions = 'NotAction' in raw ? stringList(raw.NotAction) : undefined;
  const resources = 'Resource' in raw ? stringList(raw.Resource) : undefined;
  const notResources = 'NotResource' in raw ? stringList(raw.NotResource) : undefined;
  if (!actions && !notActions) return 'Action must be a string or a non-empty list of strings';
  if (!resources && !notResources)
    return 'Resource must be a string or a non-empty list of strings';
  for (const action of actions ?? notActions ?? []) {
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(action)) {
      return `Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.`;
    }
  }
  return {
    effect: raw.Effect,
    actions,
    notActions,
    resources,
    notResources,
    hasCondition: 'Condition' in raw,
  };
}

/** Validates a policy document the way IAM's CreatePolicy does (MalformedPolicyDocument). */
export function parsePolicyDocument(document: string): PolicyParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return { ok: false, message: 'Syntax errors in policy.' };
  }
  if (!isRecord(parsed)) return { ok: false, message: 'Syntax errors in policy.' };
  if (typeof parsed.Version !== 'string' || !POLICY_VERSIONS.has(parsed.Version)) {
    return { ok: false, message: 'The policy must contain a valid version string' };
  }
  const rawStatements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  if (parsed.Statement === undefined || rawStatements.length === 0) {
    return { ok: false, message: 'Syntax errors in policy.' };
  }
  const statements: PolicyStatement[] = [];
  for (const raw of rawStatements) {
    const statement = parseStatement(raw);
    if (typeof statement === 'string') return { ok: false, message: statement };
    statements.push(statement);
  }
  return { ok: true, statements };
}

/** IAM wildcard match: `*` any run of characters, `?` exactly one. */
export function matchesWildcard(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

function statementApplies(statement: PolicyStatement, action: string, resource: string): boolean {
  const actionMatches = statement.actions
    ? statement.actions.some((pattern) => matchesWildcard(pattern, action, true))
    : !(statement.notActions ?? []).some((pattern) => matchesWildcard(pattern, action, true));
  const resourceMatches = statement.resources
    ? statement.resources.some((pattern) => matchesWildcard(pattern, resource))
    : !(statement.notResources ?? []).some((pattern) => matchesWildcard(pattern, resource));
  return actionMatches && resourceMatches;
}

/**
 * Whether the statements of all the caller's policies allow `action` on `resource`. The sandbox
 * does not evaluate Condition blocks, so it fails closed: a conditional Allow never grants and a
 * conditional Deny always denies.
 */
export function evaluatePolicies(
  statements: readonly PolicyStatement[],
  action: string,
  resource: string,
): boolean {
  const applicable = statements.filter((statement) =>
    statementApplies(statement, action, resource),
  );
  if (applicable.some((statement) => statement.effect === 'Deny')) return false;
  return applicable.some((statement) => statement.effect === 'Allow' && !statement.hasCondition);
}
