// What an answer to the browser must never carry: a value the server keeps secret (checked by
// value), or, in JSON, a field named like a secret or a value shaped like an AWS secret access key
// (checked by shape, which also catches secrets the test does not know, e.g. of an org provisioned
// later).

/** The names of the known secrets whose value appears in `body`. */
export function leakedSecrets(body: string, secrets: Record<string, string>): string[] {
  // Short values would match by chance; every real secret here is long and random.
  return Object.entries(secrets)
    .filter(([, value]) => value.length >= 8 && body.includes(value))
    .map(([name]) => name);
}

const SECRET_KEY = /secret|password|private/i;
// 40 characters of base64, alone in the string or set off by other characters: how AWS (and the
// sandbox's IAM) write a secret access key.
const SECRET_ACCESS_KEY_SHAPE = /(?:^|[^A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?:$|[^A-Za-z0-9+/=])/;

// A PEM private key of any kind (PKCS#8 "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"): how
// TLS keys (an org's CA, its server certificates) are written.
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** JSON paths of fields named like a secret or holding a secret-shaped string. */
export function secretShapedFields(value: unknown, at = '$'): string[] {
  if (typeof value === 'string')
    return SECRET_ACCESS_KEY_SHAPE.test(value) || PRIVATE_KEY_PEM.test(value) ? [at] : [];
  if (Array.isArray(value))
    return value.flatMap((item, i) => secretShapedFields(item, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(SECRET_KEY.test(key) ? [`${at}.${key}`] : []),
    ...secretShapedFields(item, `${at}.${key}`),
  ]);
}
