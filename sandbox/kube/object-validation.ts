// What the API server refuses with 422 Invalid for the kinds the sandbox serves: names, labels,
// Deployment selectors and containers, Service ports, Secret data, ClusterRoleBinding roleRefs.
import { isJsonObject, type JsonObject } from './field-paths';
import type { StatusCause } from './kube-status';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

const required = (field: string): StatusCause => ({
  reason: 'FieldValueRequired',
  message: 'Required value',
  field,
});
const invalidValue = (field: string, value: unknown, why: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
  field,
});

function validateName(kind: string, name: unknown, causes: StatusCause[]): void {
  if (typeof name !== 'string' || name === '') {
    causes.push(required('metadata.name'));
    return;
  }
  if (kind === 'Service') {
    if (name.length > 63 || !DNS_1035_LABEL.test(name))
      causes.push(
        invalidValue(
          'metadata.name',
          name,
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        ),
      );
  } else if (kind === 'Namespace') {
    if (name.length > 63 || !DNS_LABEL.test(name))
      causes.push(
        invalidValue(
          'metadata.name',
          name,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        ),
      );
  } else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    causes.push(
      invalidValue(
        'metadata.name',
        name,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ),
    );
  }
}

function validateLabels(field: string, labels: unknown, causes: StatusCause[]): void {
  if (labels === undefined || labels === null) return;
  if (!isJsonObject(labels)) {
    causes.push(invalidValue(field, labels, 'must be a map of strings'));
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (name.length > 63 || !LABEL_NAME.test(name))
      causes.push(invalidValue(field, key, 'name part must be a valid label key'));
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
      causes.push(
        invalidValue(
          `${field}[${key}]`,
          value,
          'a valid label value is 63 characters or less, alphanumeric with -_. inside',
        ),
      );
  }
}

function validateDeployment(spec: JsonObject, causes: StatusCause[]): void {
  const replicas = spec.replicas;
  if (replicas !== undefined && (!Number.isInteger(replicas) || (replicas as number) < 0))
    causes.push(invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0'));
  const selector = spec.selector;
  const matchLabels = isJsonObject(selector) ? selector.matchLabels : undefined;
  if (!isJsonObject(matchLabels) || Object.keys(matchLabels).length === 0) {
    causes.push(required('spec.selector'));
  }
  const template = isJsonObject(spec.template) ? spec.template : {};
  const templateMetadata = isJsonObject(template.metadata) ? template.metadata : {};
  const templateLabels = isJsonObject(templateMetadata.labels) ? templateMetadata.labels : {};
  validateLabels('spec.template.metadata.labels', templateMetadata.labels, causes);
  if (
    isJsonObject(matchLabels) &&
    Object.entries(matchLabels).some(([key, value]) => templateLabels[key] !== value)
  ) {
    causes.push(
      invalidValue(
        'spec.template.metadata.labels',
        templateLabels,
        '`selector` does not match template `labels`',
      ),
    );
  }
  const podSpec = isJsonObject(template.spec) ? template.spec : {};
  const containers = podSpec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required('spec.template.spec.containers'));
    return;
  }
  containers.forEach((container: unknown, index) => {
    const field = `spec.template.spec.containers[${index}]`;
    const value = isJsonObject(container) ? container : {};
    if (typeof value.name !== 'string' || !DNS_LABEL.test(value.name))
      causes.push(
        value.name
          ? invalidValue(`${field}.name`, value.name, 'must be a DNS label')
          : required(`${field}.name`),
      );
    if (typeof value.image !== 'string' || value.image.trim() === '')
      causes.push(required(`${field}.image`));
  });
}

function validateService(spec: JsonObject, causes: StatusCause[]): void {
  const type = spec.type ?? 'ClusterIP';
  if (typeof type !== 'string' || !SERVICE_TYPES.includes(type)) {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(type)}: supported values: ${SERVICE_TYPES.map((t) => `"${t}"`).join(', ')}`,
      field: 'spec.type',
    });
  }
  if (type === 'ExternalName') return;
  const ports = spec.ports;
  if (!Array.isArray(ports) || ports.length === 0) {
    causes.push(required('spec.ports'));
    return;
  }
  ports.forEach((port: unknown, index) => {
    const value = isJsonObject(port) ? port : {};
    const number = value.port;
    if (!Number.isInteger(number) || (number as number) < 1 || (number as number) > 65535)
      causes.push(
        invalidValue(`spec.ports[${index}].port`, number, 'must be between 1 and 65535, inclusive'),
      );
    if (ports.length > 1 && typeof value.name !== 'string')
      causes.push(required(`spec.ports[${index}].name`));
  });
}

function validateSecret(object: JsonObject, causes: StatusCause[]): void {
  const data = object.data;
  if (data === undefined || data === null) return;
  if (!isJsonObject(data)) {
    causes.push(invalidValue('data', data, 'must be a map of base64 strings'));
    return;
  }
  for (const [key, value] of Object.entries(data)) {
    if (!SECRET_KEY.test(key))
      causes.push(
        invalidValue(
          `data[${key}]`,
          key,
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        ),
      );
    if (typeof value !== 'string' || !BASE64.test(value))
      causes.push(invalidValue(`data[${key}]`, '<secret>', 'must be base64 encoded'));
  }
}

function validateRoleRef(
  object: JsonObject,
  previous: JsonObject | undefined,
  causes: StatusCause[],
): void {
  const roleRef = isJsonObject(object.roleRef) ? object.roleRef : undefined;
  if (!roleRef) {
    causes.push(required('roleRef'));
    return;
  }
  if (roleRef.kind !== 'ClusterRole')
    causes.push(invalidValue('roleRef.kind', roleRef.kind, 'must be ClusterRole'));
  if (typeof roleRef.name !== 'string' || roleRef.name === '')
    causes.push(required('roleRef.name'));
  if (previous && JSON.stringify(previous.roleRef) !== JSON.stringify(object.roleRef))
    causes.push(invalidValue('roleRef', roleRef, 'cannot change roleRef'));
  const subjects = object.subjects;
  if (subjects !== undefined && !Array.isArray(subjects))
    causes.push(invalidValue('subjects', subjects, 'must be a list'));
}

function validateClusterRole(object: JsonObject, causes: StatusCause[]): void {
  const rules = object.rules ?? [];
  if (!Array.isArray(rules)) {
    causes.push(invalidValue('rules', rules, 'must be a list'));
    return;
  }
  rules.forEach((rule: unknown, index) => {
    const verbs = isJsonObject(rule) ? rule.verbs : undefined;
    if (!Array.isArray(verbs) || verbs.length === 0) causes.push(required(`rules[${index}].verbs`));
  });
}

/** The causes of a 422 for `object` (after defaults), empty when the server accepts it. */
export function validateObject(
  kind: string,
  object: JsonObject,
  previous: JsonObject | undefined,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  validateName(kind, metadata.name, causes);
  validateLabels('metadata.labels', metadata.labels, causes);
  const spec = isJsonObject(object.spec) ? object.spec : {};
  if (kind === 'Deployment') validateDeployment(spec, causes);
  if (kind === 'Service') validateService(spec, causes);
  if (kind === 'Secret') validateSecret(object, causes);
  if (kind === 'ClusterRoleBinding') validateRoleRef(object, previous, causes);
  if (kind === 'ClusterRole') validateClusterRole(object, causes);
  return causes;
}
