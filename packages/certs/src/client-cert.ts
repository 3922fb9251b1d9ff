import forge from 'node-forge'
import { issueCertificate } from './issuer.js'
import { generateKeyPair } from './keys.js'
import { type SubjectName, subjectAttributes } from './names.js'
import type { CertificateAuthority, IssuedCertificate, IssueOptions } from './types.js'

/** The subject of the certificate the conductor (and `cluster config`) talks to Kubernetes with. */
export const conductorSubject: SubjectName = { cn: 'admin', o: 'system:masters' }

/** Options of a client certificate. */
export interface ClientCertificateOptions extends IssueOptions {
  /** RSA key size of the new key (default 2048). */
  keyBits?: number
}

/**
 * Issues a TLS client certificate with a new key: digitalSignature + keyEncipherment
 * (critical), extendedKeyUsage clientAuth, CA:false.
 */
export async function createClientCertificate(
  ca: CertificateAuthority,
  subject: SubjectName,
  options: ClientCertificateOptions = {},
): Promise<IssuedCertificate> {
  const attrs = subjectAttributes(subject)
  const keys = await generateKeyPair({ bits: options.keyBits ?? 2048 })
  const certificatePem = issueCertificate(ca, {
    ...options,
    publicKey: forge.pki.publicKeyFromPem(keys.publicKeyPem),
    subject: attrs,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  })
  return { certificatePem, privateKeyPem: keys.privateKeyPem }
}

/** Issues the conductor's client certificate: CN=admin, O=system:masters (Magnum's "Magnum-Conductor"). */
export function createConductorCertificate(
  ca: CertificateAuthority,
  options: ClientCertificateOptions = {},
): Promise<IssuedCertificate> {
  return createClientCertificate(ca, conductorSubject, options)
}
