// The AWS Query protocol shared by the IAM and STS stand-ins: form-encoded requests in, XML
// envelopes out, and errors shaped so the AWS SDK raises its named exception classes.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsIdentity, Caller } from './identity';
import { accessKeyIdFromAuthorization } from './sigv4';

/** AWS rejects Query requests above this size; it also bounds what we buffer in memory. */
const MAX_QUERY_BODY_BYTES = 1024 * 1024;

/** An AWS error with its wire code (e.g. `NoSuchEntity`) and the HTTP status AWS uses. */
export class AwsQueryError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export function validationError(message: string): AwsQueryError {
  return new AwsQueryError('ValidationError', 400, message);
}

/** What every Query service answers a request over its rate limit with. */
export function throttlingError(): AwsQueryError {
  return new AwsQueryError('Throttling', 400, 'Rate exceeded');
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<Name>escaped value</Name>`, or nothing when the value is absent. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** Query-protocol lists are serialized as `<Name><member>…</member>…</Name>`. */
export function xmlMemberList(name: string, members: readonly string[]): string {
  return `<${name}>${members.map((member) => `<member>${member}</member>`).join('')}</${name}>`;
}

/**
 * The request's parameters, from the form-encoded body (what the SDK sends) merged over the URL
 * query string (what hand-written GET requests use).
 */
export async function readQueryParameters(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_QUERY_BODY_BYTES) {
      throw new AwsQueryError('RequestEntityTooLarge', 413, 'Request body too large');
    }
    chunks.push(buffer);
  }
  const params = new URL(req.url ?? '/', 'http://sandbox.invalid').searchParams;
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    params.set(key, value);
  }
  return params;
}

/** Indexed list parameters such as `Tags.member.1.Key`: returns the members in order. */
export function readMemberList(params: URLSearchParams, name: string): Array<Map<string, string>> {
  const members: Array<Map<string, string>> = [];
  const prefix = `${name}.member.`;
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const [index, ...field] = key.slice(prefix.length).split('.');
    const position = Number(index) - 1;
    if (!Number.isInteger(position) || position < 0 || position > 1000) continue;
    const member = members[position] ?? new Map<string, string>();
    member.set(field.join('.'), value);
    members[position] = member;
  }
  return members.filter((member) => member !== undefined);
}

function sendXml(res: ServerResponse, status: number, requestId: string, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` as AWS sends it. */
export function sendQueryResult(
  res: ServerResponse,
  namespace: string,
  action: string,
  resultXml: string,
): void {
  const requestId = randomUUID();
  const result = resultXml === '' ? '' : `<${action}Result>${resultXml}</${action}Result>`;
  sendXml(
    res,
    200,
    requestId,
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

export function sendQueryError(res: ServerResponse, namespace: string, error: AwsQueryError): void {
  const requestId = randomUUID();
  sendXml(
    res,
    error.status,
    requestId,
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error>` +
      `${xmlElement('Type', error.type)}${xmlElement('Code', error.code)}` +
      `${xmlElement('Message', error.message)}</Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

/** Anything that is not an AwsQueryError is a bug in the sandbox: report it as AWS would. */
export function asAwsQueryError(error: unknown): AwsQueryError {
  if (error instanceof AwsQueryError) return error;
  console.error('sandbox: unexpected error in Query handler', error);
  return new AwsQueryError(
    'InternalFailure',
    500,
    'The request processing has failed because of an unknown error.',
    'Receiver',
  );
}

/**
 * The caller behind a signed Query request, with the errors AWS gives when there is none: no
 * Authorization header, one that is not SigV4, or a key AWS does not (yet) accept.
 */
export function authenticateQueryRequest(req: IncomingMessage, identity: AwsIdentity): Caller {
  const authorization = req.headers.authorization;
  if (!authorization) {
    throw new AwsQueryError(
      'MissingAuthenticationToken',
      403,
      'Request is missing Authentication Token',
    );
  }
  const accessKeyId = accessKeyIdFromAuthorization(authorization);
  if (!accessKeyId) {
    throw new AwsQueryError(
      'IncompleteSignature',
      400,
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.split(' ')[0] ?? ''}`,
    );
  }
  const caller = identity.resolveCaller(accessKeyId);
  if (!caller) {
    throw new AwsQueryError(
      'InvalidClientTokenId',
      403,
      'The security token included in the request is invalid.',
    );
  }
  return caller;
}
