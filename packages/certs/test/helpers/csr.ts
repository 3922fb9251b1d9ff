import { createPrivateKey } from 'node:crypto'
import forge from 'node-forge'
import { signCertificationRequest } from '../../src/forge-sign.js'

/** A CSR with arbitrary extensions (forge extension objects), signed with the given key. */
export function buildCsr(
  key: { privateKeyPem: string; publicKeyPem: string },
  subject: forge.pki.CertificateField[],
  extensions: object[],
): string {
  const csr = forge.pki.createCertificationRequest()
  csr.publicKey = forge.pki.publicKeyFromPem(key.publicKeyPem)
  csr.setSubject(subject)
  if (extensions.length > 0) csr.setAttributes([{ name: 'extensionRequest', extensions }])
  signCertificationRequest(csr, createPrivateKey(key.privateKeyPem))
  return forge.pki.certificationRequestToPem(csr)
}
