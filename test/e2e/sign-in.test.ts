// Sign-in through the sandbox identity provider in a real browser: tenancy as people see it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from './support/browser';
import { expectSignedInAs, signInAs } from './support/sign-in';

const SESSION_COOKIE = 'authjs.session-token';

describe('Sign-in and tenancy in the browser', () => {
  const baseUrl = inject('baseUrl');
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends an anonymous person from a page to the sign-in page, which lists the demo people', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/orgs`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/orgs');
    expect(await page.getByLabel('Your organization').count()).toBe(1);
    const demo = page.locator('section[aria-labelledby="demo-people-title"]');
    expect(await demo.textContent()).toContain('Ada Admin');
    await screenshot(page, 'sign-in-page');
  });

  it('signs in an admin of acme, who sees acme and a not-found page for globex', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    await expectSignedInAs(page, 'Ada Admin');
    expect(new URL(page.url()).pathname).toBe('/orgs');
    expect(await page.locator('tr[data-org-slug="acme"]').count()).toBe(1);
    expect(await page.locator('tr[data-org-slug="globex"]').count()).toBe(0);

    await page.goto(`${baseUrl}/orgs/acme/sign-in-settings`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Acme Corp');
    expect(await page.getByRole('button', { name: 'Save identity provider' }).count()).toBe(1);
    await screenshot(page, 'signed-in-org-page');

    const response = await page.goto(`${baseUrl}/orgs/globex/sign-in-settings`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    expect(await page.content()).not.toContain('Globex');
    await screenshot(page, 'not-found-other-org');
  });

  it('signs out, after which the old session cookie opens nothing', async () => {
    const { page, context } = browser;
    await signInAs(page, baseUrl, 'acmeAdmin');
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.searchParams.get('signedOut') === '1');
    expect(await page.getByRole('status').textContent()).toContain('You are signed out');
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);

    // A copy of the cookie taken before sign-out: the server-side session is gone.
    await context.addCookies([cookie!]);
    await page.goto(`${baseUrl}/orgs`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('shows a viewer of acme no create, delete or manage controls', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeViewer');
    await expectSignedInAs(page, 'Victor Viewer');
    expect(await page.locator('tr[data-org-slug="acme"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Create organization' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /delete/i }).count()).toBe(0);

    await page.goto(`${baseUrl}/orgs/acme/sign-in-settings`);
    expect(await page.getByRole('button', { name: 'Save identity provider' }).count()).toBe(0);
    expect(await page.getByTestId('identity-provider-summary').textContent()).toContain(
      'Only admins of acme',
    );
    expect(await page.getByRole('button', { name: /delete/i }).count()).toBe(0);
  });

  it('lets a platform operator see every organization', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'operator');
    await expectSignedInAs(page, 'platform operator');
    expect(await page.locator('tr[data-org-slug="acme"]').count()).toBe(1);
    expect(await page.locator('tr[data-org-slug="globex"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Create organization' }).count()).toBe(1);
  });

  it('refuses a person whose identity provider sends no email, saying so', async () => {
    const { page } = browser;
    await signInAs(page, baseUrl, 'acmeWithoutEmail');
    expect(new URL(page.url()).pathname).toBe('/sign-in/error/org-acme');
    expect(await page.locator('main').getByRole('alert').textContent()).toContain(
      'did not share your email address',
    );
    expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
  });

  it('answers an organization without its own sign-in with a message, not a redirect', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Your organization').fill('no-such-org');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect
      .poll(() => page.locator('#organization-error').textContent())
      .toContain('No organization "no-such-org" signs in with its own identity provider');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs a demo person in with one click on the demo list', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in`);
    const demo = page.locator('section[aria-labelledby="demo-people-title"]');
    await demo.getByRole('button', { name: /Victor Viewer/ }).click();
    // Straight back from the IdP (login_hint), without its people page.
    await page.waitForURL((url) => url.origin === baseUrl && url.pathname === '/orgs');
    await expectSignedInAs(page, 'Victor Viewer');
  });

  it('grants no operator rights for an operator email the IdP did not verify', async () => {
    const { page } = browser;
    // una@platform.test is in ZK_PLATFORM_OPERATOR_EMAILS; the sandbox IdP says email_verified false.
    await signInAs(page, baseUrl, 'unverified');
    await expectSignedInAs(page, 'Una Unverified');
    expect(await page.getByTestId('signed-in-person').textContent()).not.toContain(
      'platform operator',
    );
    expect(await page.getByRole('button', { name: 'Create organization' }).count()).toBe(0);
    expect(await page.locator('tr[data-org-slug="acme"]').count()).toBe(0);
  });
});
