// Request bodies in the Kubernetes protobuf encoding, which kubectl's typed commands send
// (`kubectl create service|namespace|secret|serviceaccount`): the `k8s\0` + runtime.Unknown
// envelope around the object's generated.proto message, decoded for the kinds those commands
// create. A field outside these schemas that carries a value is refused with 415 rather than lost.
import type { JsonObject } from './field-paths';
import { KubeApiError } from './kube-status';

type FieldSpec =
  | { name: string; type: 'string' | 'int' | 'bool' }
  | { name: string; type: 'strings' }
  | { name: string; type: 'map' | 'bytesMap' }
  | { name: string; type: 'message'; schema: Schema; repeated?: boolean }
  | { name: string; type: 'intOrString' };
type Schema = Record<number, FieldSpec>;

const OBJECT_META: Schema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  11: { name: 'labels', type: 'map' },
  12: { name: 'annotations', type: 'map' },
  14: { name: 'finalizers', type: 'strings' },
};
const SERVICE_PORT: Schema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'protocol', type: 'string' },
  3: { name: 'port', type: 'int' },
  4: { name: 'targetPort', type: 'intOrString' },
  5: { name: 'nodePort', type: 'int' },
  6: { name: 'appProtocol', type: 'string' },
};
const SERVICE_SPEC: Schema = {
  1: { name: 'ports', type: 'message', schema: SERVICE_PORT, repeated: true },
  2: { name: 'selector', type: 'map' },
  3: { name: 'clusterIP', type: 'string' },
  4: { name: 'type', type: 'string' },
  5: { name: 'externalIPs', type: 'strings' },
  7: { name: 'sessionAffinity', type: 'string' },
  8: { name: 'loadBalancerIP', type: 'string' },
  9: { name: 'loadBalancerSourceRanges', type: 'strings' },
  10: { name: 'externalName', type: 'string' },
  11: { name: 'externalTrafficPolicy', type: 'string' },
  12: { name: 'healthCheckNodePort', type: 'int' },
  13: { name: 'publishNotReadyAddresses', type: 'bool' },
};
const EMPTY: Schema = {};
const metadata: FieldSpec = { name: 'metadata', type: 'message', schema: OBJECT_META };

const KIND_SCHEMAS: Record<string, Schema> = {
  Service: {
    1: metadata,
    2: { name: 'spec', type: 'message', schema: SERVICE_SPEC },
    3: { name: 'status', type: 'message', schema: EMPTY },
  },
  Namespace: {
    1: metadata,
    2: { name: 'spec', type: 'message', schema: { 1: { name: 'finalizers', type: 'strings' } } },
    3: { name: 'status', type: 'message', schema: EMPTY },
  },
  Secret: {
    1: metadata,
    2: { name: 'data', type: 'bytesMap' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'map' },
    5: { name: 'immutable', type: 'bool' },
  },
  ServiceAccount: { 1: metadata, 4: { name: 'automountServiceAccountToken', type: 'bool' } },
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const unsupported = (why: string) =>
  new KubeApiError(
    415,
    'UnsupportedMediaType',
    `the sandbox API server cannot decode this protobuf body (${why}); send application/json`,
  );

interface WireField {
  number: number;
  wireType: number;
  varint?: bigint;
  bytes?: Buffer;
}

function readVarint(buffer: Buffer, offset: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let position = offset; position < buffer.length; position += 1) {
    const byte = buffer[position]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, position + 1];
    shift += 7n;
  }
  throw unsupported('truncated varint');
}

function wireFields(buffer: Buffer): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 0) {
      const [varint, next] = readVarint(buffer, afterKey);
      fields.push({ number, wireType, varint });
      offset = next;
    } else if (wireType === 2) {
      const [length, start] = readVarint(buffer, afterKey);
      const end = start + Number(length);
      if (end > buffer.length) throw unsupported('truncated field');
      fields.push({ number, wireType, bytes: buffer.subarray(start, end) });
      offset = end;
    } else if (wireType === 1 || wireType === 5) {
      offset = afterKey + (wireType === 1 ? 8 : 4);
      fields.push({ number, wireType });
    } else throw unsupported(`wire type ${wireType}`);
  }
  return fields;
}

