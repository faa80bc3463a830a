// A real HTTP server on loopback standing in for someone's identity provider: by default it
// serves a discovery document naming itself; `answer` replaces that with any behaviour (an
// error page, a redirect, silence). Every request is recorded as "METHOD path".
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '@/sandbox/http/listen';

export interface StubIssuer {
  issuer: string;
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startStubIssuer(
  answer?: (request: IncomingMessage, response: ServerResponse, issuer: string) => void,
): Promise<StubIssuer> {
  const requests: string[] = [];
  let issuer = '';
  const server = await listenOnLoopback((request, response) => {
    const path = (request.url ?? '/').replace(/^\/stub/, '') || '/';
    requests.push(`${request.method} ${path}`);
    if (answer) return answer(request, response, issuer);
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  });
  issuer = `${server.url}/stub`;
  return { issuer, url: server.url, requests, close: () => server.close() };
}
