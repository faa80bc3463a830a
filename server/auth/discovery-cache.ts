// Remembers what each issuer's discovery document request gave, for a short while, so that
// anonymous sign-in attempts cannot make the server fetch it once per submission: at most one
// request per issuer per FAILURE_TTL_MS when it fails, per SUCCESS_TTL_MS when it works, and
// concurrent callers share the request in flight.
import type { IssuerFetch } from './issuer-fetch';

const SUCCESS_TTL_MS = 5 * 60_000;
const FAILURE_TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  until: number;
  answer: Promise<{ status: number; headers: [string, string][]; body: ArrayBuffer }>;
}

export function isDiscoveryUrl(url: string): boolean {
  return new URL(url).pathname.endsWith('/.well-known/openid-configuration');
}

/** Wraps `fetch` so that GETs of discovery documents are answered from the cache. */
export function withDiscoveryCache(fetch: IssuerFetch, now = () => Date.now()): IssuerFetch {
  const entries = new Map<string, Entry>();
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method !== 'GET' || !isDiscoveryUrl(url)) return fetch(input, init);
    const cached = entries.get(url);
    const entry =
      cached && cached.until > now() ? cached : remember(entries, url, fetch(url), now());
    const answer = await entry.answer;
    return new Response(answer.body.slice(0), { status: answer.status, headers: answer.headers });
  };
}

function remember(
  entries: Map<string, Entry>,
  url: string,
  response: Promise<Response>,
  at: number,
): Entry {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const entry: Entry = {
    until: at + FAILURE_TTL_MS,
    answer: response.then(async (r) => ({
      status: r.status,
      headers: [...r.headers.entries()],
      body: await r.arrayBuffer(),
    })),
  };
  entry.answer.then(
    (a) => {
      if (a.status === 200) entry.until = at + SUCCESS_TTL_MS;
    },
    () => {},
  );
  entries.set(url, entry);
  return entry;
}
