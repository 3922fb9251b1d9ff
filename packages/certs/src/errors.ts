import { OpenStackError } from '@magnum-ts/auth'

/**
 * A CSR asks for something the signing policy refuses: a disallowed extension marked
 * critical (Magnum's CertificateValidationError). The pipeline answers HTTP 400.
 */
export class CertificateValidationError extends OpenStackError {
  readonly status = 400
  /** OID of the refused extension, when one is to blame. */
  readonly extension: string | undefined
  constructor(message: string, options?: { extension?: string | undefined; cause?: unknown }) {
    super('CERTIFICATE_VALIDATION_FAILED', message, options)
    this.extension = options?.extension
  }
}

/** The CSR cannot be read, or its self-signature does not verify. The pipeline answers HTTP 400. */
export class InvalidCsrError extends OpenStackError {
  readonly status = 400
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_CSR', message, options)
  }
}

/** An option given to a certificate function is out of range; names the field and what is accepted. */
export class InvalidCertificateOptionError extends OpenStackError {
  readonly status = 400
  readonly field: string
  constructor(field: string, message: string) {
    super('INVALID_CERTIFICATE_OPTION', `${field}: ${message}`)
    this.field = field
  }
}

/** A stored certificate was asked for by a reference the store does not hold. */
export class CertificateNotFoundError extends OpenStackError {
  readonly status = 404
  readonly ref: string
  constructor(ref: string, where: string, options?: { cause?: unknown }) {
    super('CERTIFICATE_NOT_FOUND', `No certificate "${ref}" in ${where}`, options)
    this.ref = ref
  }
}

/**
 * A certificate store could not write, read or delete (Magnum's CertificateStorageException).
 * `path` is set for the local store; the message says how to fix it.
 */
export class CertificateStorageError extends OpenStackError {
  readonly path: string | undefined
  constructor(message: string, options?: { path?: string | undefined; cause?: unknown }) {
    super('CERTIFICATE_STORAGE_FAILED', message, options)
    this.path = options?.path
  }
}

/** The cloud has no Barbican (no `key-manager` service in the catalog); names the other stores. */
export class BarbicanUnavailableError extends OpenStackError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'BARBICAN_UNAVAILABLE',
      `Barbican is not available: ${detail}. Fix: deploy Barbican (service type "key-manager"), ` +
        'or choose another certificate store: "local:DIR" (files in DIR, 0600) or "store" ' +
        "(the magnum-ts database, Magnum's x509keypair).",
      options,
    )
  }
}
