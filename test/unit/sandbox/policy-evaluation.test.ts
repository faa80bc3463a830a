import { describe, expect, it } from 'vitest';
import {
  evaluatePolicies,
  matchesWildcard,
  parsePolicyDocument,
  type PolicyStatement,
} from '@/sandbox/iam/policy-evaluation';

function statementsOf(document: unknown): PolicyStatement[] {
  const parsed = parsePolicyDocument(JSON.stringify(document));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.statements;
}

/** The per-org policy of docs/design.md ("Provisioning an organization", step 3). */
const ZONE_ID = 'Z0123456789ABCDEFGHIJ';
const ORG_POLICY = statementsOf({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'route53:ChangeResourceRecordSets',
        'route53:ListResourceRecordSets',
        'route53:GetHostedZone',
        'route53:ListTagsForResources',
      ],
      Resource: `arn:aws:route53:::hostedzone/${ZONE_ID}`,
    },
    {
      Effect: 'Allow',
      Action: ['route53:ListHostedZones', 'route53:ListHostedZonesByName'],
      Resource: '*',
    },
    { Effect: 'Allow', Action: 'route53:GetChange', Resource: 'arn:aws:route53:::change/*' },
  ],
});

describe('the per-org Route 53 policy', () => {
  it.each([
    ['route53:ChangeResourceRecordSets', `arn:aws:route53:::hostedzone/${ZONE_ID}`, true],
    ['route53:ListResourceRecordSets', `arn:aws:route53:::hostedzone/${ZONE_ID}`, true],
    ['route53:GetHostedZone', `arn:aws:route53:::hostedzone/${ZONE_ID}`, true],
    ['route53:ListTagsForResources', `arn:aws:route53:::hostedzone/${ZONE_ID}`, true],
    ['route53:ChangeResourceRecordSets', 'arn:aws:route53:::hostedzone/ZOTHERZONE000000000', false],
    ['route53:GetHostedZone', 'arn:aws:route53:::hostedzone/ZOTHERZONE000000000', false],
    ['route53:ListHostedZones', '*', true],
    ['route53:ListHostedZonesByName', '*', true],
    ['route53:GetChange', 'arn:aws:route53:::change/C0123456789', true],
    ['route53:DeleteHostedZone', `arn:aws:route53:::hostedzone/${ZONE_ID}`, false],
    ['route53:CreateHostedZone', '*', false],
    ['iam:CreateAccessKey', '*', false],
    // Action names are case-insensitive in IAM.
    ['Route53:getHostedZone', `arn:aws:route53:::hostedzone/${ZONE_ID}`, true],
  ])('%s on %s → %s', (action, resource, allowed) => {
    expect(evaluatePolicies(ORG_POLICY, action, resource)).toBe(allowed);
  });

  it('denies everything when no policy is attached', () => {
    expect(evaluatePolicies([], 'route53:ListHostedZones', '*')).toBe(false);
  });
});

describe('policy evaluation', () => {
  it('lets an explicit Deny win over any Allow', () => {
    const statements = statementsOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'route53:*', Resource: '*' },
        { Effect: 'Deny', Action: 'route53:Delete*', Resource: '*' },
      ],
    });
    expect(evaluatePolicies(statements, 'route53:GetHostedZone', 'arn:x')).toBe(true);
    expect(evaluatePolicies(statements, 'route53:DeleteHostedZone', 'arn:x')).toBe(false);
  });

  it('supports NotAction and NotResource', () => {
    const statements = statementsOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:route53:::hostedzone/Z9' },
      ],
    });
    expect(
      evaluatePolicies(statements, 'route53:GetHostedZone', 'arn:aws:route53:::hostedzone/Z1'),
    ).toBe(true);
    expect(
      evaluatePolicies(statements, 'route53:GetHostedZone', 'arn:aws:route53:::hostedzone/Z9'),
    ).toBe(false);
    expect(evaluatePolicies(statements, 'iam:GetUser', '*')).toBe(false);
  });

  it('fails closed on Condition blocks, which the sandbox does not evaluate', () => {
    const statements = statementsOf({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
      ],
    });
    expect(evaluatePolicies(statements, 'route53:GetHostedZone', '*')).toBe(false);
    const denying = statementsOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'route53:*',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });
    expect(evaluatePolicies(denying, 'route53:GetHostedZone', '*')).toBe(false);
    expect(evaluatePolicies(denying, 'iam:GetUser', '*')).toBe(true);
  });

  it('accepts a single Statement object instead of a list', () => {
    const statements = statementsOf({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'route53:GetChange', Resource: '*' },
    });
    expect(evaluatePolicies(statements, 'route53:GetChange', 'arn:aws:route53:::change/C1')).toBe(
      true,
    );
  });
});

describe('matchesWildcard', () => {
  it.each([
    ['route53:*', 'route53:GetHostedZone', true, true],
    ['route53:Get?ostedZone', 'route53:GetHostedZone', true, true],
    ['route53:Get?', 'route53:GetHostedZone', true, false],
    ['ROUTE53:gethostedzone', 'route53:GetHostedZone', true, true],
    ['arn:aws:route53:::hostedzone/Z1', 'arn:aws:route53:::hostedzone/z1', false, false],
    ['arn:aws:route53:::hostedzone/*', 'arn:aws:route53:::hostedzone/Z1', false, true],
    ['arn:aws:route53:::hostedzone/Z1', 'arn:aws:route53:::hostedzone/Z10', false, false],
    ['arn:aws:s3:::bucket.name', 'arn:aws:s3:::bucketxname', false, false],
    ['*', 'anything at all', false, true],
  ])('%s matches %s (case-insensitive: %s) → %s', (pattern, value, insensitive, expected) => {
    expect(matchesWildcard(pattern, value, insensitive)).toBe(expected);
  });
});

describe('parsePolicyDocument', () => {
  it.each([
    ['invalid JSON', '{"Version":'],
    ['a JSON array', '[]'],
    [
      'no Version',
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    ],
    ['an unknown Version', JSON.stringify({ Version: '2020-01-01', Statement: [] })],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' })],
    ['an empty Statement list', JSON.stringify({ Version: '2012-10-17', Statement: [] })],
    [
      'a bad Effect',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }],
      }),
    ],
    [
      'no Action',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }),
    ],
    [
      'no Resource',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*' }] }),
    ],
    [
      'Action and NotAction',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' }],
      }),
    ],
    [
      'an action without a service',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'GetHostedZone', Resource: '*' }],
      }),
    ],
    [
      'a non-string action',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: [1], Resource: '*' }],
      }),
    ],
  ])('refuses %s', (_case, document) => {
    expect(parsePolicyDocument(document).ok).toBe(false);
  });
});
