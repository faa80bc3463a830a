// The kubeconfig's shape, checked before anything connects: one message per problem, never a
// value from the document in it.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkKubeconfig } from '@/server/clusters/check-kubeconfig';

const SECRET = 'tok-0123456789abcdef';

function kubeconfig(
  user: Record<string, unknown> = { token: SECRET },
  cluster: Record<string, unknown> = {
    server: 'https://127.0.0.1:6443',
    'certificate-authority-data': 'Q0E=',
  },
  current = 'ctx',
) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': current,
    clusters: [{ name: 'c', cluster }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    users: [{ name: 'u', user }],
  });
}

describe('checkKubeconfig', () => {
  it('accepts a token or an embedded client certificate and names the server', () => {
    expect(checkKubeconfig(kubeconfig())).toEqual({
      ok: true,
      server: 'https://127.0.0.1:6443',
      context: 'ctx',
    });
    expect(
      checkKubeconfig(kubeconfig({ 'client-certificate-data': 'Yw==', 'client-key-data': 'aw==' }))
        .ok,
    ).toBe(true);
  });

  it.each([
    ['an empty document', '  ', /is empty/],
    [
      'YAML that does not parse',
      `users: [ {token: ${SECRET}`,
      /does not parse as YAML at line \d+/,
    ],
    ['a list instead of a config', '- a\n- b\n', /not a kubeconfig/],
    ['another kind', 'kind: Pod\n', /not a kubeconfig/],
    ['no current context', kubeconfig(undefined, undefined, ''), /no current context/],
    [
      'a current context that is missing',
      kubeconfig(undefined, undefined, 'other'),
      /"other" is not among/,
    ],
    ['no server', kubeconfig(undefined, {}), /no https:\/\/ server/],
    [
      'a plain-http server',
      kubeconfig(undefined, { server: 'http://10.0.0.1' }),
      /no https:\/\/ server/,
    ],
    [
      'a CA file',
      kubeconfig(undefined, { server: 'https://k', 'certificate-authority': '/etc/ca' }),
      /CA file/,
    ],
    ['no credentials', kubeconfig({}), /holds no credentials/],
    ['an exec plugin', kubeconfig({ exec: { command: 'aws' } }), /running a program/],
    ['an auth provider', kubeconfig({ 'auth-provider': { name: 'gcp' } }), /running a program/],
    ['a token file', kubeconfig({ tokenFile: '/var/run/token' }), /credential files/],
    [
      'half a certificate',
      kubeconfig({ 'client-certificate-data': 'Yw==' }),
      /half a client certificate/,
    ],
  ])('refuses %s with its own message', (_, text, says) => {
    const result = checkKubeconfig(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatch(says);
    expect(result.problem).not.toContain(SECRET);
  });
});
