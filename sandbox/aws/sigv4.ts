// Reads who signed an AWS request from its SigV4 Authorization header. The sandbox trusts the
// access key id without verifying the signature: it stands in for AWS's identity, not its crypto.

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface SigV4Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/iam/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=<hex>`. Returns undefined when the header is absent
 * or does not have that shape (AWS answers such requests with IncompleteSignature).
 */
export function parseSigV4Authorization(
  authorization: string | undefined,
): SigV4Credential | undefined {
  if (!authorization) return undefined;
  const trimmed = authorization.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;

  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return undefined;
    fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = fields.get('Credential');
  if (!credential || !fields.get('SignedHeaders') || !fields.get('Signature')) return undefined;

  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}

/** The access key id that signed the request, or undefined when absent or malformed. */
export function accessKeyIdFromAuthorization(
  authorization: string | undefined,
): string | undefined {
  return parseSigV4Authorization(authorization)?.accessKeyId;
}
