import { type KeyObject, sign } from 'node:crypto'
import forge from 'node-forge'
import { InvalidCertificateOptionError } from './errors.js'

/** Digests we sign with; SHA-256 everywhere by default, SHA-512 for clients that ask (terraform). */
export type SignatureHash = 'sha256' | 'sha384' | 'sha512'

const signatureOids: Record<SignatureHash, string> = {
  sha256: forge.pki.oids.sha256WithRSAEncryption as string,
  sha384: forge.pki.oids.sha384WithRSAEncryption as string,
  sha512: forge.pki.oids.sha512WithRSAEncryption as string,
}

/** Checks a requested signature hash, naming the field when it is not one we sign with. */
export function checkHash(hash: unknown, field = 'hash'): SignatureHash {
  if (typeof hash !== 'string' || !(hash in signatureOids)) {
    throw new InvalidCertificateOptionError(
      field,
      `"${String(hash)}" is not supported; use sha256, sha384 or sha512`,
    )
  }
  return hash as SignatureHash
}

// Both exist in node-forge but are missing from its type declarations.
const pki = forge.pki as typeof forge.pki & {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1
  getCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): forge.asn1.Asn1
}

// forge builds the DER; OpenSSL (node:crypto) does the RSA private-key operation, which is
// where pure-JS signing would spend nearly all of its time.
function signDer(der: string, key: KeyObject, hash: SignatureHash): string {
  return sign(hash, Buffer.from(der, 'binary'), key).toString('binary')
}

/** Signs a forge certificate with an RSA key held by node:crypto. */
export function signCertificate(
  cert: forge.pki.Certificate,
  key: KeyObject,
  hash: SignatureHash = 'sha256',
): void {
  const oid = signatureOids[hash]
  cert.siginfo.algorithmOid = oid
  cert.signatureOid = oid
  const tbs = pki.getTBSCertificate(cert)
  cert.tbsCertificate = tbs
  cert.signature = signDer(forge.asn1.toDer(tbs).getBytes(), key, hash)
}

/** Signs a forge certification request with an RSA key held by node:crypto. */
export function signCertificationRequest(
  csr: forge.pki.CertificateSigningRequest,
  key: KeyObject,
  hash: SignatureHash = 'sha256',
): void {
  const oid = signatureOids[hash]
  csr.siginfo.algorithmOid = oid
  csr.signatureOid = oid
  const info = pki.getCertificationRequestInfo(csr)
  csr.certificationRequestInfo = info
  csr.signature = signDer(forge.asn1.toDer(info).getBytes(), key, hash)
}
