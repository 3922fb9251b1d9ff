import { EndpointNotFoundError, NotFoundError, type Session } from '@magnum-ts/auth'
import { BarbicanUnavailableError, CertificateNotFoundError, CertificateStorageError } from '../errors.js'
import type { CertStore, StoreCertificateMeta, StoredCertificate } from './types.js'

const service = 'key-manager'

/** Names of the secrets in a Barbican certificate container. */
type SecretName = 'certificate' | 'private_key' | 'private_key_passphrase' | 'intermediates'

const secretTypes: Record<SecretName, string> = {
  certificate: 'certificate',
  private_key: 'private',
  private_key_passphrase: 'passphrase',
  intermediates: 'certificate',
}

interface ContainerBody {
  secret_refs?: { name?: string; secret_ref: string }[]
}

/**
 * Certificates in Barbican (Magnum's default cert manager): one secret per PEM and a
 * `certificate` container tying them together; the reference is the container's href.
 * Barbican is itself a secret store, so keys go in unencrypted.
 */
export class BarbicanCertStore implements CertStore {
  readonly type = 'barbican'
  readonly secret = true
  readonly #session: Session

  constructor(session: Session) {
    this.#session = session
  }

  /** Fails with `BarbicanUnavailableError` unless the catalog has a key-manager endpoint. */
  async check(): Promise<void> {
    await this.#call(() => this.#session.endpoint(service))
  }

  /** Creates the secrets, then the container; on failure deletes the secrets it made. */
  async storeCert(cert: StoredCertificate, meta: StoreCertificateMeta): Promise<string> {
    const parts: [SecretName, string][] = [
      ['certificate', cert.certificate],
      ['private_key', cert.privateKey],
    ]
    if (cert.privateKeyPassphrase !== undefined)
      parts.push(['private_key_passphrase', cert.privateKeyPassphrase])
    if (cert.intermediates) parts.push(['intermediates', cert.intermediates])
    const made: { name: SecretName; secret_ref: string }[] = []
    try {
      for (const [name, payload] of parts) {
        const res = await this.#call(() =>
          this.#session.request<{ secret_ref: string }>(service, 'POST', '/v1/secrets', {
            body: {
              name: `${meta.name}-${name}`,
              payload,
              payload_content_type: 'text/plain',
              secret_type: secretTypes[name],
            },
          }),
        )
        made.push({ name, secret_ref: requireRef(res.body?.secret_ref, 'secret_ref') })
      }
      const res = await this.#call(() =>
        this.#session.request<{ container_ref: string }>(service, 'POST', '/v1/containers', {
          body: { type: 'certificate', name: meta.name, secret_refs: made },
        }),
      )
      return requireRef(res.body?.container_ref, 'container_ref')
    } catch (error) {
      await Promise.all(made.map((s) => this.#delete(s.secret_ref).catch(() => undefined)))
      throw error
    }
  }

  /** Reads the container and each secret's payload. */
  async getCert(ref: string): Promise<StoredCertificate> {
    const container = await this.#container(ref)
    const refs = new Map((container.secret_refs ?? []).map((s) => [s.name, s.secret_ref]))
    const read = async (name: SecretName): Promise<string | undefined> => {
      const secretRef = refs.get(name)
      if (secretRef === undefined) return undefined
      const res = await this.#call(() =>
        this.#session.request<string>(service, 'GET', `${secretRef}/payload`, {
          headers: { Accept: 'text/plain' },
          responseType: 'text',
        }),
      )
      return res.body
    }
    const [certificate, privateKey, privateKeyPassphrase, intermediates] = await Promise.all([
      read('certificate'),
      read('private_key'),
      read('private_key_passphrase'),
      read('intermediates'),
    ])
    if (certificate === undefined || privateKey === undefined) {
      throw new CertificateStorageError(
        `Barbican container ${ref} has no ${certificate === undefined ? 'certificate' : 'private_key'} secret`,
      )
    }
    return {
      certificate,
      privateKey,
      ...(privateKeyPassphrase === undefined ? {} : { privateKeyPassphrase }),
      ...(intermediates === undefined ? {} : { intermediates }),
    }
  }

  /** Deletes the container's secrets, then the container; what is already gone is skipped. */
  async deleteCert(ref: string): Promise<void> {
    let container: ContainerBody
    try {
      container = await this.#container(ref)
    } catch (error) {
      if (error instanceof CertificateNotFoundError) return
      throw error
    }
    for (const s of container.secret_refs ?? []) await this.#delete(s.secret_ref)
    await this.#delete(containerUrl(ref))
  }

  async #container(ref: string): Promise<ContainerBody> {
    try {
      const res = await this.#call(() =>
        this.#session.request<ContainerBody>(service, 'GET', containerUrl(ref)),
      )
      return res.body ?? {}
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new CertificateNotFoundError(ref, 'Barbican', { cause: error })
      throw error
    }
  }

  async #delete(url: string): Promise<void> {
    await this.#call(() =>
      this.#session.request(service, 'DELETE', url, { okStatuses: [404], responseType: 'none' }),
    )
  }

  // A cloud without Barbican shows up as a missing catalog entry: say so in words that
  // lead to a fix, not as a generic endpoint error.
  async #call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof EndpointNotFoundError) {
        throw new BarbicanUnavailableError(
          `the service catalog has no "${service}" endpoint (${error.message})`,
          {
            cause: error,
          },
        )
      }
      throw error
    }
  }
}

/** A container href as given, or a bare container uuid made into a path. */
function containerUrl(ref: string): string {
  return /^https?:\/\//.test(ref) || ref.startsWith('/') ? ref : `/v1/containers/${encodeURIComponent(ref)}`
}

function requireRef(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CertificateStorageError(`Barbican answered without a ${field}`)
  }
  return value
}
