// Calls a page, a route handler or a server action over HTTP as one caller, and names what
// happened.
export type PageOutcome = 'ok' | 'not_found' | 'sign-in' | `redirect:${string}`;
/** `refused:<code>`: any other error result, e.g. invalid input: the call itself was wrong. */
export type ActionOutcome =
  | 'allowed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  /** Next forwarded the call to the page that owns the action, and that request was refused. */
  | 'not-run'
  | `refused:${string}`;

export async function callPage(
  baseUrl: string,
  path: string,
  cookie: string,
): Promise<PageOutcome> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  await response.arrayBuffer();
  if (response.status === 200) return 'ok';
  if (response.status === 404) return 'not_found';
  if (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get('location') ?? '', baseUrl).pathname;
    return location === '/sign-in' ? 'sign-in' : `redirect:${location}`;
  }
  throw new Error(`GET ${path} answered ${response.status}`);
}

/** A route handler's answer as `<status> <kind>`, e.g. `401 json`: an API must answer in JSON,
 *  also when it refuses, so the kind of body is part of what is expected. */
export type HandlerOutcome = `${number} ${'json' | 'html' | 'other'}`;

export interface HandlerResponse {
  outcome: HandlerOutcome;
  status: number;
  body: string;
}

export async function callHandler(
  baseUrl: string,
  path: string,
  cookie: string,
): Promise<HandlerResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  const body = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const kind = type.startsWith('application/json')
    ? 'json'
    : type.startsWith('text/html')
      ? 'html'
      : 'other';
  return { outcome: `${response.status} ${kind}`, status: response.status, body };
}

export interface ActionCall {
  /** How the action is invoked: with (previousState, formData), (formData) or no arguments. */
  args: 'state+form' | 'form' | 'none';
  form?: Record<string, string>;
}

export interface ActionResponse {
  status: number;
  body: string;
  outcome: ActionOutcome;
}

/**
 * Posts a server action the way React does: the arguments as field `0`, a FormData argument as
 * reference `$K1` with its fields prefixed `_1_`.
 */
export async function callAction(
  baseUrl: string,
  options: { id: string; call: ActionCall; cookie: string; path?: string; origin?: string },
): Promise<ActionResponse> {
  const body = new FormData();
  const args = { 'state+form': '[{},"$K1"]', form: '["$K1"]', none: '[]' }[options.call.args];
  // Fields first: the server decodes the stream in order and resolves `$K1` when it reads `0`.
  for (const [key, value] of Object.entries(options.call.form ?? {})) body.set(`_1_${key}`, value);
  body.set('0', args);
  const response = await fetch(`${baseUrl}${options.path ?? '/orgs'}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'next-action': options.id,
      origin: options.origin ?? baseUrl,
      accept: 'text/x-component',
      ...(options.cookie && { cookie: options.cookie }),
    },
    body,
  });
  const text = await response.text();
  const forwardRefused =
    response.headers.get('content-type')?.startsWith('application/json') && text === '{}';
  const outcome = forwardRefused ? 'not-run' : classify(response.status, text);
  return { status: response.status, body: text, outcome };
}

function classify(status: number, body: string): ActionOutcome {
  if (status === 401) return 'unauthenticated';
  if (status >= 500) throw new Error(`action answered ${status}: ${body.slice(0, 300)}`);
  const code = /"ok":false,"error":\{"code":"(\w+)"/.exec(body)?.[1];
  if (!code) return 'allowed';
  return ['unauthenticated', 'forbidden', 'not_found'].includes(code)
    ? (code as ActionOutcome)
    : `refused:${code}`;
}
