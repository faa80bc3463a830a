import { describe, expect, it } from 'vitest';
import { emailIsListed, normalizeEmail } from '@/server/auth/email-address';

describe('normalizeEmail', () => {
  it('trims and lower-cases ASCII addresses with ASCII rules', () => {
    expect(normalizeEmail('  Pat@Platform.TEST ')).toBe('pat@platform.test');
  });

  it('keeps a non-ASCII address as given, so it never folds into an ASCII one', () => {
    expect(normalizeEmail('\u212Aim@platform.test')).toBe('\u212Aim@platform.test');
    expect(normalizeEmail('\u212Aim@platform.test')).not.toBe('kim@platform.test');
  });
});

describe('emailIsListed', () => {
  it('matches only equal ASCII addresses', () => {
    expect(emailIsListed('KIM@platform.test', ['kim@platform.test'])).toBe(true);
    expect(emailIsListed('\u212Aim@platform.test', ['kim@platform.test'])).toBe(false);
    expect(emailIsListed('\u212Aim@platform.test', ['\u212Aim@platform.test'])).toBe(false);
  });
});
