// How long making an org's CA and issuing a server certificate take, per key type: the crypto a
// reconciler pass spends per org (a CA once) and per renewal. Run: npx tsx bench/tls-issuance.ts
import os from 'node:os';
import {
  createCertificateAuthority,
  issueServerCertificate,
} from '../server/tls/x509-certificates';
import type { TlsKeyAlgorithm } from '../db/schema/enums';

const ROUNDS = { 'ecdsa-p256': 200, 'rsa-2048': 20 } as const;

async function measure(keyAlgorithm: TlsKeyAlgorithm) {
  const now = new Date();
  const rounds = ROUNDS[keyAlgorithm];
  let caMs = 0;
  let leafMs = 0;
  for (let i = 0; i < rounds; i += 1) {
    const t0 = performance.now();
    const ca = await createCertificateAuthority({ commonName: `CA ${i}`, keyAlgorithm, now });
    const t1 = performance.now();
    await issueServerCertificate({
      authority: { ...ca, keyAlgorithm },
      dnsNames: [`*.c${i}.org.zonekeeper.test`, `c${i}.org.zonekeeper.test`],
      now,
    });
    caMs += t1 - t0;
    leafMs += performance.now() - t1;
  }
  return { keyAlgorithm, rounds, caMs: caMs / rounds, leafMs: leafMs / rounds };
}

async function main() {
  console.log(
    `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  for (const keyAlgorithm of Object.keys(ROUNDS) as TlsKeyAlgorithm[]) {
    const r = await measure(keyAlgorithm);
    console.log(
      `${r.keyAlgorithm}: CA ${r.caMs.toFixed(1)} ms, server certificate ${r.leafMs.toFixed(1)} ms (mean of ${r.rounds})`,
    );
  }
}

void main();
