// Why removing a deleted cluster failed, in words a person can act on.
import { describe, expect, it } from 'vitest';
import { CloudError } from '@/server/cloud/cloud-error';
import { explainRemovalFailure } from '@/server/clusters/explain-removal-failure';

const kube = (vendorCode: string, status?: number, message = 'refused') =>
  new CloudError('kube', { vendorCode, errorClass: 'unknown', message, status });

describe('explainRemovalFailure', () => {
  it.each([
    [
      kube('ECONNREFUSED'),
      /^The API of prod is unreachable \(ECONNREFUSED\), so ExternalDNS is still in it/,
    ],
    [
      kube('Unauthorized', 401),
      /refused Zonekeeper's credentials \(401\).*kubectl delete namespace external-dns/,
    ],
    [
      kube('Forbidden', 403, 'cannot delete namespaces'),
      /may not delete ExternalDNS \(403 Forbidden: cannot delete namespaces\)/,
    ],
    [
      kube('Conflict', 409, 'busy'),
      /^The API of prod refused to delete ExternalDNS: busy \(Conflict\)/,
    ],
    [
      new CloudError('route53', {
        vendorCode: 'Throttling',
        errorClass: 'throttled',
        message: 'Rate exceeded',
      }),
      /Rate exceeded.*; the next pass tries again\.$/,
    ],
    [new Error('boom'), /^Zonekeeper failed on its own side; see the log\.$/],
  ])('%s', (error, words) => {
    expect(explainRemovalFailure(error, 'prod')).toMatch(words);
  });

  it('never repeats anything of a non-cloud error', () => {
    expect(explainRemovalFailure(new Error('token abc123 leaked'), 'prod')).not.toContain('abc123');
  });
});
