// Sign-in failures as a person sees them: a wrong client secret, an org IdP that is down (which
// must not keep platform operators out).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Store } from '@/db/open-store';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { expectSignedInAs, signInAs } from './support/sign-in';

describe('Sign-in failures in the browser', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;
  let store: Store;

  beforeAll(async () => {
    browser = await openBrowser();
    store = await openStore({ dialect: 'sqlite', file: inject('databaseFile') });
  });
  afterAll(async () => {
    await browser?.close();
    await store?.close();
  });

  async function setGlobexSecret(secret: string) {
    const { page } = browser;
    await page.goto(`${baseUrl}/orgs/globex/sign-in-settings`);
    await page.getByLabel('Client secret').fill(secret);
    await page.getByRole('button', { name: 'Save identity provider' }).click();
    // The outcome (status or alert) so that a refusal shows its message in the failure.
    const outcome = page.locator('main form').locator('[role=status], [role=alert]').first();
    await expect.poll(() => outcome.textContent()).toContain('Saved');
  }

  it('tells a person when their org IdP refuses the client secret, and logs it', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'globexAdmin');
    await setGlobexSecret('a-wrong-secret');
    expect(await page.content()).not.toContain('a-wrong-secret');

    await signInAs(page, baseUrl, 'globexAdmin');
    expect(new URL(page.url()).pathname).toBe('/sign-in/error/org-globex');
    expect(await page.locator('main').getByRole('alert').textContent()).toMatch(
      /refused Zonekeeper's client credentials \(a wrong client id or secret/,
    );
    await screenshot(page, 'sign-in-wrong-client-secret');

    // Put the right secret back, through the form, as the operator (who may manage every org).
    await signInAs(page, baseUrl, 'operator');
    await setGlobexSecret(inject('orgClientSecrets').globex!);
    await signInAs(page, baseUrl, 'globexAdmin');
    await expectSignedInAs(page, 'Gina Admin');
  });

  it("keeps platform operators signing in while an org's IdP does not answer", async () => {
    const { page } = browser;
    const acme = store.t.orgIdentityProviders;
    const [org] = await store.db
      .select({ id: store.t.organizations.id })
      .from(store.t.organizations)
      .where(eq(store.t.organizations.slug, 'acme'));
    const [row] = await store.db.select().from(acme).where(eq(acme.orgId, org!.id));
    // Port 9 on loopback: nothing listens, as when the org's IdP is down.
    await store.db
      .update(acme)
      .set({ issuer: 'http://127.0.0.1:9/acme' })
      .where(eq(acme.orgId, org!.id));
    try {
      await page.context().clearCookies();
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Your organization').fill('acme');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect
        .poll(() => page.locator('#organization-error').textContent())
        .toMatch(/sign-in of "acme" is unavailable right now.*platform operators can still/);
      // Someone who only typed a slug learns neither the org's name nor its issuer.
      const answer = (await page.locator('#organization-error').textContent()) ?? '';
      expect(answer).not.toContain('Acme Corp');
      expect(answer).not.toContain('127.0.0.1');
      await screenshot(page, 'sign-in-org-idp-down');

      await signInAs(page, baseUrl, 'operator');
      await expectSignedInAs(page, 'platform operator');
    } finally {
      await store.db.update(acme).set({ issuer: row!.issuer }).where(eq(acme.orgId, org!.id));
    }
  });

  it('asks for the secret again when the issuer changes, warning first and keeping what was typed', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'globexAdmin');
    await page.goto(`${baseUrl}/orgs/globex/sign-in-settings`);
    const issuer = page.getByLabel('Issuer URL');
    const current = await issuer.inputValue();
    const typed = current.replace(/\/globex$/, '/acme');
    await issuer.fill(typed);
    // Before saving: who must sign in again.
    expect(await page.getByTestId('issuer-change-warning').textContent()).toMatch(
      /signs out everyone who signed in through .*\/globex/,
    );
    await page.getByRole('button', { name: 'Save identity provider' }).click();
    const secretError = page.locator('#field-clientSecret-error');
    await expect.poll(() => secretError.textContent()).toMatch(/enter the client secret issued/);
    expect(await issuer.inputValue()).toBe(typed);
    await screenshot(page, 'sign-in-settings-new-issuer-needs-secret');
    // Nothing was saved: Gina still signs in through globex's own issuer.
    await signInAs(page, baseUrl, 'globexAdmin');
    await expectSignedInAs(page, 'Gina Admin');
  });
});
