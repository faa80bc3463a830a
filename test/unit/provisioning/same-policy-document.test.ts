// The policy step moves a policy to a new version only when its document means something else.
import { describe, expect, it } from 'vitest';
import { zonePolicyDocument } from '@/server/provisioning/org-resource-names';
import { samePolicyDocument } from '@/server/provisioning/same-policy-document';

const expected = zonePolicyDocument('Z0123456789ABC');
const statements = () =>
  (JSON.parse(expected) as { Statement: Record<string, unknown>[] }).Statement;

describe('samePolicyDocument', () => {
  it.each([
    ['itself', expected],
    ['pretty-printed', JSON.stringify(JSON.parse(expected), null, 2)],
    ['keys in another order', JSON.stringify({ Statement: statements(), Version: '2012-10-17' })],
    [
      'statements in another order',
      JSON.stringify({ Version: '2012-10-17', Statement: [...statements()].reverse() }),
    ],
    [
      'single values instead of one-element lists',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: statements().map((s) => ({
          ...s,
          Resource:
            (s.Resource as string[]).length === 1 ? (s.Resource as string[])[0] : s.Resource,
          Action: (s.Action as string[]).length === 1 ? (s.Action as string[])[0] : s.Action,
        })),
      }),
    ],
    [
      'actions reordered and in other case',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: statements().map((s) => ({
          ...s,
          Action: [...(s.Action as string[])].reverse().map((a) => a.toUpperCase()),
        })),
      }),
    ],
  ])('treats the expected document as the same when %s', (_case, document) => {
    expect(samePolicyDocument(document, expected)).toBe(true);
    expect(samePolicyDocument(expected, document)).toBe(true);
  });

  it.each([
    ['another zone', zonePolicyDocument('ZOTHERZONE0001')],
    [
      'a statement missing',
      JSON.stringify({ Version: '2012-10-17', Statement: statements().slice(1) }),
    ],
    [
      'an extra action',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: statements().map((s, i) =>
          i === 0 ? { ...s, Action: [...(s.Action as string[]), 'route53:DeleteHostedZone'] } : s,
        ),
      }),
    ],
    [
      'Deny instead of Allow',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: statements().map((s) => ({ ...s, Effect: 'Deny' })),
      }),
    ],
    ['another policy language version', expected.replace('2012-10-17', '2008-10-17')],
    [
      'a resource in other case',
      expected.replace('hostedzone/Z0123456789ABC', 'hostedzone/z0123456789abc'),
    ],
    ['not JSON', '{"Version": "2012-10-17", "Statement": ['],
    ['a JSON list', '[]'],
  ])('tells a document with %s apart', (_case, document) => {
    expect(samePolicyDocument(document, expected)).toBe(false);
    expect(samePolicyDocument(expected, document)).toBe(false);
  });
});