const text = (field: WireField) => field.bytes?.toString('utf8') ?? '';

/** A field the schema does not know is acceptable only while it carries a zero value. */
function isZero(field: WireField): boolean {
  if (field.wireType === 0) return field.varint === 0n;
  if (field.wireType === 2) return field.bytes!.length === 0;
  return false;
}

function mapEntry(field: WireField, bytesValue: boolean): [string, string] {
  const parts = wireFields(field.bytes ?? Buffer.alloc(0));
  const key = parts.find((part) => part.number === 1);
  const value = parts.find((part) => part.number === 2);
  return [
    key ? text(key) : '',
    value ? (bytesValue ? value.bytes!.toString('base64') : text(value)) : '',
  ];
}

function decodeMessage(buffer: Buffer, schema: Schema, path: string): JsonObject {
  const object: JsonObject = {};
  for (const field of wireFields(buffer)) {
    const spec = schema[field.number];
    if (!spec) {
      if (isZero(field)) continue;
      throw unsupported(`field ${field.number} of ${path || 'the object'} is not modeled`);
    }
    const fieldPath = path ? `${path}.${spec.name}` : spec.name;
    switch (spec.type) {
      case 'string':
        if (text(field) !== '') object[spec.name] = text(field);
        break;
      case 'int':
        if (field.varint) object[spec.name] = Number(BigInt.asIntN(64, field.varint));
        break;
      case 'bool':
        if (field.varint) object[spec.name] = true;
        break;
      case 'strings':
        object[spec.name] = [...((object[spec.name] as string[] | undefined) ?? []), text(field)];
        break;
      case 'map':
      case 'bytesMap': {
        const [key, value] = mapEntry(field, spec.type === 'bytesMap');
        object[spec.name] = { ...(object[spec.name] as JsonObject | undefined), [key]: value };
        break;
      }
      case 'intOrString': {
        const parts = wireFields(field.bytes ?? Buffer.alloc(0));
        const isString = parts.find((part) => part.number === 1)?.varint === 1n;
        const intValue = parts.find((part) => part.number === 2)?.varint ?? 0n;
        const stringValue = parts.find((part) => part.number === 3);
        object[spec.name] = isString
          ? stringValue
            ? text(stringValue)
            : ''
          : Number(BigInt.asIntN(32, intValue));
        break;
      }
      case 'message': {
        const value = decodeMessage(field.bytes ?? Buffer.alloc(0), spec.schema, fieldPath);
        if (spec.repeated)
          object[spec.name] = [...((object[spec.name] as JsonObject[] | undefined) ?? []), value];
        else if (Object.keys(value).length > 0) object[spec.name] = value;
        break;
      }
    }
  }
  return object;
}

/** The object in a `application/vnd.kubernetes.protobuf` request body, as JSON would carry it. */
export function decodeProtobufObject(body: Buffer): JsonObject {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC))
    throw unsupported('missing the k8s protobuf prefix');
  const envelope = wireFields(body.subarray(MAGIC.length));
  const typeMeta = envelope.find((field) => field.number === 1);
  const raw = envelope.find((field) => field.number === 2);
  if (!typeMeta || !raw?.bytes) throw unsupported('no type and object in the envelope');
  const typeFields = wireFields(typeMeta.bytes ?? Buffer.alloc(0));
  const apiVersion = text(
    typeFields.find((field) => field.number === 1) ?? { number: 0, wireType: 2 },
  );
  const kind = text(typeFields.find((field) => field.number === 2) ?? { number: 0, wireType: 2 });
  const schema = KIND_SCHEMAS[kind];
  if (!schema) throw unsupported(`kind ${kind || '(none)'} is not modeled`);
  const object = decodeMessage(raw.bytes, schema, '');
  delete object.status;
  return { apiVersion, kind, ...object };
}
