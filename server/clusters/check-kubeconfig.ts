// Checks a kubeconfig document before anything connects with it: it parses, names one current
// context, and that context has a cluster with a server and a user with credentials that live in
// the document itself. Credentials that would run a program (exec, auth-provider) or read files on
// the Zonekeeper server are refused: a kubeconfig is tenant input, and our disk and processes are
// not the tenant's. Messages name fields and entries, never a value from the document.
import { parseDocument } from 'yaml';

export type KubeconfigCheck =
  { ok: true; server: string; context: string } | { ok: false; problem: string };

interface Named<T> {
  name?: unknown;
  [key: string]: unknown;
  value?: T;
}

const refuse = (problem: string): KubeconfigCheck => ({ ok: false, problem });

export function checkKubeconfig(text: string): KubeconfigCheck {
  if (text.trim().length === 0) {
    return refuse(
      'The kubeconfig is empty. Paste the whole file (kubectl config view --minify --raw).',
    );
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    // The parser's own message quotes the source; only the position is safe to repeat.
    const [line] = document.errors[0]!.linePos ?? [];
    const at = line ? ` at line ${line.line}, column ${line.col}` : '';
    return refuse(
      `The kubeconfig does not parse as YAML${at}. Export it again with "kubectl config view --minify --raw".`,
    );
  }
  const config = document.toJS() as unknown;
  if (!isRecord(config) || (config.kind !== undefined && config.kind !== 'Config')) {
    return refuse(
      'This is not a kubeconfig (expected "kind: Config" with clusters, contexts and users).',
    );
  }
  const currentName = config['current-context'];
  if (typeof currentName !== 'string' || currentName === '') {
    return refuse(
      'The kubeconfig names no current context. Set one with "kubectl config use-context <name>" and export it again.',
    );
  }
  const context = findNamed(config.contexts, currentName, 'context');
  if (!context) {
    return refuse(`The current context "${currentName}" is not among the kubeconfig's contexts.`);
  }
  const clusterName = context.cluster;
  const cluster =
    typeof clusterName === 'string' ? findNamed(config.clusters, clusterName, 'cluster') : null;
  if (!cluster) {
    return refuse(`The context "${currentName}" names no cluster that the kubeconfig defines.`);
  }
  const server = cluster.server;
  if (typeof server !== 'string' || !/^https:\/\/[^\s/]+/.test(server)) {
    return refuse(
      `The cluster "${String(clusterName)}" has no https:// server address. Zonekeeper talks to the API over TLS only.`,
    );
  }
  if (cluster['certificate-authority'] !== undefined) {
    return refuse(
      `The cluster "${String(clusterName)}" points at a CA file; embed it instead (certificate-authority-data, e.g. "kubectl config view --minify --raw --flatten").`,
    );
  }
  const userName = context.user;
  const user = typeof userName === 'string' ? findNamed(config.users, userName, 'user') : null;
  if (!user) {
    return refuse(`The context "${currentName}" names no user that the kubeconfig defines.`);
  }
  const credentialsProblem = explainCredentialsProblem(String(userName), user);
  if (credentialsProblem) return refuse(credentialsProblem);
  return { ok: true, server, context: currentName };
}

function explainCredentialsProblem(userName: string, user: Record<string, unknown>): string | null {
  if (user.exec !== undefined || user['auth-provider'] !== undefined) {
    return `The user "${userName}" gets its credentials by running a program (exec or auth-provider), which Zonekeeper does not do. Use a service account token instead (kubectl create token).`;
  }
  if (
    user.tokenFile !== undefined ||
    user['client-certificate'] !== undefined ||
    user['client-key'] !== undefined
  ) {
    return `The user "${userName}" points at credential files; embed them instead (token, or client-certificate-data and client-key-data, e.g. "kubectl config view --minify --raw --flatten").`;
  }
  if (typeof user.token === 'string' && user.token.length > 0) return null;
  const hasCert = typeof user['client-certificate-data'] === 'string';
  const hasKey = typeof user['client-key-data'] === 'string';
  if (hasCert && hasKey) return null;
  if (hasCert !== hasKey) {
    return `The user "${userName}" has only half a client certificate: it needs both client-certificate-data and client-key-data.`;
  }
  return `The user "${userName}" holds no credentials. Add a token (e.g. from "kubectl create token <service account>") or a client certificate and key.`;
}

function findNamed(list: unknown, name: string, field: string): Record<string, unknown> | null {
  if (!Array.isArray(list)) return null;
  const entry = (list as Named<unknown>[]).find((item) => isRecord(item) && item.name === name);
  const body = entry?.[field];
  return isRecord(body) ? body : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
