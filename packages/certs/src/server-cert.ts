import forge from 'node-forge'
import { InvalidCertificateOptionError } from './errors.js'
import { issueCertificate } from './issuer.js'
import { generateKeyPair } from './keys.js'
import { type SubjectName, subjectAttributes } from './names.js'
import { altNames, type SubjectAltNames } from './sans.js'
import type { CertificateAuthority, IssuedCertificate, IssueOptions } from './types.js'

/** Options of a server certificate. */
export interface ServerCertificateOptions extends IssueOptions {
  subject: SubjectName
  /** Names clients reach the server by; at least one. */
  sans: SubjectAltNames
  /** Also allow the certificate as a TLS client (etcd peers, kubelets). Default false. */
  clientAuth?: boolean
  /** RSA key size of the new key (default 2048). */
  keyBits?: number
}

/**
 * Issues a TLS server certificate with a new key: digitalSignature + keyEncipherment
 * (critical), extendedKeyUsage serverAuth, CA:false, and the given DNS and IP SANs.
 */
export async function createServerCertificate(
  ca: CertificateAuthority,
  options: ServerCertificateOptions,
): Promise<IssuedCertificate> {
  const attrs = subjectAttributes(options.subject)
  const names = altNames(options.sans)
  if (names.length === 0) {
    throw new InvalidCertificateOptionError('sans', 'needs at least one DNS name or IP address clients use')
  }
  const keys = await generateKeyPair({ bits: options.keyBits ?? 2048 })
  const certificatePem = issueCertificate(ca, {
    ...options,
    publicKey: forge.pki.publicKeyFromPem(keys.publicKeyPem),
    subject: attrs,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: options.clientAuth === true },
      { name: 'subjectAltName', altNames: names },
    ],
  })
  return { certificatePem, privateKeyPem: keys.privateKeyPem }
}
