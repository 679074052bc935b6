// What the receiver-check tests share: a test CA and a leaf for the receiver's DNS name, made with
// the openssl CLI for one run, and the documented verification function as users copy it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The receiver's DNS name; the CONNECT proxy resolves it to 127.0.0.1. */
export const RECEIVER_HOST = 'hooks.receiver.test';

export interface TestTls {
  key: string;
  cert: string;
  /** The CA's file, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
}

export type VerifyBirdSignature = (args: { signingKey: string; signature?: string; timestamp?: string; url: string; rawBody: Buffer; now?: number }) => boolean;

/** A CA and a leaf for RECEIVER_HOST, written into `dir`. */
export function makeCertificates(dir: string, caName: string): TestTls {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', `/CN=${caName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', `/CN=${RECEIVER_HOST}`);
  writeFileSync(file('leaf.ext'), `subjectAltName=DNS:${RECEIVER_HOST}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('leaf.pem'), '-days', '2', '-extfile', file('leaf.ext'));
  return { key: readFileSync(file('leaf.key'), 'utf8'), cert: readFileSync(file('leaf.pem'), 'utf8'), caFile: file('ca.pem') };
}

/** The documented verification function (docs/verifying-deliveries.md), saved into `dir` and imported. */
export async function loadDocsVerifier(dir: string): Promise<VerifyBirdSignature> {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'verifying-deliveries.md'), 'utf8');
  const section = doc.slice(doc.indexOf('<!-- verify-snippet:start -->'), doc.indexOf('<!-- verify-snippet:end -->'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('docs/verifying-deliveries.md has no verification snippet');
  const file = join(dir, 'verify-bird-signature.mjs');
  writeFileSync(file, code);
  return ((await import(pathToFileURL(file).href)) as { verifyBirdSignature: VerifyBirdSignature }).verifyBirdSignature;
}
