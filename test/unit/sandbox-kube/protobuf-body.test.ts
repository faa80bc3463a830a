// Decoding the protobuf request bodies kubectl's typed create commands send.
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from '@/sandbox/kube/protobuf-body';

// A minimal protobuf writer for building test bodies: varints and length-delimited fields.
const varint = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
};
const bytesField = (number: number, content: Buffer | string) => {
  const payload = typeof content === 'string' ? Buffer.from(content) : content;
  return Buffer.from([...varint((number << 3) | 2), ...varint(payload.length), ...payload]);
};
const intField = (number: number, value: number) =>
  Buffer.from([...varint(number << 3), ...varint(value)]);
const message = (...fields: Buffer[]) => Buffer.concat(fields);
const mapEntry = (number: number, key: string, value: string | Buffer) =>
  bytesField(number, message(bytesField(1, key), bytesField(2, value)));
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0x00]),
    bytesField(1, message(bytesField(1, apiVersion), bytesField(2, kind))),
    bytesField(2, raw),
    bytesField(3, ''),
    bytesField(4, ''),
  ]);

describe('protobuf request bodies', () => {
  it('decodes a Service as kubectl create service loadbalancer sends it, dropping zero values', () => {
    const port = message(
      bytesField(1, '80-8080'),
      bytesField(2, 'TCP'),
      intField(3, 80),
      bytesField(4, message(intField(1, 0), intField(2, 8080), bytesField(3, ''))),
      intField(5, 0),
    );
    const spec = message(
      bytesField(1, port),
      mapEntry(2, 'app', 'web'),
      bytesField(3, ''),
      bytesField(4, 'LoadBalancer'),
    );
    const metadata = message(bytesField(1, 'web'), mapEntry(11, 'app', 'web'));
    const body = envelope(
      'v1',
      'Service',
      message(bytesField(1, metadata), bytesField(2, spec), bytesField(3, message())),
    );
    expect(decodeProtobufObject(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
        selector: { app: 'web' },
        type: 'LoadBalancer',
      },
    });
  });

  it('decodes Secret data as base64 and named target ports as strings', () => {
    const secret = message(
      bytesField(1, message(bytesField(1, 'creds'))),
      mapEntry(2, 'key', Buffer.from([0, 1, 255])),
      bytesField(3, 'Opaque'),
    );
    expect(decodeProtobufObject(envelope('v1', 'Secret', secret))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds' },
      data: { key: Buffer.from([0, 1, 255]).toString('base64') },
      type: 'Opaque',
    });
    const namedPort = message(
      intField(3, 80),
      bytesField(4, message(intField(1, 1), bytesField(3, 'http'))),
    );
    const service = message(bytesField(2, bytesField(1, namedPort)));
    expect(decodeProtobufObject(envelope('v1', 'Service', service)).spec).toEqual({
      ports: [{ port: 80, targetPort: 'http' }],
    });
  });

  it('refuses, rather than drops, a field it does not model that carries a value', () => {
    const spec = message(intField(99, 1));
    expect(() =>
      decodeProtobufObject(envelope('v1', 'Service', message(bytesField(2, spec)))),
    ).toThrow(/field 99 of spec is not modeled/);
    expect(() => decodeProtobufObject(envelope('apps/v1', 'Deployment', message()))).toThrow(
      /kind Deployment is not modeled/,
    );
    expect(() => decodeProtobufObject(Buffer.from('{"kind":"Service"}'))).toThrow(
      /missing the k8s protobuf prefix/,
    );
  });
});
