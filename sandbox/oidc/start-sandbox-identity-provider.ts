// The sandbox identity provider: oidc-provider on loopback, one issuer per path
// (`/platform`, `/acme`, `/globex`), each with one confidential client for Zonekeeper and the
// demo people of demo-people.ts. Hands back the environment the app needs for its platform
// sign-in, and the org issuers to register as each org's own provider.
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { listenOnLoopback, readRequestBody } from '../http/listen';
import {
  ADMIN_GROUP,
  DEMO_ISSUERS,
  OPERATOR_GROUP,
  UNVERIFIED_OPERATOR_EMAIL,
  type DemoIssuer,
} from './demo-people';
import { renderPeoplePage } from './interaction-page';

export interface SandboxIdentityProviderOptions {
  /** 0 (the default) picks a free port; give a fixed one when org issuers are kept in a DB. */
  port?: number;
  /** The app's origin, e.g. http://localhost:3000: redirect URIs are registered for it. */
  appUrl: string;
  /** Client secrets are derived from this, so a restart with the same seed keeps them valid. */
  secretSeed?: string;
}

export interface SandboxOrgIssuer {
  slug: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export async function startSandboxIdentityProvider(options: SandboxIdentityProviderOptions) {
  const seed = options.secretSeed ?? randomBytes(32).toString('hex');
  const clientSecret = (clientId: string) =>
    createHmac('sha256', seed).update(clientId).digest('base64url');
  const providers = new Map<string, { provider: Provider; issuer: DemoIssuer }>();
  const server = await listenOnLoopback((req, res) => {
    void route(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(`sandbox identity provider error: ${String(error)}`);
    });
  }, options.port ?? 0);

  async function route(req: IncomingMessage, res: ServerResponse) {
    const key = /^\/([a-z0-9-]+)/.exec(req.url ?? '')?.[1];
    const entry = key ? providers.get(key) : undefined;
    if (!key || !entry) {
      res.statusCode = 404;
      res.end('no such issuer');
      return;
    }
    const prefix = `/${key}`;
    const rest = (req.url ?? '').slice(prefix.length) || '/';
    if (rest.startsWith('/interaction/')) return interact(entry.provider, entry.issuer, req, res);
    // oidc-provider derives its URLs from the mount path it finds in originalUrl.
    Object.assign(req, { originalUrl: req.url });
    req.url = rest;
    entry.provider.callback()(req, res);
  }

  const issuers = Object.fromEntries(
    DEMO_ISSUERS.map((demo) => [demo.key, `${server.url}/${demo.key}`]),
  ) as Record<string, string>;
  for (const demo of DEMO_ISSUERS) {
    const clientId = `zonekeeper-${demo.key}`;
    const provider = new Provider(issuers[demo.key]!, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret(clientId),
          redirect_uris: [`${options.appUrl}/api/auth/callback/${providerIdOf(demo.key)}`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      // Email and name must reach the ID token: Auth.js reads the person from it.
      conformIdTokenClaims: false,
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      scopes: ['openid', 'email', 'profile'],
      findAccount: (_ctx: unknown, id: string) => {
        const person = demo.people.find((p) => p.id === id);
        if (!person) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            name: person.name,
            groups: person.groups,
            ...(person.email && {
              email: person.email,
              email_verified: person.emailVerified ?? true,
            }),
          }),
        };
      },
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) =>
          `/${demo.key}/interaction/${interaction.uid}`,
      },
      // A sandbox person has nothing to consent to: grant the requested scopes at once.
      loadExistingGrant: async (ctx: {
        oidc: { client: { clientId: string }; session: { accountId: string }; provider: Provider };
      }) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      cookies: { keys: [clientSecret('cookie-keys')] },
      pkce: { required: () => true },
    });
    providers.set(demo.key, { provider, issuer: demo });
  }

  const organizations: SandboxOrgIssuer[] = DEMO_ISSUERS.filter((d) => d.key !== 'platform').map(
    (d) => ({
      slug: d.key,
      displayName: d.displayName,
      issuer: issuers[d.key]!,
      clientId: `zonekeeper-${d.key}`,
      clientSecret: clientSecret(`zonekeeper-${d.key}`),
    }),
  );
  const demoPeople = DEMO_ISSUERS.flatMap((d) =>
    d.people.map((p) => ({
      name: p.name,
      description: `${p.description}${p.email ? ` (${p.email})` : ''}`,
      // The sandbox IdP signs this person in at once when asked with login_hint=<id>.
      loginHint: p.id,
      ...(d.key !== 'platform' && { org: d.key }),
    })),
  );

  return {
    url: server.url,
    issuers,
    organizations,
    /** What the app needs: its platform sign-in, who the operators are, the demo people. */
    env: {
      ZK_PLATFORM_OIDC_ISSUER: issuers.platform!,
      ZK_PLATFORM_OIDC_CLIENT_ID: 'zonekeeper-platform',
      ZK_PLATFORM_OIDC_CLIENT_SECRET: clientSecret('zonekeeper-platform'),
      ZK_PLATFORM_OPERATOR_GROUPS: OPERATOR_GROUP,
      ZK_PLATFORM_OPERATOR_EMAILS: UNVERIFIED_OPERATOR_EMAIL,
      ZK_ADMIN_GROUP: ADMIN_GROUP,
      ZK_SIGN_IN_DEMO_PEOPLE: JSON.stringify(demoPeople),
    },
    close: () => server.close(),
  };
}

function providerIdOf(issuerKey: string): string {
  return issuerKey === 'platform' ? 'platform' : `org-${issuerKey}`;
}

async function interact(
  provider: Provider,
  issuer: DemoIssuer,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const details = await provider.interactionDetails(req, res);
  // One click from the app's demo list: a login_hint naming a person of this issuer signs them in
  // without the people page (there are no passwords to ask for in the sandbox).
  const hint = details.params.login_hint;
  if (
    req.method === 'GET' &&
    typeof hint === 'string' &&
    issuer.people.some((p) => p.id === hint)
  ) {
    await provider.interactionFinished(req, res, { login: { accountId: hint } });
    return;
  }
  if (req.method === 'POST') {
    const personId = new URLSearchParams(await readRequestBody(req)).get('person') ?? '';
    if (!issuer.people.some((p) => p.id === personId)) {
      res.statusCode = 400;
      res.end('unknown person');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: personId } });
    return;
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(renderPeoplePage(issuer, `/${issuer.key}/interaction/${details.uid}`));
}
