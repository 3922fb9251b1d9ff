import { createPublicKey, verify } from 'node:crypto'
import forge from 'node-forge'
import { children, type DerElement, readElement } from './der.js'
import { CertificateValidationError, InvalidCertificateOptionError, InvalidCsrError } from './errors.js'
import type { SignatureHash } from './forge-sign.js'
import { issueCertificate } from './issuer.js'
import { copyName } from './names.js'
import type { CertificateAuthority, IssueOptions } from './types.js'

/** Extensions a CSR may carry into its certificate (Magnum's `[x509] allowed_extensions`). */
export const defaultAllowedExtensions = [
  'keyUsage',
  'extendedKeyUsage',
  'subjectAltName',
  'basicConstraints',
  'subjectKeyIdentifier',
] as const
export type AllowedExtension = (typeof defaultAllowedExtensions)[number]

/** Key usages a CSR may keep (Magnum's `[x509] allowed_key_usage`); CA usages are never granted. */
export const defaultAllowedKeyUsage = ['digitalSignature', 'keyEncipherment', 'nonRepudiation'] as const
export type AllowedKeyUsage =
  | (typeof defaultAllowedKeyUsage)[number]
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'encipherOnly'
  | 'decipherOnly'

/** What `signCsr` lets through; every field has Magnum's default. */
export interface SigningPolicy extends IssueOptions {
  allowedExtensions?: readonly AllowedExtension[]
  allowedKeyUsage?: readonly AllowedKeyUsage[]
  /** Digest of the issued certificate's signature (default sha256). */
  hash?: SignatureHash
}

const extensionOids: Record<string, AllowedExtension> = {
  '2.5.29.15': 'keyUsage',
  '2.5.29.37': 'extendedKeyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.19': 'basicConstraints',
  '2.5.29.14': 'subjectKeyIdentifier',
}

const verifyHashes: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
}

const keyUsageFlags: readonly AllowedKeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'encipherOnly',
  'decipherOnly',
]

// Large enough for any RSA-8192 CSR with many SANs; anything bigger is not a CSR.
const maxCsrLength = 64 * 1024

interface RawExtension {
  id: string
  critical: boolean
  value: string
  [flag: string]: unknown
}

/**
 * Signs a user's or node's CSR with the cluster CA (Magnum's `POST /v1/certificates`): keeps
 * the subject, keeps only allowed extensions, filters key usages, forces CA:false. A refused
 * critical extension → `CertificateValidationError`; an unreadable or badly self-signed CSR
 * → `InvalidCsrError`. Returns the certificate PEM.
 */
export function signCsr(ca: CertificateAuthority, csrPem: string, policy: SigningPolicy = {}): string {
  const csr = readCsr(csrPem)
  const allowed = new Set<string>(policy.allowedExtensions ?? defaultAllowedExtensions)
  const usages = new Set<string>(
    (policy.allowedKeyUsage ?? defaultAllowedKeyUsage).filter((u) => !isCaUsage(u)),
  )
  for (const u of policy.allowedKeyUsage ?? []) {
    if (!keyUsageFlags.includes(u)) {
      throw new InvalidCertificateOptionError(
        'policy.allowedKeyUsage',
        `"${u}" is not a key usage a CSR may be granted`,
      )
    }
  }
  const requested = (csr.getAttribute({ name: 'extensionRequest' })?.extensions ?? []) as RawExtension[]
  const extensions: object[] = []
  let hasBasicConstraints = false
  for (const ext of requested) {
    const name = extensionOids[ext.id]
    if (name === undefined || !allowed.has(name)) {
      if (ext.critical) {
        throw new CertificateValidationError(
          `The CSR asks for extension ${name ?? forge.pki.oids[ext.id] ?? 'unknown'} (${ext.id}) as critical, ` +
            `which is not allowed. Allowed extensions: ${[...allowed].join(', ')}. Remove it from the CSR or mark it non-critical.`,
          { extension: ext.id },
        )
      }
      continue
    }
    if (name === 'keyUsage') {
      const kept = keyUsageFlags.filter((flag) => ext[flag] === true && usages.has(flag))
      if (kept.length > 0) {
        extensions.push({ name, critical: ext.critical, ...Object.fromEntries(kept.map((f) => [f, true])) })
      }
    } else if (name === 'basicConstraints') {
      hasBasicConstraints = true
      extensions.push({ name, critical: ext.critical, cA: false })
    } else {
      // Copied byte for byte: EKU, SAN and SKI are the requester's to choose.
      extensions.push({ id: ext.id, name: forge.pki.oids[ext.id], critical: ext.critical, value: ext.value })
    }
  }
  if (!hasBasicConstraints) extensions.unshift({ name: 'basicConstraints', critical: true, cA: false })
  return issueCertificate(ca, {
    ...policy,
    publicKey: csr.publicKey!,
    subject: copyName(csr.subject.attributes),
    extensions,
  })
}

