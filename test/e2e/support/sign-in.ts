// Signs a demo person in through the real flow: Zonekeeper's sign-in page, the sandbox identity
// provider's login screen, and back to the app with a session cookie.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO = {
  operator: { name: 'Pat Operator', org: null },
  invited: { name: 'Ivy Invited', org: null },
  unverified: { name: 'Una Unverified', org: null },
  acmeAdmin: { name: 'Ada Admin', org: 'acme' },
  acmeViewer: { name: 'Victor Viewer', org: 'acme' },
  acmeWithoutEmail: { name: 'Nemo', org: 'acme' },
  globexAdmin: { name: 'Gina Admin', org: 'globex' },
} as const;
export type DemoWho = keyof typeof DEMO;

/** Starts the sign-in and picks the person at the IdP; resolves once back on Zonekeeper. */
export async function signInAs(page: Page, baseUrl: string, who: DemoWho): Promise<void> {
  const person = DEMO[who];
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/sign-in`);
  if (person.org) {
    await page.getByLabel('Your organization').fill(person.org);
    await page.getByRole('button', { name: 'Continue' }).click();
  } else {
    await page.getByRole('button', { name: 'Sign in with the platform identity provider' }).click();
  }
  // The demo list on our sign-in page names the same people: wait for the IdP's own screen.
  await page.waitForURL((url) => url.pathname.includes('/interaction/'));
  await page.getByRole('button', { name: new RegExp(person.name) }).click();
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin);
}

export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByTestId('signed-in-person').textContent()).toContain(name);
}
