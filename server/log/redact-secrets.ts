// Removes secrets from anything about to be logged or shown: by key name and by value shape.

const SECRET_KEY = /secret|password|token|credential|private.?key|kubeconfig|authorization|cookie/i;
// 40 base64-ish characters is the shape of an AWS secret access key.
const SECRET_VALUES: RegExp[] = [
  /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\b(hvs|s)\.[A-Za-z0-9]{20,}\b/g,
];

export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return SECRET_VALUES.reduce((acc, pattern) => acc.replace(pattern, REDACTED), text);
}

export function redactSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return redactValue(value, 0) as Record<string, unknown>;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 8) return '[truncated]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? REDACTED : redactValue(v, depth + 1),
      ]),
    );
  }
  return value;
}
