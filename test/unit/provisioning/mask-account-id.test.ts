import { describe, expect, it } from 'vitest';
import { maskAccountId } from '@/server/provisioning/org-status-view';

describe('maskAccountId', () => {
  it('hides the account id of an IAM ARN and keeps the rest', () => {
    expect(maskAccountId('arn:aws:iam::123456789012:user/zonekeeper/acme')).toBe(
      'arn:aws:iam::************:user/zonekeeper/acme',
    );
    expect(maskAccountId('arn:aws:iam::123456789012:policy/zonekeeper/acme-dns')).not.toContain(
      '123456789012',
    );
  });

  it('leaves a missing ARN missing', () => {
    expect(maskAccountId(null)).toBeNull();
  });
});
