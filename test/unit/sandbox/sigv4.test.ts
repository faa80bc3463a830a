import { describe, expect, it } from 'vitest';
import { accessKeyIdFromAuthorization, parseSigV4Authorization } from '@/sandbox/aws/sigv4';

const VALID =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iam/aws4_request, ' +
  'SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';

describe('parseSigV4Authorization', () => {
  it('reads the credential scope of a SigV4 header', () => {
    expect(parseSigV4Authorization(VALID)).toEqual({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      date: '20240101',
      region: 'us-east-1',
      service: 'iam',
    });
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['SigV2', 'AWS AKIAIOSFODNN7EXAMPLE:signature'],
    ['no Signature', VALID.replace(/, Signature=.*/, '')],
    ['no SignedHeaders', VALID.replace('SignedHeaders=host;x-amz-date, ', '')],
    ['a short scope', VALID.replace('/iam/aws4_request', '/aws4_request')],
    ['a wrong terminator', VALID.replace('aws4_request', 'aws4_reqest')],
    ['a malformed date', VALID.replace('20240101', '2024-01-01')],
    ['an empty key id', VALID.replace('AKIAIOSFODNN7EXAMPLE', '')],
  ])('returns undefined for %s', (_case, header) => {
    expect(parseSigV4Authorization(header)).toBeUndefined();
    expect(accessKeyIdFromAuthorization(header)).toBeUndefined();
  });

  it('returns the access key id', () => {
    expect(accessKeyIdFromAuthorization(VALID)).toBe('AKIAIOSFODNN7EXAMPLE');
  });
});