function isCaUsage(usage: string): boolean {
  return usage === 'keyCertSign' || usage === 'cRLSign'
}

/** Parses a PEM CSR and checks its self-signature; every failure is an `InvalidCsrError`. */
export function readCsr(csrPem: string): forge.pki.CertificateSigningRequest {
  if (typeof csrPem !== 'string' || csrPem.length === 0) throw new InvalidCsrError('The CSR is empty')
  if (csrPem.length > maxCsrLength) throw new InvalidCsrError(`The CSR is larger than ${maxCsrLength} bytes`)
  let der: Buffer
  let csr: forge.pki.CertificateSigningRequest
  try {
    const blocks = forge.pem.decode(csrPem)
    const block = blocks.find((b) => b.type === 'CERTIFICATE REQUEST' || b.type === 'NEW CERTIFICATE REQUEST')
    if (!block) throw new Error('no "BEGIN CERTIFICATE REQUEST" block')
    if (block.procType?.type === 'ENCRYPTED') throw new Error('the CSR block is encrypted')
    der = Buffer.from(block.body, 'binary')
    csr = forge.pki.certificationRequestFromAsn1(forge.asn1.fromDer(block.body))
  } catch (error) {
    if (/OID is not RSA/.test(describe(error))) {
      throw new InvalidCsrError(
        'The CSR carries a non-RSA key; make the CSR with an RSA key (2048 or 4096 bits)',
        {
          cause: error,
        },
      )
    }
    throw new InvalidCsrError(`The CSR cannot be read: ${describe(error)}`, { cause: error })
  }
  if (!verifySelfSignature(der, csr)) {
    throw new InvalidCsrError(
      'The CSR self-signature does not verify: it was not signed by the key it carries',
    )
  }
  return csr
}

// The CSR info is verified over its exact received bytes (re-encoding could change them),
// by OpenSSL rather than forge's JavaScript RSA.
function verifySelfSignature(der: Buffer, csr: forge.pki.CertificateSigningRequest): boolean {
  const hash = csr.signatureOid ? verifyHashes[csr.signatureOid] : undefined
  if (!hash) {
    throw new InvalidCsrError(
      `The CSR is signed with ${forge.pki.oids[csr.signatureOid ?? ''] ?? csr.signatureOid}; use RSA with SHA-256, SHA-384 or SHA-512`,
    )
  }
  try {
    const top = readElement(der, 0)
    const parts = children(der, top)
    if (top.end !== der.length || parts.length !== 3) throw new Error('not a CertificationRequest')
    const [info, algorithm] = parts as [DerElement, DerElement, DerElement]
    // The outer algorithm is not covered by the signature: accept only what RSA allows there.
    const params = children(der, algorithm)[1]
    if (params && !(params.tag === 0x05 && params.end === params.contentStart)) {
      throw new Error('the signature algorithm parameters must be NULL or absent')
    }
    const spki = children(der, info)[2]!
    const key = createPublicKey({ key: der.subarray(spki.start, spki.end), format: 'der', type: 'spki' })
    const signature = Buffer.from(csr.signature as string, 'binary')
    return verify(hash, der.subarray(info.start, info.end), key, signature)
  } catch (error) {
    throw new InvalidCsrError(`The CSR cannot be read: ${describe(error)}`, { cause: error })
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
