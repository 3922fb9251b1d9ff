import { createPrivateKey } from 'node:crypto'
import forge from 'node-forge'
import { InvalidCertificateOptionError } from './errors.js'
import { buildCertificate } from './issuer.js'
import { generateKeyPair } from './keys.js'
import { subjectAttributes } from './names.js'
import type { CertificateAuthority, IssueOptions } from './types.js'

/** Options of a cluster CA. */
export interface CreateCaOptions extends IssueOptions {
  /** The CA's CN: the cluster's name, or its uuid when it has none (as Magnum). */
  commonName: string
  /** RSA key size (default 2048). */
  keyBits?: number
}

/**
 * Creates a cluster's self-signed CA: CA:true pathlen 0 and keyCertSign + cRLSign, both
 * critical; SHA-256; valid from now − 1 day for 1825 days; random serial; SKI and AKI.
 */
export async function createCa(options: CreateCaOptions): Promise<CertificateAuthority> {
  if (typeof options.commonName !== 'string' || options.commonName.length === 0) {
    throw new InvalidCertificateOptionError('commonName', 'must be the cluster name or uuid')
  }
  const subject = subjectAttributes({ cn: options.commonName }, 'commonName')
  const keys = await generateKeyPair({ bits: options.keyBits ?? 2048 })
  const certificatePem = buildCertificate(
    {
      ...options,
      publicKey: forge.pki.publicKeyFromPem(keys.publicKeyPem),
      subject,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
    subject,
    createPrivateKey(keys.privateKeyPem),
    undefined,
  )
  return { certificatePem, privateKeyPem: keys.privateKeyPem }
}
