// The org's IAM policy is exactly the three statements of docs/design.md ("Provisioning an
// organization", step 3), scoped to its one zone.
import { describe, expect, it } from 'vitest';
import { zonePolicyDocument } from '@/server/provisioning/org-resource-names';

describe('zonePolicyDocument', () => {
  it('allows changes and reads of this zone only, the two list calls, and GetChange', () => {
    expect(JSON.parse(zonePolicyDocument('Z0123456789ABC'))).toEqual({
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
          Resource: ['arn:aws:route53:::hostedzone/Z0123456789ABC'],
        },
        {
          Effect: 'Allow',
          Action: ['route53:ListHostedZones', 'route53:ListHostedZonesByName'],
          Resource: ['*'],
        },
        {
          Effect: 'Allow',
          Action: ['route53:GetChange'],
          Resource: ['arn:aws:route53:::change/*'],
        },
      ],
    });
  });

  it('names no other zone and grants no wildcard action', () => {
    const document = zonePolicyDocument('ZONEA');
    expect(document).not.toContain('hostedzone/*');
    expect(document).not.toMatch(/"route53:\*"|"\*:\*"/);
    expect(zonePolicyDocument('ZONEB')).not.toContain('ZONEA');
  });
});
