import { randomUUID } from 'node:crypto'
import { CertificateNotFoundError } from '../errors.js'
import type { CertStore, StoreCertificateMeta, StoredCertificate } from './types.js'

/** One row of Magnum's x509keypair table, in camelCase. */
export interface X509KeyPairRecord {
  uuid: string
  name: string
  clusterId: string
  certificate: string
  privateKey: string
  privateKeyPassphrase?: string | undefined
  intermediates?: string | undefined
}

/** The little a database must offer to hold certificates; `core` plugs its store in here. */
export interface X509KeyPairTable {
  get(uuid: string): Promise<X509KeyPairRecord | undefined>
  put(record: X509KeyPairRecord): Promise<void>
  delete(uuid: string): Promise<void>
}

/** An in-memory table, for tests and single-process use. */
export function memoryX509KeyPairTable(): X509KeyPairTable & {
  readonly records: Map<string, X509KeyPairRecord>
} {
  const records = new Map<string, X509KeyPairRecord>()
  return {
    records,
    async get(uuid) {
      const r = records.get(uuid)
      return r === undefined ? undefined : { ...r }
    },
    async put(record) {
      records.set(record.uuid, { ...record })
    },
    async delete(uuid) {
      records.delete(uuid)
    },
  }
}

/** Options of the store-backed certificate store. */
export interface KeyValueCertStoreOptions {
  /** The table encrypts at rest itself, so keys are kept unencrypted. Default false. */
  secret?: boolean
}

/**
 * Certificates as rows of a database table (Magnum's `x509keypair` cert manager); the
 * reference is the row's uuid.
 */
export class KeyValueCertStore implements CertStore {
  readonly type = 'store'
  readonly secret: boolean
  readonly #table: X509KeyPairTable

  constructor(table: X509KeyPairTable, options: KeyValueCertStoreOptions = {}) {
    this.#table = table
    this.secret = options.secret === true
  }

  /** Inserts a row; returns its uuid. */
  async storeCert(cert: StoredCertificate, meta: StoreCertificateMeta): Promise<string> {
    const uuid = randomUUID()
    await this.#table.put({
      uuid,
      name: meta.name,
      clusterId: meta.clusterId,
      certificate: cert.certificate,
      privateKey: cert.privateKey,
      ...(cert.privateKeyPassphrase === undefined ? {} : { privateKeyPassphrase: cert.privateKeyPassphrase }),
      ...(cert.intermediates === undefined ? {} : { intermediates: cert.intermediates }),
    })
    return uuid
  }

  /** Reads a row; `CertificateNotFoundError` when there is none. */
  async getCert(ref: string): Promise<StoredCertificate> {
    const row = await this.#table.get(ref)
    if (!row) throw new CertificateNotFoundError(ref, 'the x509keypair store')
    return {
      certificate: row.certificate,
      privateKey: row.privateKey,
      ...(row.privateKeyPassphrase === undefined ? {} : { privateKeyPassphrase: row.privateKeyPassphrase }),
      ...(row.intermediates === undefined ? {} : { intermediates: row.intermediates }),
    }
  }

  /** Deletes a row. */
  async deleteCert(ref: string): Promise<void> {
    await this.#table.delete(ref)
  }
}
