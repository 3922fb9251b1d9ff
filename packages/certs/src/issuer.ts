import { createPrivateKey, type KeyObject } from 'node:crypto'
import forge from 'node-forge'
import { InvalidCertificateOptionError } from './errors.js'
import { randomSerial, validityWindow } from './fields.js'
import { type SignatureHash, signCertificate } from './forge-sign.js'
import { copyName } from './names.js'
import type { CertificateAuthority, IssueOptions } from './types.js'

interface ParsedCa {
  cert: forge.pki.Certificate
  issuer: forge.pki.CertificateField[]
  key: KeyObject
  keyId: string
}

// Parsing a CA costs more than signing with it; callers often sign many CSRs with one CA object.
const parsed = new WeakMap<CertificateAuthority, ParsedCa>()

/** The CA's certificate, key and key identifier, parsed once per CA object. */
export function parseCa(ca: CertificateAuthority): ParsedCa {
  const hit = parsed.get(ca)
  if (hit) return hit
  let cert: forge.pki.Certificate
  let key: KeyObject
  try {
    cert = forge.pki.certificateFromPem(ca.certificatePem)
  } catch (error) {
    throw new InvalidCertificateOptionError(
      'ca.certificatePem',
      `is not a PEM certificate (${describe(error)})`,
    )
  }
  try {
    key = createPrivateKey(ca.privateKeyPem)
  } catch (error) {
    throw new InvalidCertificateOptionError(
      'ca.privateKeyPem',
      `is not an unencrypted PEM private key (${describe(error)}); decrypt stored keys with decryptPrivateKey first`,
    )
  }
  const ski = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined
  const keyId = ski?.subjectKeyIdentifier
    ? forge.util.hexToBytes(ski.subjectKeyIdentifier)
    : cert.generateSubjectKeyIdentifier().getBytes()
  const result = { cert, issuer: copyName(cert.subject.attributes), key, keyId }
  parsed.set(ca, result)
  return result
}

/** Parameters of one certificate to issue; SKI and AKI are always added. */
export interface CertificateRequest extends IssueOptions {
  publicKey: forge.pki.PublicKey
  subject: forge.pki.CertificateField[]
  extensions: object[]
  hash?: SignatureHash
}

/** Builds and signs a certificate with the CA; returns the PEM. */
export function issueCertificate(ca: CertificateAuthority, request: CertificateRequest): string {
  const { issuer, key, keyId } = parseCa(ca)
  return buildCertificate(request, issuer, key, keyId)
}

/** Builds and signs one certificate; for a self-signed CA `authorityKeyId` is undefined. */
export function buildCertificate(
  request: CertificateRequest,
  issuer: forge.pki.CertificateField[],
  signingKey: KeyObject,
  authorityKeyId: string | undefined,
): string {
  const cert = forge.pki.createCertificate()
  const { notBefore, notAfter } = validityWindow((request.now ?? (() => new Date()))(), request.validityDays)
  cert.serialNumber = randomSerial()
  cert.validity.notBefore = notBefore
  cert.validity.notAfter = notAfter
  cert.publicKey = request.publicKey
  cert.setSubject(request.subject)
  cert.setIssuer(issuer)
  const hasSki = request.extensions.some((e) => (e as { name?: string }).name === 'subjectKeyIdentifier')
  cert.setExtensions([
    ...request.extensions,
    ...(hasSki ? [] : [{ name: 'subjectKeyIdentifier' }]),
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyId ?? true },
  ])
  signCertificate(cert, signingKey, request.hash)
  return forge.pki.certificateToPem(cert)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
