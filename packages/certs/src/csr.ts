import { createPrivateKey } from 'node:crypto'
import forge from 'node-forge'
import { checkHash, type SignatureHash, signCertificationRequest } from './forge-sign.js'
import { generateKeyPair } from './keys.js'
import { subjectAttributes } from './names.js'
import { altNames, type SubjectAltNames } from './sans.js'

/** What a user's (or node's) certificate signing request asks for. */
export interface CreateCsrOptions {
  cn: string
  o?: string | readonly string[]
  ou?: string | readonly string[]
  /** RSA key size of the new key (default 2048; terraform's kubeconfig flow uses 4096). */
  bits?: number
  /** Signature digest (default sha256; terraform signs with sha512). */
  hash?: SignatureHash
  /** SANs to request (sent as an extensionRequest attribute). */
  sans?: SubjectAltNames
}

/** A CSR and the private key it was made for, both PEM (key unencrypted PKCS#8). */
export interface CsrWithKey {
  csrPem: string
  privateKeyPem: string
}

/**
 * Makes a key and a CSR for it, as `cluster config` does before `POST /v1/certificates`
 * (e.g. `{ cn: 'admin', o: 'system:masters', ou: 'terraform', bits: 4096, hash: 'sha512' }`).
 */
export async function createCsr(options: CreateCsrOptions): Promise<CsrWithKey> {
  const subject = subjectAttributes({ cn: options.cn, ...pick(options) }, 'csr')
  const hash = checkHash(options.hash ?? 'sha256')
  const names = options.sans ? altNames(options.sans) : []
  const keys = await generateKeyPair({ bits: options.bits ?? 2048 })
  const csr = forge.pki.createCertificationRequest()
  csr.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem)
  csr.setSubject(subject)
  if (names.length > 0) {
    csr.setAttributes([
      { name: 'extensionRequest', extensions: [{ name: 'subjectAltName', altNames: names }] },
    ])
  }
  signCertificationRequest(csr, createPrivateKey(keys.privateKeyPem), hash)
  return { csrPem: forge.pki.certificationRequestToPem(csr), privateKeyPem: keys.privateKeyPem }
}

function pick(options: CreateCsrOptions): {
  o?: string | readonly string[]
  ou?: string | readonly string[]
} {
  return {
    ...(options.o === undefined ? {} : { o: options.o }),
    ...(options.ou === undefined ? {} : { ou: options.ou }),
  }
}
