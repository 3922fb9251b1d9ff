import { randomUUID } from 'node:crypto'
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CertificateNotFoundError, CertificateStorageError } from '../errors.js'
import type { CertStore, StoreCertificateMeta, StoredCertificate } from './types.js'

/** Options of the local store. */
export interface LocalCertStoreOptions {
  /** Create the directory (mode 0700) when it is missing, instead of failing. Default false. */
  create?: boolean
}

const refPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/**
 * Certificates as files, as Magnum's `local` cert manager: `<ref>.crt`, `.key`, `.int`
 * (when there are intermediates) and `.pass` (when the key is encrypted), each 0600, in
 * a directory that must exist and be writable (or is created 0700 with `create: true`).
 */
export class LocalCertStore implements CertStore {
  readonly type = 'local'
  readonly secret = false
  readonly dir: string
  readonly #create: boolean
  #ready: Promise<void> | undefined

  constructor(dir: string, options: LocalCertStoreOptions = {}) {
    this.dir = dir
    this.#create = options.create === true
  }

  /** Checks (once) that the directory exists and is a directory, creating it when asked to. */
  check(): Promise<void> {
    this.#ready ??= this.#check().catch((error: unknown) => {
      this.#ready = undefined
      throw error
    })
    return this.#ready
  }

  async #check(): Promise<void> {
    try {
      const st = await stat(this.dir)
      if (!st.isDirectory()) throw this.#dirError('is not a directory', undefined)
      return
    } catch (error) {
      if (error instanceof CertificateStorageError) throw error
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTDIR') throw this.#dirError('is not a directory (a part of its path is a file)', error)
      if (code !== 'ENOENT') throw this.#dirError(`cannot be read (${code ?? String(error)})`, error)
      if (!this.#create) throw this.#dirError('does not exist', error)
    }
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 })
      await chmod(this.dir, 0o700)
    } catch (error) {
      throw this.#dirError(
        `could not be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        error,
      )
    }
  }

  #dirError(what: string, cause: unknown): CertificateStorageError {
    return new CertificateStorageError(
      `Certificate directory ${this.dir} ${what}. Fix: \`mkdir -p ${this.dir} && chmod 700 ${this.dir}\` ` +
        'and make it owned by the user that runs magnum-ts (`chown <user> ' +
        `${this.dir}\`), or pass { create: true }, or use another certificate store ("store" or "barbican").`,
      { path: this.dir, cause },
    )
  }

  #path(ref: string, ext: string): string {
    return join(this.dir, `${ref}.${ext}`)
  }

  /** Writes the certificate's files under a new uuid; on any failure none are left behind. */
  async storeCert(cert: StoredCertificate, _meta: StoreCertificateMeta): Promise<string> {
    await this.check()
    const ref = randomUUID()
    const files: [string, string][] = [[this.#path(ref, 'key'), cert.privateKey]]
    if (cert.privateKeyPassphrase !== undefined)
      files.push([this.#path(ref, 'pass'), cert.privateKeyPassphrase])
    if (cert.intermediates) files.push([this.#path(ref, 'int'), cert.intermediates])
    // The .crt goes last: a reader that finds it finds everything else too.
    files.push([this.#path(ref, 'crt'), cert.certificate])
    const written: string[] = []
    try {
      for (const [path, data] of files) {
        await writeFile(path, data, { mode: 0o600, flag: 'wx' })
        written.push(path)
        await chmod(path, 0o600) // the umask may have taken bits off; never put any on
      }
    } catch (error) {
      await Promise.all(written.map((p) => rm(p, { force: true }).catch(() => undefined)))
      const code = (error as NodeJS.ErrnoException).code ?? String(error)
      const path = files[written.length]?.[0] ?? this.dir
      throw new CertificateStorageError(
        `Could not store certificate: writing ${path} failed (${code}). Fix: make ${this.dir} writable by the ` +
          'user that runs magnum-ts (`chown <user> DIR && chmod 700 DIR`) and check the disk is not full or read-only.',
        { path, cause: error },
      )
    }
    return ref
  }

  /** Reads a certificate's files; `CertificateNotFoundError` when its .crt is missing. */
  async getCert(ref: string): Promise<StoredCertificate> {
    if (!refPattern.test(ref)) throw new CertificateNotFoundError(ref, `local store ${this.dir}`)
    const certificate = await this.#read(ref, 'crt')
    if (certificate === undefined) throw new CertificateNotFoundError(ref, `local store ${this.dir}`)
    const privateKey = await this.#read(ref, 'key')
    if (privateKey === undefined) {
      throw new CertificateStorageError(
        `Certificate ${ref} has no private key file ${this.#path(ref, 'key')}`,
        {
          path: this.#path(ref, 'key'),
        },
      )
    }
    const privateKeyPassphrase = await this.#read(ref, 'pass')
    const intermediates = await this.#read(ref, 'int')
    return {
      certificate,
      privateKey,
      ...(privateKeyPassphrase === undefined ? {} : { privateKeyPassphrase }),
      ...(intermediates === undefined ? {} : { intermediates }),
    }
  }

  async #read(ref: string, ext: string): Promise<string | undefined> {
    const path = this.#path(ref, ext)
    try {
      return await readFile(path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return undefined
      throw new CertificateStorageError(
        `Could not read ${path} (${code ?? String(error)}). Fix: make it readable by the user that runs magnum-ts.`,
        { path, cause: error },
      )
    }
  }

  /** Removes a certificate's files (those that exist). */
  async deleteCert(ref: string): Promise<void> {
    if (!refPattern.test(ref)) return
    for (const ext of ['crt', 'key', 'pass', 'int']) {
      const path = this.#path(ref, ext)
      try {
        await rm(path, { force: true })
      } catch (error) {
        throw new CertificateStorageError(
          `Could not delete ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
          { path, cause: error },
        )
      }
    }
  }
}
