// Makes an org's CA and the server certificates it signs, with @peculiar/x509 on Node's
// WebCrypto: no hand-built ASN.1. Time is a parameter, so tests can issue for any moment.
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { TlsKeyAlgorithm } from '@/db/schema/enums';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const DAY_MS = 24 * 60 * 60 * 1000;
export const CA_LIFETIME_DAYS = 5 * 365;
export const SERVER_CERTIFICATE_LIFETIME_DAYS = 90;

export interface IssuedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM: goes to Vault and nowhere else. */
  privateKeyPem: string;
  serial: string;
  subject: string;
  issuer: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
}

/** The CA's certificate and key, as signing needs them. */
export interface SigningAuthority {
  certificatePem: string;
  privateKeyPem: string;
  keyAlgorithm: TlsKeyAlgorithm;
}

const ALGORITHMS = {
  'ecdsa-p256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'rsa-2048': {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  },
} as const;

/**
 * A positive serial of 128 random bits (RFC 5280 asks for at most 20 octets, CA/B for at least
 * 64 bits of entropy): the top bit cleared keeps it positive, a set second bit keeps its length.
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

async function generateKeys(keyAlgorithm: TlsKeyAlgorithm): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHMS[keyAlgorithm], true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

async function describe(
  certificate: x509.X509Certificate,
  privateKey: CryptoKey,
  dnsNames: string[],
): Promise<IssuedCertificate> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', privateKey as webcrypto.CryptoKey);
  const thumbprint = await certificate.getThumbprint('SHA-256');
  return {
    certificatePem: certificate.toString('pem') + '\n',
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n',
    serial: certificate.serialNumber,
    subject: certificate.subject,
    issuer: certificate.issuer,
    fingerprintSha256: Buffer.from(thumbprint).toString('hex'),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    dnsNames,
  };
}

/** A self-signed CA that may sign end-entity certificates only (pathLen 0). */
export async function createCertificateAuthority(input: {
  commonName: string;
  keyAlgorithm: TlsKeyAlgorithm;
  now: Date;
}): Promise<IssuedCertificate> {
  const keys = await generateKeys(input.keyAlgorithm);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [input.commonName] }, { O: ['Zonekeeper'] }],
    notBefore: input.now,
    notAfter: new Date(input.now.getTime() + CA_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHMS[input.keyAlgorithm],
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return describe(certificate, keys.privateKey, []);
}

/** A server certificate for `dnsNames` (the first is the subject's CN), signed by the CA. */
export async function issueServerCertificate(input: {
  authority: SigningAuthority;
  dnsNames: string[];
  now: Date;
  lifetimeDays?: number;
}): Promise<IssuedCertificate> {
  const { authority } = input;
  const algorithm = ALGORITHMS[authority.keyAlgorithm];
  const caCertificate = new x509.X509Certificate(authority.certificatePem);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(authority.privateKeyPem),
    algorithm,
    false,
    ['sign'],
  );
  const keys = await generateKeys(authority.keyAlgorithm);
  const lifetimeDays = input.lifetimeDays ?? SERVER_CERTIFICATE_LIFETIME_DAYS;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: [{ CN: [input.dnsNames[0]!] }],
    issuer: caCertificate.subject,
    notBefore: input.now,
    notAfter: new Date(input.now.getTime() + lifetimeDays * DAY_MS),
    signingAlgorithm: algorithm,
    publicKey: keys.publicKey,
    signingKey: caKey as CryptoKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        input.dnsNames.map((value) => ({ type: 'dns' as const, value })),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
    ],
  });
  return describe(certificate, keys.privateKey, input.dnsNames);
}
