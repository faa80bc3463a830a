import { describe, expect, it } from 'vitest';
import { explainTlsNamespacesProblem, parseTlsNamespaces } from '@/server/tls/set-tls-namespaces';

describe('the TLS namespaces of a cluster', () => {
  it('parses a comma-separated list without blanks or duplicates', () => {
    expect(parseTlsNamespaces(' default, web,,web ')).toEqual(['default', 'web']);
  });

  it.each([
    [['default'], null],
    [['default', 'web-apps', 'a1'], null],
    [[], 'List at least one namespace, e.g. "default".'],
    [
      ['Web_Apps'],
      '"Web_Apps" is not a namespace name: one DNS label of a–z, 0–9 and hyphens (at most 63, no hyphen at either end), e.g. "web-apps".',
    ],
    [['-web'], expect.stringContaining('"-web" is not a namespace name')],
    [['a'.repeat(64)], expect.stringContaining('is not a namespace name')],
    [
      Array.from({ length: 21 }, (_, i) => `ns${i}`),
      'List at most 20 namespaces; this list has 21.',
    ],
  ])('%j', (namespaces, problem) => {
    expect(explainTlsNamespacesProblem(namespaces)).toEqual(problem);
  });
});
