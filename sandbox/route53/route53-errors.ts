// Route 53 errors with the codes and HTTP statuses AWS sends, so the SDK raises the same named exceptions.
import { randomUUID } from 'node:crypto';
import { escapeXml, XML_DECLARATION } from '../http/xml';

export const ROUTE53_NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';

export class Route53Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Individual problems of an InvalidChangeBatch. */
    readonly messages: string[] = [],
  ) {
    super(message);
  }
}

export const route53Errors = {
  noSuchHostedZone: (id: string) =>
    new Route53Error('NoSuchHostedZone', 404, `No hosted zone found with ID: ${id}`),
  noSuchChange: (id: string) =>
    new Route53Error(
      'NoSuchChange',
      404,
      `A change with the specified change ID does not exist: ${id}`,
    ),
  hostedZoneAlreadyExists: () =>
    new Route53Error(
      'HostedZoneAlreadyExists',
      409,
      'A hosted zone has already been created with the specified caller reference.',
    ),
  hostedZoneNotEmpty: () =>
    new Route53Error(
      'HostedZoneNotEmpty',
      400,
      'The specified hosted zone contains non-required resource record sets and so cannot be deleted.',
    ),
  tooManyHostedZones: (limit: number) =>
    new Route53Error(
      'TooManyHostedZones',
      400,
      `Limits Exceeded: MAX_HOSTED_ZONES_BY_OWNER - Cannot create more than ${limit} hosted zones.`,
    ),
  invalidInput: (message: string) => new Route53Error('InvalidInput', 400, message),
  invalidDomainName: (name: string) =>
    new Route53Error(
      'InvalidDomainName',
      400,
      `${name} is reserved by AWS or is not a valid domain name.`,
    ),
  // Route 53 today answers InvalidChangeBatch in the standard ErrorResponse form with the messages
  // joined in brackets (aws/aws-sdk-kotlin#1435); the Messages list is kept too, for the SDK's field.
  invalidChangeBatch: (messages: string[]) =>
    new Route53Error('InvalidChangeBatch', 400, `[${messages.join(', ')}]`, messages),
  priorRequestNotComplete: () =>
    new Route53Error(
      'PriorRequestNotComplete',
      400,
      'The request was rejected because Route 53 was still processing a prior request.',
    ),
  throttling: () => new Route53Error('Throttling', 400, 'Rate exceeded'),
  internalFailure: () =>
    new Route53Error('InternalFailure', 500, 'An internal error occurred. Try again later.'),
  missingAuthenticationToken: () =>
    new Route53Error('MissingAuthenticationToken', 403, 'Missing Authentication Token'),
  incompleteSignature: () =>
    new Route53Error(
      'IncompleteSignature',
      403,
      'Authorization header requires Credential, SignedHeaders and Signature parameters.',
    ),
  invalidClientTokenId: () =>
    new Route53Error(
      'InvalidClientTokenId',
      403,
      'The security token included in the request is invalid.',
    ),
  accessDenied: (callerArn: string, action: string, resourceArn: string) =>
    new Route53Error(
      'AccessDenied',
      403,
      `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resourceArn}`,
    ),
};

export function newRequestId(): string {
  return randomUUID();
}

export function errorResponseXml(error: Route53Error, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const messages = error.messages.length
    ? `<Messages>${error.messages.map((m) => `<Message>${escapeXml(m)}</Message>`).join('')}</Messages>`
    : '';
  return (
    `${XML_DECLARATION}<ErrorResponse xmlns="${ROUTE53_NAMESPACE}"><Error><Type>${type}</Type>` +
    `<Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${messages}</Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
