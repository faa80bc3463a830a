// IAM identifiers and the naming rules IAM enforces on input (ValidationError when broken).
import { randomInt } from 'node:crypto';
import { validationError } from '../aws/query-protocol';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomString(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Unique ids as IAM shapes them: a 4-letter type prefix and 17 characters (21 in all). */
export const newUserId = (): string => `AIDA${randomString(UPPER_ALNUM, 17)}`;
export const newPolicyId = (): string => `ANPA${randomString(UPPER_ALNUM, 17)}`;
/** Long-term access key ids: `AKIA` and 16 characters. */
export const newAccessKeyId = (): string => `AKIA${randomString(UPPER_ALNUM, 16)}`;
export const newSecretAccessKey = (): string => randomString(SECRET_ALPHABET, 40);

const ENTITY_NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\u0021-\u007e]+\/)$/;

function constraintError(field: string, value: string, constraint: string): Error {
  return validationError(
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export function requireEntityName(field: string, value: string, maxLength: number): string {
  if (value.length < 1 || value.length > maxLength) {
    throw constraintError(field, value, `Member must have length between 1 and ${maxLength}`);
  }
  if (!ENTITY_NAME.test(value)) {
    throw constraintError(
      field,
      value,
      'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );
  }
  return value;
}

export function requirePath(field: string, value: string): string {
  if (value.length > 512 || !PATH.test(value)) {
    throw validationError(
      `The specified value for ${field} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
    );
  }
  return value;
}
