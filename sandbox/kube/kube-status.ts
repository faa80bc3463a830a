// Kubernetes `Status` bodies (meta/v1) for failed requests, as the API server sends them: the HTTP
// code, a machine reason (NotFound, AlreadyExists, Conflict, Invalid, ...), a message and details.

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** How the API server names a resource in messages: `deployments.apps "web"`, `secrets "x"`. */
export interface ResourceRef {
  group: string;
  plural: string;
  kind: string;
}

function qualified(ref: ResourceRef): string {
  return ref.group === '' ? ref.plural : `${ref.plural}.${ref.group}`;
}

function detailsOf(ref: ResourceRef, name: string): StatusDetails {
  return { name, ...(ref.group ? { group: ref.group } : {}), kind: ref.plural };
}

export const notFound = (ref: ResourceRef, name: string) =>
  new KubeApiError(404, 'NotFound', `${qualified(ref)} "${name}" not found`, detailsOf(ref, name));

export const alreadyExists = (ref: ResourceRef, name: string) =>
  new KubeApiError(
    409,
    'AlreadyExists',
    `${qualified(ref)} "${name}" already exists`,
    detailsOf(ref, name),
  );

export const staleResourceVersion = (ref: ResourceRef, name: string) =>
  new KubeApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(ref)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsOf(ref, name),
  );

export const invalid = (ref: ResourceRef, name: string, causes: StatusCause[]) =>
  new KubeApiError(
    422,
    'Invalid',
    `${ref.kind}${ref.group ? `.${ref.group}` : ''} "${name}" is invalid: ${causes
      .map((cause) => `${cause.field}: ${cause.message}`)
      .join(', ')}`,
    { ...detailsOf(ref, name), kind: ref.kind, causes },
  );

export const badRequest = (message: string) => new KubeApiError(400, 'BadRequest', message);

export const unauthorized = () => new KubeApiError(401, 'Unauthorized', 'Unauthorized');

export const methodNotAllowed = (ref: ResourceRef, verb: string) =>
  new KubeApiError(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on ${qualified(ref)} in the sandbox API server`,
  );

export const unsupportedMediaType = (contentType: string) =>
  new KubeApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/apply-patch+yaml, application/merge-patch+json, application/strategic-merge-patch+json (got "${contentType}")`,
  );

export const pathNotFound = (path: string) =>
  new KubeApiError(404, 'NotFound', `the server could not find the requested resource (${path})`);

export const expired = (resourceVersion: string) =>
  new KubeApiError(
    410,
    'Expired',
    `too old resource version: ${resourceVersion} (the sandbox keeps only recent events)`,
  );
