import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A self-signed certificate for 127.0.0.1 (P-256, valid one day) written into
 * `dir` as idp.pem and idp.key: a test's own https server (an identity
 * provider) that the nodes trust through its file. Returns the two paths.
 */
export function loopbackCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'idp.pem');
  const key = join(dir, 'idp.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}
